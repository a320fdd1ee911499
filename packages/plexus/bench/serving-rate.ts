/**
 * Requests per second one UDP endpoint answers, measured closed-loop from a raw dgram
 * socket in this process: `window` requests in flight, each reply sends the next one.
 * Run against a Plexus node (FIND_NODE -> NODES) and against a raw echo server the same
 * way, the echo figure is the ceiling of this machine and this method.
 */
import { createSocket } from "node:dgram";
import type { Socket } from "node:dgram";
import { once } from "node:events";

/** Options of {@link measureServingRate}. */
export interface ServingRateOptions {
  readonly port: number;
  /** Request datagrams, sent round robin. */
  readonly requests: readonly Uint8Array[];
  /** Counts a datagram as an answer. @default every datagram */
  readonly isAnswer?: (msg: Buffer) => boolean;
  /** Most requests sent. */
  readonly maxRequests: number;
  /** Most time spent, in ms. */
  readonly maxMs: number;
  /** Requests in flight. @default 32 */
  readonly window?: number;
}

/** Outcome of {@link measureServingRate}. */
export interface ServingRate {
  readonly sent: number;
  readonly answered: number;
  readonly ms: number;
  /** Answers per second. */
  readonly perSecond: number;
}

/** Time without any answer after which the window is refilled (lost datagrams), in ms. */
const STALL_MS = 50;

/** Runs the closed loop until `maxRequests` were sent and answered (or lost), or `maxMs` passed. */
export async function measureServingRate(options: ServingRateOptions): Promise<ServingRate> {
  const client = createSocket("udp4");
  client.bind(0, "127.0.0.1");
  await once(client, "listening");
  const window = options.window ?? 32;
  let sent = 0;
  let answered = 0;
  let lastAnswered = -1;
  const started = performance.now();
  const send = (): void => {
    if (sent >= options.maxRequests) return;
    client.send(options.requests[sent++ % options.requests.length]!, options.port, "127.0.0.1");
  };
  try {
    await new Promise<void>((resolve) => {
      const finish = (): void => {
        clearInterval(stallTimer);
        clearTimeout(endTimer);
        resolve();
      };
      client.on("message", (msg) => {
        if (options.isAnswer && !options.isAnswer(msg)) return;
        answered++;
        if (answered >= options.maxRequests) finish();
        else send();
      });
      const stallTimer = setInterval(() => {
        if (answered === lastAnswered && sent >= options.maxRequests) finish();
        else if (answered === lastAnswered) for (let i = 0; i < window; i++) send();
        lastAnswered = answered;
      }, STALL_MS);
      const endTimer = setTimeout(finish, options.maxMs);
      for (let i = 0; i < window; i++) send();
    });
  } finally {
    await closeSocket(client);
  }
  const ms = performance.now() - started;
  return { sent, answered, ms, perSecond: (answered / ms) * 1000 };
}

/** A raw UDP echo server on 127.0.0.1 (port 0). */
export async function startEchoServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createSocket("udp4");
  server.on("message", (msg, rinfo) => server.send(msg, rinfo.port, rinfo.address));
  server.bind(0, "127.0.0.1");
  await once(server, "listening");
  return { port: server.address().port, close: () => closeSocket(server) };
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}
