/**
 * Direct messages on libp2p: an echo protocol of this benchmark on streams (libp2p's own
 * way to talk to a peer by id: `dialProtocol` finds its addresses in the peer store or
 * through the DHT, connects if no connection is open, and opens a yamux stream).
 */
import { peerIdFromString } from "@libp2p/peer-id";
import type { Libp2p } from "libp2p";
import { raceAbort } from "../adapter.js";
import type { DirectChannel } from "../realtime-node.js";

/** The benchmark's echo protocol: every byte received is sent back. */
const ECHO_PROTOCOL = "/plexus-bench/echo/1.0.0";

type Stream = Awaited<ReturnType<Libp2p["dialProtocol"]>>;

/** Bytes of a stream message (a Uint8Array, or a Uint8ArrayList, whose subarray() copies it out). */
function bytesOf(data: Uint8Array | { subarray(): Uint8Array }): Uint8Array {
  return data instanceof Uint8Array ? data : data.subarray();
}

/** Makes `node` answer the echo protocol. */
export async function serveEcho(node: Libp2p): Promise<void> {
  await node.handle(ECHO_PROTOCOL, (stream) => {
    stream.addEventListener("message", (event) => { stream.send(bytesOf(event.data)); });
    stream.addEventListener("remoteCloseWrite", () => { void stream.close().catch(() => undefined); });
  });
}

/** Reads from `stream` until `length` bytes came, then resolves to them. */
function read(stream: Stream, length: number, signal: AbortSignal): Promise<Uint8Array> {
  return raceAbort(new Promise<Uint8Array>((resolve, reject) => {
    // Bounded: at most `length` bytes are kept.
    const received = new Uint8Array(length);
    let filled = 0;
    const onMessage = (event: { data: Uint8Array | { subarray(): Uint8Array } }): void => {
      const chunk = bytesOf(event.data).subarray(0, length - filled);
      received.set(chunk, filled);
      filled += chunk.length;
      if (filled < length) return;
      stop();
      resolve(received);
    };
    const onClose = (): void => { stop(); reject(new Error("stream closed")); };
    const stop = (): void => {
      stream.removeEventListener("message", onMessage);
      stream.removeEventListener("close", onClose);
    };
    stream.addEventListener("message", onMessage);
    stream.addEventListener("close", onClose);
    signal.addEventListener("abort", stop, { once: true });
  }), signal);
}

/** Opens an echo stream to the peer whose id string (UTF-8) is `key`. */
export async function openEcho(node: Libp2p, key: Uint8Array, signal: AbortSignal): Promise<DirectChannel> {
  const peer = peerIdFromString(new TextDecoder().decode(key));
  const stream = await node.dialProtocol(peer, ECHO_PROTOCOL, { signal });
  return {
    roundTrip: (data, s) => {
      const echo = read(stream, data.length, s);
      stream.send(data);
      return echo;
    },
    // No send(): a stream write has no acknowledgement of its own (the round trip is the ack).
    close: async () => { await stream.close().catch(() => stream.abort(new Error("closed"))); },
  };
}
