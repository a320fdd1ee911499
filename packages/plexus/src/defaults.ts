import type { Clock, RecordStore } from "@plexus/core";
import { createIdentity, systemClock } from "@plexus/node";
import type { NodeIdentity } from "@plexus/node";
import { createMemoryStore } from "@plexus/storage";
import { createLmdbStoreSync } from "@plexus/storage/lmdb";
import type { LmdbStore } from "@plexus/storage/lmdb";
import { DataDirLock } from "./data-dir-lock.js";
import { handled } from "./handled.js";
import { NodePersistence } from "./persistence.js";
import { wallClock } from "./wall-clock.js";

/** The parts a facade node runs with, chosen from its options. */
export interface FacadeParts {
  readonly clock: Clock;
  readonly store: RecordStore;
  readonly identity: NodeIdentity | undefined;
  /** With a `dataDir`: identity, routing table and published items in the LMDB file. */
  readonly persistence: NodePersistence | undefined;
  /** Resolves once the identity is durable (at once without a `dataDir`). */
  readonly identitySaved: Promise<void>;
}

/**
 * The facade's defaults: in memory with the system clock and a fresh identity (unless an
 * `id` is forced); with a `dataDir`, its lock, LMDB records, the identity saved there (or the one
 * saved before) and the wall clock, whose stored expiry times mean the same after a restart.
 */
export function facadeParts(options: {
  dataDir: string | undefined; identity: NodeIdentity | undefined; forcedId: boolean; maxValueBytes: number;
}): FacadeParts {
  const { dataDir, identity: given, forcedId, maxValueBytes } = options;
  if (dataDir === undefined) {
    const store = createMemoryStore({ clock: systemClock, maxValueBytes });
    const identity = given ?? (forcedId ? undefined : createIdentity());
    return { clock: systemClock, store, identity, persistence: undefined, identitySaved: Promise.resolve() };
  }
  const lock = DataDirLock.acquire(dataDir); // before opening: one node per directory
  let store: LmdbStore;
  try {
    store = createLmdbStoreSync({ path: dataDir, clock: wallClock, maxValueBytes });
  } catch (error) {
    lock.release();
    throw error;
  }
  const persistence = new NodePersistence(store, lock);
  const loaded = persistence.identity(given);
  return { clock: wallClock, store, identity: loaded.identity, persistence, identitySaved: handled(loaded.saved) };
}
