import { expect, it } from "vitest";
import { createMemoryStore } from "@plexus/storage";
import { createLmdbStore } from "@plexus/storage/lmdb";
import { ManualClock } from "@plexus/core/testing";
import { tempDirs } from "./fixtures/temp-dir.js";

it("runs the README example", async () => {
  const clock = new ManualClock();
  const store = createMemoryStore({ clock, maxRecords: 1_000, maxBytes: 1 << 20 });
  const key = new Uint8Array(32).fill(7);
  await store.put({ key, value: new TextEncoder().encode("hi"), storedAt: clock.now(), expiresAt: clock.now() + 60_000 });
  expect(store.get(key)?.value).toEqual(new TextEncoder().encode("hi"));
  clock.advance(60_000);
  expect(store.get(key)).toBeUndefined();
  await store.close();
});

it("runs the README LMDB example", async () => {
  const dirs = tempDirs();
  try {
    const clock = new ManualClock(1_700_000_000_000);
    const store = await createLmdbStore({ path: dirs.make(), clock, maxRecords: 100_000 });
    const key = new Uint8Array(32).fill(7);
    await store.put({ key, value: new TextEncoder().encode("hi"), storedAt: clock.now(), expiresAt: clock.now() + 3_600_000 });
    expect(store.get(key)?.value).toEqual(new TextEncoder().encode("hi"));
    await store.putMeta("identity", new Uint8Array(32));
    expect(store.getMeta("identity")).toEqual(new Uint8Array(32));
    await store.close();
  } finally {
    dirs.cleanup();
  }
});
