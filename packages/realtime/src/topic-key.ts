import { utf8 } from "@plexus/core";
import { sha256 } from "@plexus/node";

/** Domain-separation prefix of topic names (docs/protocol.md, "Topics"). */
export const TOPIC_KEY_PREFIX = "plexus/topic/v1:";

/**
 * The 32-byte key of a named topic: SHA-256 of `"plexus/topic/v1:" + name` (UTF-8). The
 * prefix keeps topic keys apart from record keys (SHA-256 of a value), so a topic's
 * rendezvous nodes are unrelated to where any value with the same bytes is stored.
 */
export function topicKey(name: string): Uint8Array {
  return sha256(utf8(TOPIC_KEY_PREFIX + name));
}
