import type { Node } from "plexus";
import type { ChatNetwork } from "./chat-network.js";

/**
 * {@link ChatNetwork.put} and {@link ChatNetwork.get} on the facade's plain keys (text values
 * only; anything else reads as absent). Both network adapters keep room history this way.
 */
export function dhtTextStore(node: Pick<Node, "put" | "get">, signal: () => AbortSignal): Pick<ChatNetwork, "put" | "get"> {
  return {
    async put(key, value, ttlMs) {
      return (await node.put(key, value, { ttlMs, signal: signal() })).stored;
    },
    async get(key) {
      const value = await node.get(key, { signal: signal() });
      return typeof value === "string" ? value : undefined;
    },
  };
}
