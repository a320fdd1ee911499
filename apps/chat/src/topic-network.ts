import type { Address } from "plexus";
import { Node, isPlexusError, toHex } from "plexus";
import type { ChatNetwork, DirectHandler, TopicHandler } from "./chat-network.js";
import { NETWORK_TIMEOUT_MS } from "./constants.js";
import { dhtTextStore } from "./dht-text-store.js";

/** The facade methods the adapter uses (a `Node`; a stand-in in tests). */
export type TopicNodeLike = Pick<Node, "idHex" | "ready" | "connect" | "put" | "get" | "close" | "subscribe" | "publish"
  | "send" | "on">;

/** True when this `plexus` facade has topics and direct messages. */
export function hasTopics(): boolean {
  const proto = Node.prototype as unknown as Partial<Record<"subscribe" | "publish" | "send", unknown>>;
  return typeof proto.subscribe === "function" && typeof proto.publish === "function" && typeof proto.send === "function";
}

/**
 * A {@link ChatNetwork} on the facade's topics (rooms) and acknowledged direct messages
 * (`/msg`). Payloads travel as UTF-8 bytes; either bytes or strings are accepted back.
 */
export function createTopicNetwork(bind: Address, nodeOptions: { requestTimeoutMs?: number } = {}): Promise<ChatNetwork> {
  const node = new Node({ ...nodeOptions, host: bind.host, port: bind.port });
  return adaptTopicNode(node);
}

/** Wraps a node that has the topics API as a {@link ChatNetwork}. */
export async function adaptTopicNode(node: TopicNodeLike): Promise<ChatNetwork> {
  const address = await node.ready;
  const closing = new AbortController();
  const signal = (): AbortSignal => AbortSignal.any([closing.signal, AbortSignal.timeout(NETWORK_TIMEOUT_MS)]);
  let direct: DirectHandler | undefined;
  node.on("message", (data, from) => {
    const text = asText(data);
    if (text !== undefined) direct?.(text, from.id);
  });
  return {
    idHex: node.idHex,
    address,
    kind: "topics",
    async join(bootstrap) {
      if (bootstrap.length > 0) await node.connect(bootstrap); // bounded by the engine (joinAttempts, backoff)
    },
    subscribe(topic, handler: TopicHandler) {
      const stop = new AbortController();
      const subscription = node.subscribe(topic, { signal: AbortSignal.any([stop.signal, closing.signal]) });
      void (async () => {
        try {
          for await (const message of subscription) {
            const text = asText(message.data);
            if (text !== undefined) handler(text, toHex(message.origin));
          }
        } catch {
          // Aborted (unsubscribe or close): the loop simply ends.
        }
      })();
      return { ready: subscription.ready.then(() => undefined), unsubscribe: () => stop.abort() };
    },
    async publish(topic, data) {
      try {
        return (await node.publish(topic, new TextEncoder().encode(data), { signal: signal() })).delivered;
      } catch (error) {
        if (isPlexusError(error, "ERR_NO_CONTACTS")) return 0; // alone on the network: no one to tell
        throw error;
      }
    },
    send: (to, data) => node.send(to, new TextEncoder().encode(data), { signal: signal() }),
    onDirect(handler) {
      direct = handler;
    },
    ...dhtTextStore(node, signal),
    async close() {
      closing.abort();
      await node.close();
    },
  };
}

function asText(data: unknown): string | undefined {
  if (typeof data === "string") return data;
  if (data instanceof Uint8Array) return new TextDecoder("utf-8", { fatal: false }).decode(data);
  return undefined;
}
