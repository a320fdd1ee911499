import { createRequire } from "node:module";
import { PlexusError } from "@plexus/core";
import type * as Lmdb from "lmdb";

/** The `lmdb` package's exports. */
export type LmdbModule = typeof Lmdb;

/** The code when the optional peer dependency `lmdb` is not installed. */
export type LmdbMissingCode = "ERR_LMDB_MISSING";

/**
 * Loads `lmdb`, an optional peer dependency (18 MB of native binaries a memory-only node
 * does not need), the moment a store is opened rather than when this module is imported:
 * `import "@plexus/storage/lmdb"` (and so `plexus`) works without it. Loaded synchronously
 * through `require` (lmdb ships a CommonJS build) because `createLmdbStoreSync` serves a
 * constructor; Node's module cache keeps one copy.
 * @throws PlexusError `ERR_LMDB_MISSING` when `lmdb` cannot be found.
 */
export function loadLmdb(): LmdbModule {
  try {
    return createRequire(import.meta.url)("lmdb") as LmdbModule;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === "MODULE_NOT_FOUND" && e.message.includes("'lmdb'")) {
      throw new PlexusError<LmdbMissingCode>("ERR_LMDB_MISSING",
        "a persistent store (dataDir) needs the optional dependency lmdb: run `npm i lmdb` (or pnpm add / yarn add lmdb)",
        { cause: error });
    }
    throw error;
  }
}
