import { expect, it } from "vitest";
import { createMemoryStore } from "@plexus/storage";
import { ManualClock } from "@plexus/core/testing";

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
