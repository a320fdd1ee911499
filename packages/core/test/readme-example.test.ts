import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RoutingTable, compareDistance, randomIdInBucket, type Contact } from "../src/index.js";
import { SeededRandom } from "../src/testing/index.js";
import { bruteClosest } from "./helpers.js";

/** The README's usage example, verbatim between the region markers (checked below). */
function runExample(): { table: RoutingTable; key: Uint8Array; candidates: Contact[]; refreshTargets: Uint8Array[] } {
  // #region readme
  const random = new SeededRandom(1);
  const table = new RoutingTable(random.bytes(32), { k: 20 });

  /** Every message from a peer counts as "seen" (paper section 2.2). */
  function seen(contact: Contact, ping: (c: Contact) => boolean): void {
    const result = table.add(contact);
    if (result.status === "full") {
      // Keep the old contact if it is alive; else evict it and promote the newcomer.
      if (ping(result.oldest)) table.add(result.oldest);
      else table.remove(result.oldest.id);
    }
  }

  for (let port = 1; port <= 100; port++) seen({ id: random.bytes(32), host: "127.0.0.1", port }, () => true);

  // The 3 contacts closest to a key, nearest first: the start of a lookup.
  const key = random.bytes(32);
  const candidates = table.closest(key, 3);

  // Refresh: look up a random id in every non-empty bucket's range.
  const refreshTargets = table.nonEmptyBuckets().map((i) => randomIdInBucket(table.self, i, random));
  // #endregion readme
  return { table, key, candidates, refreshTargets };
}

const codeLines = (text: string): string[] =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("import "));

describe("README usage example", () => {
  it("is the code compiled here", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /## Usage\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const source = readFileSync(new URL(import.meta.url), "utf8");
    const region = /\/\/ #region readme\n([\s\S]*?)\/\/ #endregion readme/.exec(source)?.[1];
    expect(block).toBeDefined();
    expect(codeLines(block!)).toEqual(codeLines(region!));
  });

  it("runs and does what it says", () => {
    const { table, key, candidates, refreshTargets } = runExample();
    expect(table.size).toBeGreaterThan(50);
    expect(candidates).toEqual(bruteClosest(table.contacts(), key, 3));
    expect(compareDistance(candidates[0]!.id, candidates[2]!.id, key)).toBeLessThan(0);
    expect(refreshTargets.map((id) => table.bucketIndexOf(id))).toEqual(table.nonEmptyBuckets());
  });
});
