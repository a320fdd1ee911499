import { PlexusError, isPlexusError } from "@plexus/core";
import type { Clock, RecordStore, StoredRecord } from "@plexus/core";
import { recordMemoryBytes } from "@plexus/storage";
import { bytesKey } from "../ids/bytes-key.js";
import { PrefixLedger } from "../limits/prefix-ledger.js";
import { subnetOf } from "../routing/subnet-limits.js";
import type { Counters } from "../stats/counters.js";

/**
 * Memory the quota's own bookkeeping takes per record (ledger item, `Held`, two `Map` slots,
 * a heap slot, the 32-unit key string), counted into each record's cost so that
 * `maxStoredBytes` bounds the store and this ledger together. An estimate, measured on
 * Node 22 (V8, 64-bit) with 200,000 items after `gc()`: 212-225 heap bytes per item with 8
 * to 5,000 subnets, plus ~58 for the key string.
 */
export const LEDGER_OVERHEAD_BYTES = 280;

/** Extra attempts of a put the store itself refused as full, each after one eviction. */
const STORE_FULL_RETRIES = 8;

/** Capacity and share of a {@link StoreQuota}. */
export interface StoreQuotaInit {
  /** Records others may store here. */
  readonly maxRecords: number;
  /** Their estimated memory (`recordMemoryBytes` + {@link LEDGER_OVERHEAD_BYTES} each). */
  readonly maxBytes: number;
  /** Fraction of both that one /24 or /64 may hold; `Infinity`: no limit. */
  readonly share: number;
  /** Loopback sources count as one exempt source (no share limit). @default true */
  readonly exemptLoopback?: boolean;
}

/**
 * What the quota remembers of a record it admitted: enough to delete that very record. The
 * key is kept as its `bytesKey` string (shared with the ledger's id), not as bytes.
 */
interface Held {
  readonly id: string;
  readonly storedAt: number;
}

/** The key bytes of a `bytesKey` string (one byte per code unit). */
function keyOf(id: string): Uint8Array {
  const key = new Uint8Array(id.length);
  for (let i = 0; i < id.length; i++) key[i] = id.charCodeAt(i);
  return key;
}

/**
 * The record store's capacity, shared fairly among source subnets: a STORE from one IPv4
 * /24 or IPv6 /64 may bring that subnet to at most `share` of `maxRecords` and of
 * `maxBytes` (over it: ERR_STORE_FULL); when the store is full, a STORE within its share
 * evicts the oldest record of the subnet holding the most (see {@link PrefixLedger}), so a
 * flood from one subnet can neither fill the store nor keep honest writers out. Costs are
 * estimated memory (`recordMemoryBytes`, plus this ledger's own overhead), not value bytes.
 * Only records stored for others go through here; the node's own (put()) do not, and if the
 * store refuses as full anyway (its caps are lower, or own records take room) the quota
 * evicts again and retries, a bounded number of times.
 */
export class StoreQuota {
  readonly #store: RecordStore;
  readonly #clock: Clock;
  readonly #counters: Counters;
  readonly #exemptLoopback: boolean;
  /** Bound: `maxRecords` entries (the ledger evicts before adding). */
  readonly #ledger: PrefixLedger<Held>;

  constructor(parts: { store: RecordStore; clock: Clock; counters: Counters }, init: StoreQuotaInit) {
    this.#store = parts.store;
    this.#clock = parts.clock;
    this.#counters = parts.counters;
    this.#exemptLoopback = init.exemptLoopback ?? true;
    this.#ledger = new PrefixLedger({ maxUnits: init.maxBytes, maxItems: init.maxRecords, share: init.share });
  }

  /** Estimated bytes of the records held for `host`'s subnet, and their count. */
  usage(host: string): { readonly units: number; readonly items: number } {
    this.#ledger.purge(this.#clock.now());
    return this.#ledger.usage(subnetOf(host, this.#exemptLoopback));
  }

  /** Estimated bytes of every record held for others. */
  get bytes(): number {
    this.#ledger.purge(this.#clock.now());
    return this.#ledger.units;
  }

  /**
   * Stores `record` for a STORE from `host`, evicting to make room.
   * @throws PlexusError `ERR_STORE_FULL` when `host`'s subnet would exceed its share, or the
   *   store stays full; the store's own errors (`ERR_VALUE_TOO_LARGE`, ...) otherwise
   */
  async put(record: StoredRecord, host: string): Promise<void> {
    const id = bytesKey(record.key);
    const cost = recordMemoryBytes(record) + LEDGER_OVERHEAD_BYTES;
    const held: Held = { id, storedAt: record.storedAt };
    const verdict = this.#ledger.admit(subnetOf(host, this.#exemptLoopback), id, held, cost, record.expiresAt, this.#clock.now());
    if (!verdict.ok) {
      if (verdict.reason === "share") this.#counters.storesOverShare++;
      throw new PlexusError("ERR_STORE_FULL", verdict.reason === "share"
        ? `the store share of ${host}'s subnet is used up` : `a record of ~${cost} bytes exceeds the store`);
    }
    // Deletes are issued before the put, in the same turn, so that the store sees room at once.
    const evictions = verdict.evicted.map((victim) => this.#evict(victim));
    try {
      await this.#putEvicting(record, id, held);
    } finally {
      await Promise.all(evictions);
    }
    // Evicted while the write was in flight (a later STORE made room): undo the write.
    if (this.#ledger.get(id) !== held) await this.#evict(held);
  }

  /** `store.put`, evicting one more record and retrying when the store itself is full. */
  async #putEvicting(record: StoredRecord, id: string, held: Held): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#store.put(record);
        return;
      } catch (err) {
        const victim = attempt < STORE_FULL_RETRIES && isPlexusError(err, "ERR_STORE_FULL") ? this.#ledger.evictOne() : undefined;
        if (victim === undefined || victim === held) {
          this.#ledger.remove(id);
          throw err;
        }
        await this.#evict(victim);
      }
    }
  }

  /**
   * Deletes `held` from the store unless the key now holds another write (the node's own
   * put, a later STORE) or none yet (its write is in flight: `put` undoes it when done).
   * The check and the delete run synchronously, in the caller's turn.
   */
  #evict(held: Held): Promise<unknown> {
    const key = keyOf(held.id);
    if (this.#store.get(key)?.storedAt !== held.storedAt) return Promise.resolve();
    this.#counters.storeEvictions++;
    return this.#store.delete(key).catch(() => false);
  }
}
