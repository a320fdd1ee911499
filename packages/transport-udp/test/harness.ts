import { createSocket } from "node:dgram";
import { PlexusError } from "@plexus/core";
import type { TransportHarness } from "@plexus/core/contract";
import type { UdpTransportOptions } from "../src/index.js";
import { createUdpTransport } from "../src/index.js";

/** Races `promise` against a real timer: an explicit deadline, no polling. */
export function within<T>(promise: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PlexusError("ERR_TIMEOUT", `not settled within ${deadlineMs} ms`)), deadlineMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Resolves once datagrams sent before the call have reached their sockets' handlers: two
 * probe round trips over loopback (sends leave in order, loopback delivers in order),
 * then a turn of the event loop so every socket made readable alongside is read.
 */
export async function settle(): Promise<void> {
  const probe = createSocket("udp4");
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once("error", reject);
      probe.bind(0, "127.0.0.1", () => resolve());
    });
    const { port } = probe.address();
    for (let round = 0; round < 2; round++) {
      const echoed = new Promise<void>((resolve) => probe.once("message", () => resolve()));
      probe.send(Uint8Array.of(round), port, "127.0.0.1");
      await within(echoed, 5_000);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}

/** The contract harness for UDP transports made with `options`. */
export function udpHarness(options: UdpTransportOptions = {}): TransportHarness {
  return {
    create: () => createUdpTransport(options),
    within,
    settle,
  };
}
