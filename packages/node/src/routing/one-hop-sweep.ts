import type { Random } from "@plexus/core";
import { throwIfAborted } from "../api/errors.js";
import type { Lookups } from "../query/lookups.js";
import type { FullTable } from "./full-table.js";

/** Sweep lookups run at once. */
const SWEEP_CONCURRENCY = 4;

/** What a sweep uses. */
export interface SweepComponents {
  readonly random: Random;
  readonly lookups: Lookups;
  readonly full: FullTable;
  readonly k: number;
  /** The most nodes the full table keeps (`oneHop.maxContacts`). */
  readonly maxContacts: number;
}

/**
 * One-hop mode, after a join: lookups of ids spread evenly over the id space, about two per
 * k nodes of the estimated network (`stats().networkSize` after the self lookup), at most
 * one per k places of the full table, so that it hears of the nodes of every region, not
 * only of those near its own id (each answer lists k nodes, which enter once they answered
 * a PING). Costs about 2N/k lookups per join: the price of a full table, paid once; after
 * it the table follows the traffic.
 */
export async function sweepIdSpace(parts: SweepComponents, signal: AbortSignal | undefined): Promise<void> {
  const { random, lookups, k } = parts;
  const count = Math.max(1, Math.min(Math.ceil((2 * lookups.size.value) / k), Math.ceil(parts.maxContacts / k)));
  const targets = Array.from({ length: count }, (_, i) => {
    const target = random.bytes(32);
    // The leading 32 bits at (i + a random fraction) / count of the space.
    const lead = Math.floor(((i + random.int(1024) / 1024) / count) * 2 ** 32);
    new DataView(target.buffer, target.byteOffset, 4).setUint32(0, lead);
    return target;
  });
  const workers = Array.from({ length: Math.min(SWEEP_CONCURRENCY, count) }, async () => {
    for (let target = targets.pop(); target !== undefined; target = targets.pop()) {
      await lookups.quiet(target, signal);
      throwIfAborted(signal);
    }
  });
  await Promise.all(workers);
}
