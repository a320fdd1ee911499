import { isIPv4 } from "@plexus/core";
import type { Address, DatagramHandler, Transport, TransportStats } from "@plexus/core";
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

/** A dual-stack host: one IPv4 and one IPv6 address, bound as `::` (a dual-stack socket). */
export function dualStack(network: Network, v4: string, v6: string, port: number): Transport {
  const inner = { v4: network.createTransport({ host: v4, port }), v6: network.createTransport({ host: v6, port }) };
  let started: Address | undefined;
  const of = (to: Address): Transport => (isIPv4(to.host) ? inner.v4 : inner.v6);
  return {
    get maxDatagramBytes() { return inner.v4.maxDatagramBytes; },
    get address() { return started; },
    onDatagram(h: DatagramHandler | undefined) { inner.v4.onDatagram(h); inner.v6.onDatagram(h); },
    async start() {
      await inner.v4.start();
      await inner.v6.start();
      return (started = { host: "::", port });
    },
    send: (to: Address, data: Uint8Array) => of(to).send(to, data),
    ...(inner.v4.sendFromNewPort ? { sendFromNewPort: (to: Address, data: Uint8Array) => of(to).sendFromNewPort!(to, data) } : {}),
    async stop() { started = undefined; await inner.v4.stop(); await inner.v6.stop(); },
    stats(): TransportStats {
      const a = inner.v4.stats(), b = inner.v6.stats();
      return { datagramsSent: a.datagramsSent + b.datagramsSent, datagramsReceived: a.datagramsReceived + b.datagramsReceived,
        bytesSent: a.bytesSent + b.bytesSent, bytesReceived: a.bytesReceived + b.bytesReceived, datagramsDropped: a.datagramsDropped + b.datagramsDropped };
    },
  };
}
