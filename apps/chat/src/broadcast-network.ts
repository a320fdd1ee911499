import type { Address } from "plexus";
import { Node } from "plexus";
import type { ChatNetwork, DirectHandler, TopicHandler } from "./chat-network.js";
import { NETWORK_TIMEOUT_MS } from "./constants.js";
import { ChatError } from "./errors.js";
import { dhtTextStore } from "./dht-text-store.js";

/** What this adapter broadcasts: a topic message, or a direct message addressed by id. */
type Envelope =
  | { readonly k: "topic"; readonly topic: string; readonly data: string }
  | { readonly k: "direct"; readonly to: string; readonly data: string };

/**
 * A {@link ChatNetwork} for a facade without topics: every topic message and direct message
 * is a network-wide `broadcast()`, filtered on arrival (topic subscribed? addressed to me?).
 * Correct for a small network, but every node carries every message. `send` first checks
 * with `findNode` that the recipient answers (`ERR_UNREACHABLE` otherwise), since a
 * broadcast has no end-to-end acknowledgement.
 */
export async function createBroadcastNetwork(bind: Address, nodeOptions: { requestTimeoutMs?: number } = {}):
  Promise<ChatNetwork> {
  const node = new Node({ ...nodeOptions, host: bind.host, port: bind.port });
  const address = await node.ready;
  const topics = new Map<string, Set<TopicHandler>>(); // bounded by the rooms a user joins
  let direct: DirectHandler | undefined;
  node.on("broadcast", (data, origin) => {
    const envelope = asEnvelope(data);
    if (envelope?.k === "topic") topics.get(envelope.topic)?.forEach((handler) => handler(envelope.data, origin));
    else if (envelope?.k === "direct" && envelope.to === node.idHex) direct?.(envelope.data, origin);
  });
  const signal = (): AbortSignal => AbortSignal.timeout(NETWORK_TIMEOUT_MS);
  return {
    idHex: node.idHex,
    address,
    kind: "broadcast",
    async join(bootstrap) {
      if (bootstrap.length > 0) await node.connect(bootstrap); // bounded by the engine (joinAttempts, backoff)
    },
    subscribe(topic, handler) {
      let set = topics.get(topic);
      if (set === undefined) topics.set(topic, (set = new Set()));
      set.add(handler);
      return {
        ready: Promise.resolve(), // a broadcast reaches every node: nothing to register
        unsubscribe: () => {
          set.delete(handler);
          if (set.size === 0) topics.delete(topic);
        },
      };
    },
    async publish(topic, data) {
      const result = await node.broadcast({ data: { k: "topic", topic, data } satisfies Envelope }, { signal: signal() });
      return result.acked;
    },
    async send(to, data) {
      const closest = await node.findNode(to, { signal: signal() });
      if (!closest.some((contact) => Buffer.from(contact.id).toString("hex") === to)) {
        throw new ChatError("ERR_UNREACHABLE", `node ${to.slice(0, 8)} does not answer`);
      }
      await node.broadcast({ data: { k: "direct", to, data } satisfies Envelope }, { signal: signal() });
    },
    onDirect(handler) {
      direct = handler;
    },
    ...dhtTextStore(node, signal),
    close: () => node.close(),
  };
}

function asEnvelope(data: unknown): Envelope | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const record = data as Record<string, unknown>;
  if (typeof record["data"] !== "string") return undefined;
  if (record["k"] === "topic" && typeof record["topic"] === "string") return record as Envelope;
  if (record["k"] === "direct" && typeof record["to"] === "string") return record as Envelope;
  return undefined;
}
