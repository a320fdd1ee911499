import { bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import type { PlexusNode } from "@plexus/node";
import type { World } from "../world.js";

/** What one lookup measured. */
export interface LookupSample {
  /**
   * Hop count of the path that discovered the closest contact returned: a contact from the
   * origin's own table is hop 1, a contact first learned from an answer of a hop-h contact is
   * hop h + 1 (the engine's `LookupResult.rounds`).
   */
  readonly rounds: number;
  /** Deepest hop any request of the lookup went to (the number of dependent waves). */
  readonly depth: number;
  /** FIND_NODE requests sent (each is one request and, if answered, one reply datagram). */
  readonly requests: number;
  readonly failed: number;
  /** Simulated duration in ms. */
  readonly durationMs: number;
  /** The closest returned is the true closest live node. */
  readonly exact: boolean;
  /** How many of the true k closest live nodes were returned. */
  readonly overlap: number;
  /** The oracle's set size (k, or fewer live nodes). */
  readonly truth: number;
}

/**
 * A map key for an id: its first 48 bits as a number (no string built). Two of the k ids
 * compared here share 48 leading bits with odds around 1e-12.
 */
function key48(id: NodeId): number {
  return ((id[0]! << 8) | id[1]!) * 0x1_0000_0000 + (((id[2]! << 24) | (id[3]! << 16) | (id[4]! << 8) | id[5]!) >>> 0);
}

/**
 * Runs `origin.lookup(target)` to the end without progress events; the engine's result
 * carries the hop counts (`rounds`, `depth`), defined as above.
 */
export async function traceLookup(world: World, origin: PlexusNode, target: NodeId, k: number): Promise<LookupSample> {
  const it = origin.lookup(target, { events: false });
  let step = await it.next();
  while (!step.done) step = await it.next(); // yields nothing with events: false
  const result = step.value;
  // The origin never returns itself, so the truth is the k closest other live nodes.
  const truth = world.trueClosest(target, k + 1).filter((id) => !bytesEqual(id, origin.id)).slice(0, k);
  const returned = new Set(result.closest.map((c) => key48(c.id)));
  let overlap = 0;
  for (const id of truth) if (returned.has(key48(id))) overlap++;
  const first = result.closest[0];
  return {
    rounds: result.rounds,
    depth: result.depth,
    requests: result.contacted,
    failed: result.failed,
    durationMs: result.durationMs,
    exact: first !== undefined && truth[0] !== undefined && bytesEqual(first.id, truth[0]),
    overlap,
    truth: truth.length,
  };
}
