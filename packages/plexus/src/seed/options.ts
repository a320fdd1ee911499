import { PlexusError } from "@plexus/core";
import { MAX_TTL_MS } from "@plexus/node";
import type { NodeInit } from "@plexus/node";

/**
 * The original library's constructor options, each mapped onto the engine tunable that does
 * that job. Give either name, not both with different values.
 */
export interface SeedOptions {
  /**
   * Most routing-table buckets. Accepted for compatibility and checked (an integer 1..256):
   * the table always has one bucket per bit of the 256-bit id space and creates them only
   * as contacts arrive, so this bound holds by construction. @default 160
   */
  readonly capacity?: number;
  /** Contacts per bucket, which is also the replication factor: the engine's `k`. @default 20 */
  readonly peers?: number;
  /** Bucket refresh interval in ms: `refreshIntervalMs`. @default 3_600_000 */
  readonly refresh?: number;
  /**
   * Item lifetime in ms: `defaultTtlMs` (and `maxTtlMs` when longer than its default, so this
   * node accepts its own items). @default 86_400_000
   */
  readonly expire?: number;
  /**
   * Republish interval of the items this node published, in ms: `republishIntervalMs`. The
   * engine republishes at half the TTL when that is sooner, so an item never lapses between
   * two republications (in the original, at equal intervals, it could). @default 43_200_000
   */
  readonly republish?: number;
  /** Replication interval of the items this node holds for others, in ms: `replicaRepublishIntervalMs`. @default 3_600_000 */
  readonly replicate?: number;
}

/** Seed option name -> engine tunable. */
const MAPPED = {
  peers: "k",
  refresh: "refreshIntervalMs",
  expire: "defaultTtlMs",
  republish: "republishIntervalMs",
  replicate: "replicaRepublishIntervalMs",
} as const satisfies Record<Exclude<keyof SeedOptions, "capacity">, keyof NodeInit>;

/** Buckets of a 256-bit id space. */
const MAX_CAPACITY = 256;

/**
 * `options` without the seed option names, with each turned into its engine tunable.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for a value that is not a positive number (an
 *   integer for `peers` and `capacity`, at most 256 for `capacity`) or one that contradicts
 *   the engine name given beside it.
 */
export function seedInit<O extends SeedOptions & NodeInit>(options: O): Omit<O, keyof SeedOptions> {
  const { capacity, peers, refresh, expire, republish, replicate, ...rest } = options;
  const out: Record<string, unknown> = { ...rest };
  if (capacity !== undefined) checkCount("capacity", capacity, MAX_CAPACITY);
  if (peers !== undefined) checkCount("peers", peers, Number.MAX_SAFE_INTEGER);
  const given = { peers, refresh, expire, republish, replicate };
  for (const [name, tunable] of Object.entries(MAPPED) as [keyof typeof MAPPED, keyof NodeInit][]) {
    const value = given[name];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", `${name} must be a positive number of ${name === "peers" ? "contacts" : "ms"}`);
    }
    if (out[tunable] !== undefined && out[tunable] !== value) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", `${name} (${value}) and ${tunable} (${String(out[tunable])}) disagree: give one`);
    }
    out[tunable] = value;
  }
  if (expire !== undefined && rest.maxTtlMs === undefined && expire > MAX_TTL_MS) out.maxTtlMs = expire;
  return out as Omit<O, keyof SeedOptions>;
}

function checkCount(name: string, value: unknown, max: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `${name} must be an integer from 1 to ${max}`);
  }
}
