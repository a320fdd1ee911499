import type { Address } from "plexus";
import type { NetworkChoice } from "./args.js";
import { createBroadcastNetwork } from "./broadcast-network.js";
import type { ChatNetwork } from "./chat-network.js";
import { ChatError } from "./errors.js";
import { createTopicNetwork, hasTopics } from "./topic-network.js";

/**
 * Binds a node with the chosen adapter: `auto` takes topics when the facade has them and
 * falls back to broadcast otherwise.
 * @throws ChatError `ERR_INVALID_ARGUMENT` when `topics` is forced on a facade without them.
 */
export function createNetwork(choice: NetworkChoice, bind: Address): Promise<ChatNetwork> {
  const topics = hasTopics();
  if (choice === "topics" && !topics) {
    return Promise.reject(new ChatError("ERR_INVALID_ARGUMENT", "this plexus facade has no topics API yet; use --network broadcast"));
  }
  return choice === "broadcast" || !topics ? createBroadcastNetwork(bind) : createTopicNetwork(bind);
}
