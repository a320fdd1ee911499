import { createMemoryStore } from "@plexus/storage";
import { recordStoreContract } from "@plexus/storage/testing";

recordStoreContract("memory store", (clock, limits) => createMemoryStore({ clock, ...limits }));
