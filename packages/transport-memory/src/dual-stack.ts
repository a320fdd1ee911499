import { isIPv4 } from "@plexus/core";
import type { Address, DatagramHandler, Transport, TransportStats } from "@plexus/core";

/** What {@link dualStackTransport} needs of a network: transports at a given address. */
export interface TransportFactory {
  createTransport(options: { host: string; port: number }): Transport;
}

/**
 * A dual-stack host: one transport at an IPv4 and one at an IPv6 address of `network`, seen
 * as one socket bound to `::` (as a dual-stack UDP socket is). A datagram goes out of the
 * transport of its destination's family; both deliver to the one handler; stats are summed.
 */
export function dualStackTransport(network: TransportFactory, v4: string, v6: string, port: number): Transport {
  const inner = { v4: network.createTransport({ host: v4, port }), v6: network.createTransport({ host: v6, port }) };
  let started: Address | undefined;
  const of = (to: Address): Transport => (isIPv4(to.host) ? inner.v4 : inner.v6);
  return {
    get maxDatagramBytes() { return inner.v4.maxDatagramBytes; },
    get address() { return started; },
    onDatagram(handler: DatagramHandler | undefined) { inner.v4.onDatagram(handler); inner.v6.onDatagram(handler); },
    async start() {
      await inner.v4.start();
      await inner.v6.start();
      return (started = { host: "::", port });
    },
    send: (to: Address, data: Uint8Array) => of(to).send(to, data),
    ...(inner.v4.sendFromNewPort ? { sendFromNewPort: (to: Address, data: Uint8Array) => of(to).sendFromNewPort!(to, data) } : {}),
    async stop() {
      started = undefined;
      await inner.v4.stop();
      await inner.v6.stop();
    },
    stats(): TransportStats {
      const a = inner.v4.stats(), b = inner.v6.stats();
      return {
        datagramsSent: a.datagramsSent + b.datagramsSent, datagramsReceived: a.datagramsReceived + b.datagramsReceived,
        bytesSent: a.bytesSent + b.bytesSent, bytesReceived: a.bytesReceived + b.bytesReceived,
        datagramsDropped: a.datagramsDropped + b.datagramsDropped,
      };
    },
  };
}
