import type { ChatNetwork } from "./chat-network.js";
import { HISTORY_SHOWN, HISTORY_SLOTS_PER_AUTHOR, HISTORY_TTL_MS } from "./constants.js";
import type { ShownMessage } from "./events.js";
import type { AuthorRef, ChatLine } from "./protocol.js";
import { decodeLine, encodeWire, historyKey } from "./protocol.js";

/** History reads in flight at once (a bound on the lookups a joiner starts). */
const READS_IN_FLIGHT = 8;

/**
 * Stores a line in its author's ring: slot `seq mod HISTORY_SLOTS_PER_AUTHOR` of the key
 * space of (room, author). Only the author writes its own keys, so concurrent writers never
 * race on a key; last-writer-wins only ever replaces the author's own older line.
 */
export function storeLine(net: ChatNetwork, room: string, line: ChatLine): Promise<number> {
  return net.put(historyKey(room, net.idHex, line.seq % HISTORY_SLOTS_PER_AUTHOR), encodeWire(line), HISTORY_TTL_MS);
}

/**
 * Reads the newest lines of the given authors from the DHT and merges them: the last
 * {@link HISTORY_SHOWN} by time, without the ids in `skip` (already shown live). A slot
 * holding another sequence number (overwritten, or not stored yet) is ignored.
 */
export async function loadHistory(net: ChatNetwork, room: string, authors: readonly AuthorRef[],
  skip: (msgId: string) => boolean): Promise<ShownMessage[]> {
  const reads: { author: AuthorRef; seq: number }[] = [];
  for (const author of authors) {
    const span = Math.min(HISTORY_SLOTS_PER_AUTHOR, HISTORY_SHOWN);
    for (let seq = Math.max(1, author.head - span + 1); seq <= author.head; seq++) reads.push({ author, seq });
  }
  const found: ShownMessage[] = [];
  await pool(reads, READS_IN_FLIGHT, async ({ author, seq }) => {
    const raw = await net.get(historyKey(room, author.id, seq % HISTORY_SLOTS_PER_AUTHOR)).catch(() => undefined);
    const line = raw === undefined ? undefined : decodeLine(raw);
    if (line?.seq === seq && !skip(line.id)) {
      found.push({ from: line.nick, fromId: author.id, text: line.text, ts: line.ts, msgId: line.id });
    }
  });
  return mergeHistory(found);
}

/** Orders lines by time (then id, so every reader agrees) and keeps the newest HISTORY_SHOWN. */
export function mergeHistory(lines: readonly ShownMessage[]): ShownMessage[] {
  const unique = new Map(lines.map((line) => [line.msgId, line]));
  return [...unique.values()]
    .sort((a, b) => a.ts - b.ts || a.fromId.localeCompare(b.fromId) || a.msgId.localeCompare(b.msgId))
    .slice(-HISTORY_SHOWN);
}

async function pool<T>(items: readonly T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
