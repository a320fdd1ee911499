/** Room a client joins at start. */
export const DEFAULT_ROOM = "#lobby";

/** Every member publishes a presence heartbeat to its room this often. @default 2000 */
export const DEFAULT_PRESENCE_MS = 2_000;

/** A member that missed this many heartbeats in a row is dropped from the roster. */
export const PRESENCE_MISSES = 3;

/** Messages kept per author and room in the DHT (a ring of slots, one key each). */
export const HISTORY_SLOTS_PER_AUTHOR = 16;

/** Messages shown to a late joiner (the newest, merged over every author). */
export const HISTORY_SHOWN = 20;

/** Authors a presence heartbeat advertises (the most recent), so a late joiner finds their logs. */
export const HISTORY_AUTHORS_ADVERTISED = 8;

/** Time to live of a history record and of a nick directory entry, in ms (1 h). */
export const HISTORY_TTL_MS = 3_600_000;

/** Longest nick, in characters. */
export const MAX_NICK_CHARS = 24;

/** Longest room name, `#` included, in characters. */
export const MAX_ROOM_CHARS = 32;

/** Longest message text, in UTF-8 bytes (a chat message must fit one datagram with its envelope). */
export const MAX_TEXT_BYTES = 600;

/** Time a direct message, a publish or a DHT write may take before it is reported as failed, in ms. */
export const NETWORK_TIMEOUT_MS = 5_000;

/** Room members remembered per room (a bound on the roster). */
export const MAX_MEMBERS_PER_ROOM = 256;

/** Message ids remembered to drop duplicates (a bound on the dedup set). */
export const SEEN_IDS_MAX = 1_024;

/** Prefix of every topic and DHT key this app uses (versioned so a format change starts afresh). */
export const NAMESPACE = "plexus-chat/v1";
