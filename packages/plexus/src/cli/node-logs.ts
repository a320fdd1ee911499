/**
 * The readable log of a running node: what it hears (contacts, broadcasts, messages) as it
 * happens, and what it serves (records stored, topics delivered) as a periodic activity
 * line built from its counters, only when something changed.
 */
import { toHex } from "@plexus/core";
import type { Node } from "../node.js";
import type { Output } from "./output.js";
import { showValue, shortId } from "./output.js";
import { show } from "./client.js";

/** What to log. */
export interface NodeLogOptions {
  /** Prefix of each message, e.g. `node 3:` in a testnet. */
  readonly label?: string;
  /** Log every contact added and removed (noisy while a network forms). @default true */
  readonly contacts?: boolean;
  /** Seconds between activity lines; 0 turns them off. */
  readonly activityMs: number;
}

/** Counters the activity line reports as deltas, with their readable names. */
const ACTIVITY = [
  ["storesAccepted", "stored"], ["storesRejected", "refused"], ["republished", "republished"],
  ["broadcastsDelivered", "broadcasts"], ["deliveriesSent", "topic deliveries"],
  ["directsReceived", "messages"], ["requestsAnswered", "requests answered"], ["malformed", "malformed dropped"],
] as const;

/** Starts logging `node`'s events; returns a function that stops it. */
export function attachNodeLogs(node: Node, out: Output, options: NodeLogOptions): () => void {
  const label = options.label === undefined ? "" : `${options.label} `;
  const log = (event: string, message: string, fields: Record<string, unknown> = {}): void =>
    out.log(event, `${label}${message}`, options.label === undefined ? fields : { node: options.label, ...fields });
  const offs: (() => void)[] = [];
  const on = <A extends unknown[]>(emitter: { on(e: string, f: (...a: A) => void): unknown; off(e: string, f: (...a: A) => void): unknown },
    event: string, f: (...a: A) => void): void => {
    emitter.on(event, f);
    offs.push(() => emitter.off(event, f));
  };
  on(node, "connect", () => log("joined", `the network: ${node.engine.table.size} contacts`, { contacts: node.engine.table.size }));
  on(node, "broadcast", (data: unknown, origin: string) => log("broadcast", `from ${shortId(origin)}: ${showValue(data)}`, { origin, data }));
  on(node, "message", (data: unknown, from: { id: string }) => log("message", `from ${shortId(from.id)}: ${showValue(data)}`, { from: from.id, data }));
  on(node, "error", (error: Error) => log("error", error.message, { code: (error as { code?: string }).code }));
  if (options.contacts !== false) {
    on(node.engine, "contact:added", (c: { id: Uint8Array; host: string; port: number }) =>
      log("contact+", `${shortId(c.id)} ${show(c)} (${node.engine.table.size} known)`, { id: toHex(c.id), host: c.host, port: c.port }));
    on(node.engine, "contact:removed", (c: { id: Uint8Array; host: string; port: number }) =>
      log("contact-", `${shortId(c.id)} ${show(c)} (${node.engine.table.size} known)`, { id: toHex(c.id), host: c.host, port: c.port }));
  }
  if (options.activityMs > 0) offs.push(startActivity(node, log, options.activityMs));
  return () => {
    for (const off of offs) off();
  };
}

/** Every `intervalMs`, one `activity` line with the counters that moved (nothing when none did). */
function startActivity(node: Node, log: (event: string, message: string, fields: Record<string, unknown>) => void,
  intervalMs: number): () => void {
  const read = (): Record<string, number> => {
    const s = node.stats() as unknown as Record<string, number>;
    return Object.fromEntries(ACTIVITY.map(([name]) => [name, s[name] ?? 0]));
  };
  let last = read();
  const timer = setInterval(() => {
    const now = read();
    const moved = ACTIVITY.filter(([name]) => now[name] !== last[name]);
    const parts = moved.map(([name, text]) => `${text} +${(now[name] ?? 0) - (last[name] ?? 0)}`);
    last = now;
    if (moved.length === 0) return;
    const stats = node.stats();
    log("activity", `${parts.join(", ")}; holding ${stats.records} records, ${stats.tableSize} contacts`,
      { ...Object.fromEntries(moved.map(([name]) => [name, now[name]])), records: stats.records, contacts: stats.tableSize });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Answers every request with its own data (what `plexus send --request` shows), logging each. */
export function echoRequests(node: Node, out: Output, label?: string): void {
  node.onRequest((data, from) => {
    out.log("request", `${label === undefined ? "" : `${label} `}from ${shortId(from)}: ${showValue(data)} (echoed)`,
      { ...(label === undefined ? {} : { node: label }), from: toHex(from), data });
    return data;
  });
}
