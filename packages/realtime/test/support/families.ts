import { isIPv4 } from "@plexus/core";
import type { Address, DatagramHandler, Transport, TransportStats } from "@plexus/core";
export { dualStackTransport as dualStack } from "@plexus/transport-memory";
import type { Network } from "./nat.js";

/**
 * A host of one IP family on the memory network: a datagram toward the other family is not
 * sent (a socket of one family cannot), counted as dropped, as a real IPv4-only or IPv6-only host.
 */
export function singleFamily(network: Network, host: string, port: number): Transport {
  const inner = network.createTransport({ host, port });
  let refused = 0;
  return {
    get maxDatagramBytes() { return inner.maxDatagramBytes; },
    get address() { return inner.address; },
    onDatagram: (h: DatagramHandler | undefined) => inner.onDatagram(h),
    start: () => inner.start(),
    send: (to: Address, data: Uint8Array) => {
      if (isIPv4(to.host) !== isIPv4(host)) refused++;
      else inner.send(to, data);
    },
    ...(inner.sendFromNewPort ? { sendFromNewPort: (to: Address, data: Uint8Array) => { if (isIPv4(to.host) === isIPv4(host)) inner.sendFromNewPort!(to, data); } } : {}),
    stop: () => inner.stop(),
    stats: (): TransportStats => ({ ...inner.stats(), datagramsDropped: inner.stats().datagramsDropped + refused }),
  };
}
