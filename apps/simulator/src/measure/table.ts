import { round } from "../stats.js";
import type { World } from "../world.js";

/** Nodes whose routing tables are sampled (bounds the cost at 100k nodes). */
const SAMPLE_NODES = 1000;

/** Routing-table fill over a sample of live nodes. */
export interface TableFigures {
  readonly sampled: number;
  readonly sizeMean: number;
  /** Mean contacts in bucket i (i = shared prefix length with the owner). */
  readonly fill: number[];
  /** Expected fill of a perfect table: min(k, (N - 1) / 2^(i + 1)). */
  readonly expected: number[];
}

/** Samples the routing tables of up to SAMPLE_NODES live nodes (evenly spaced, no randomness). */
export function tableFigures(world: World, k: number): TableFigures {
  const live = world.live;
  const step = Math.max(1, Math.floor(live.length / SAMPLE_NODES));
  const sums: number[] = [];
  let sampled = 0, size = 0;
  for (let i = 0; i < live.length && sampled < SAMPLE_NODES; i += step) {
    const table = live[i]!.table;
    sampled++;
    size += table.size;
    for (const b of table.nonEmptyBuckets()) {
      while (sums.length <= b) sums.push(0);
      sums[b]! += table.bucketContacts(b).length;
    }
  }
  const fill = sums.map((s) => round(s / Math.max(1, sampled)));
  const expected = fill.map((_, i) => round(Math.min(k, (live.length - 1) / 2 ** (i + 1))));
  return { sampled, sizeMean: round(size / Math.max(1, sampled)), fill, expected };
}
