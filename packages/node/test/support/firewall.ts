import { addressKey } from "@plexus/core";
import type { Address, DatagramHandler, Transport } from "@plexus/core";
import type { MemoryNetwork } from "@plexus/transport-memory";

/** `inner` with `extra` methods in front (the memory transport keeps private fields: no prototype tricks). */
export function wrap(inner: Transport, extra: Partial<Transport>): Transport {
  return {
    get maxDatagramBytes() { return inner.maxDatagramBytes; },
    get address() { return inner.address; },
    onDatagram: (h: DatagramHandler | undefined) => inner.onDatagram(h),
    start: (o?: { signal?: AbortSignal }) => inner.start(o),
    send: (to: Address, data: Uint8Array) => inner.send(to, data),
    stop: () => inner.stop(),
    stats: () => inner.stats(),
    ...(inner.sendFromNewPort ? { sendFromNewPort: (to: Address, data: Uint8Array) => inner.sendFromNewPort!(to, data) } : {}),
    ...extra,
  };
}

/** A memory transport that sends a dial-back from a new port of its host, as transport-udp does. */
export function withFreshPorts(network: MemoryNetwork, inner: Transport): Transport {
  return wrap(inner, {
    sendFromNewPort(to: Address, data: Uint8Array): void {
      const fresh = network.createTransport({ host: inner.address!.host });
      void fresh.start().then(() => { fresh.send(to, data); void fresh.stop(); });
    },
  });
}

/** A stateful firewall in front of `inner`: only datagrams from addresses it sent to get in (conntrack). */
export function firewalled(inner: Transport, counts: { dropped: number }): Transport {
  const sent = new Set<string>(); // bound: the addresses this test's node sends to (a few dozen)
  return wrap(inner, {
    send(to: Address, data: Uint8Array): void {
      sent.add(addressKey(to));
      inner.send(to, data);
    },
    onDatagram(h: DatagramHandler | undefined): void {
      inner.onDatagram(h && ((data, from) => {
        if (sent.has(addressKey(from))) h(data, from);
        else counts.dropped++;
      }));
    },
  });
}
