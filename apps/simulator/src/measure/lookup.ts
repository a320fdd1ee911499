import { bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import type { PlexusNode } from "@plexus/node";
import type { World } from "../world.js";

/** What one lookup measured. */
export interface LookupSample {
  /**
   * Hop count of the path that discovered the closest contact returned: a contact from the
   * origin's own table is hop 1, a contact first learned from an answer of a hop-h contact is
   * hop h + 1 (derived from the `answered` events of the LookupEvent stream).
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
 * A map key for an id: its first 48 bits as a number (no string built: a lookup sees ~500
 * contacts). Two of the few hundred ids one lookup sees share 48 leading bits with odds
 * around 1e-9, and a clash would only merge two hop counts.
 */
function key48(id: NodeId): number {
  return ((id[0]! << 8) | id[1]!) * 0x1_0000_0000 + (((id[2]! << 24) | (id[3]! << 16) | (id[4]! << 8) | id[5]!) >>> 0);
}

/** Runs `origin.lookup(target)` to the end, tracing discovery hops from the event stream. */
export async function traceLookup(world: World, origin: PlexusNode, target: NodeId, k: number): Promise<LookupSample> {
  /** Hop at which each contact was first learned; bound: contacts seen by this lookup (<= k per answer). */
  const hop = new Map<number, number>();
  let depth = 0;
  const it = origin.lookup(target);
  let step = await it.next();
  while (!step.done) {
    const event = step.value;
    if (event.type === "contacted") {
      const key = key48(event.contact.id);
      if (!hop.has(key)) hop.set(key, 1); // from the origin's own table
      depth = Math.max(depth, hop.get(key)!);
    } else if (event.type === "answered") {
      const h = hop.get(key48(event.contact.id)) ?? 1;
      for (const c of event.contacts) {
        const key = key48(c.id);
        if (!hop.has(key)) hop.set(key, h + 1);
      }
    }
    step = await it.next();
  }
  const result = step.value;
  // The origin never returns itself, so the truth is the k closest other live nodes.
  const truth = world.trueClosest(target, k + 1).filter((id) => !bytesEqual(id, origin.id)).slice(0, k);
  const returned = new Set(result.closest.map((c) => key48(c.id)));
  let overlap = 0;
  for (const id of truth) if (returned.has(key48(id))) overlap++;
  const first = result.closest[0];
  return {
    rounds: first ? (hop.get(key48(first.id)) ?? 0) : 0,
    depth,
    requests: result.contacted,
    failed: result.failed,
    durationMs: result.durationMs,
    exact: first !== undefined && truth[0] !== undefined && bytesEqual(first.id, truth[0]),
    overlap,
    truth: truth.length,
  };
}
