import type { Contact, NodeId } from "@plexus/core";

/**
 * Walks whose estimates are kept: the median of this many is what `stats()` shows. Few
 * enough that it follows a network that grew since this node joined (a 64-walk median still
 * held the join-time size in a simulated build of 2,000 nodes), enough for a spread of
 * about 10% (one walk of k = 20: about 28%, mainline's docs/dht_size_estimate.md).
 */
export const SIZE_ESTIMATE_WALKS = 16;

/** 2^8, to read a distance byte by byte as a fraction of the id space. */
const BYTE = 256;
/** Leading bytes of a distance read: 48 bits, exact in a double, enough for networks up to ~2^40 nodes. */
const DISTANCE_BYTES = 6;

/** XOR distance of `id` to `target` as a fraction of the id space, in [0, 1). */
export function distanceFraction(id: NodeId, target: NodeId): number {
  let fraction = 0;
  for (let i = DISTANCE_BYTES - 1; i >= 0; i--) fraction = (fraction + (id[i]! ^ target[i]!)) / BYTE;
  return fraction;
}

/**
 * The network size one walk suggests, from the distances of the closest nodes it found
 * (closest first). Ids are uniform, so the XOR distances from any target to the N - 1 other
 * nodes are uniform too, and the i-th closest lies near i / N of the id space: the least-
 * squares fit of d_i = i / N through the origin gives N = (sum of i^2) / (sum of i * d_i).
 * This is the estimator of the `mainline` crate (docs/dht_size_estimate.md there, after
 * E. Sohl, "A New Method for Estimating P2P Network Size", 2020); its spread is about 28%
 * for one walk of 20 and shrinks with the number of walks combined.
 * @returns 0 when `distances` is empty.
 */
export function sizeFromDistances(distances: readonly number[]): number {
  let squares = 0, weighted = 0;
  distances.forEach((d, i) => {
    squares += (i + 1) * (i + 1);
    weighted += (i + 1) * d;
  });
  if (distances.length === 0) return 0;
  return weighted === 0 ? Number.POSITIVE_INFINITY : squares / weighted;
}

/**
 * The network size as seen by this node's recent lookups: the median of the estimates of
 * its last {@link SIZE_ESTIMATE_WALKS} converged walks (a median, not mainline's mean: one
 * walk cut short or misled by a responder that lists only far nodes moves it little).
 * A walk that found fewer than k nodes saw the whole network it could reach: it counts
 * those and this node. Bound: {@link SIZE_ESTIMATE_WALKS} numbers (a ring).
 */
export class SizeEstimate {
  readonly #k: number;
  readonly #ring: number[] = [];
  #next = 0;

  constructor(k: number) {
    this.#k = k;
  }

  /** Takes the closest contacts a converged walk toward `target` found (closest first, self excluded). */
  note(target: NodeId, closest: readonly Contact[]): void {
    if (closest.length === 0) return;
    const estimate = closest.length < this.#k ? closest.length + 1
      : sizeFromDistances(closest.map((c) => distanceFraction(c.id, target)));
    if (!Number.isFinite(estimate)) return;
    if (this.#ring.length < SIZE_ESTIMATE_WALKS) this.#ring.push(estimate);
    else this.#ring[this.#next] = estimate;
    this.#next = (this.#next + 1) % SIZE_ESTIMATE_WALKS;
  }

  /** Walks the estimate rests on (at most {@link SIZE_ESTIMATE_WALKS}). */
  get samples(): number {
    return this.#ring.length;
  }

  /** The estimated number of nodes, rounded; 0 before the first converged walk. */
  get value(): number {
    const n = this.#ring.length;
    if (n === 0) return 0;
    const sorted = this.#ring.slice().sort((a, b) => a - b);
    const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
    return Math.round(median);
  }
}
