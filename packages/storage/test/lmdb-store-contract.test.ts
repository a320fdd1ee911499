import { afterAll } from "vitest";
import { createLmdbStore } from "@plexus/storage/lmdb";
import { recordStoreContract } from "@plexus/storage/testing";
import { tempDirs } from "./fixtures/temp-dir.js";

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

recordStoreContract("LMDB store", (clock, limits) => createLmdbStore({ path: dirs.make(), clock, ...limits }));
