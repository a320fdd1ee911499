import { ID_BITS, RoutingTable } from "@plexus/core";
import { SeededRandom } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { isNeighbour } from "../src/routing/proof-policy.js";

/** The rule as written in the paper's terms: fewer than k contacts in the buckets nearer than `index`. */
function oracle(table: RoutingTable, index: number): boolean {
  let nearer = 0;
  for (let i = index + 1; i < ID_BITS; i++) nearer += table.bucketSize(i);
  return nearer < table.k;
}

/** An id sharing exactly `prefix` leading bits with `self` (prefix < 256), the rest random. */
function idAt(self: Uint8Array, prefix: number, random: SeededRandom): Uint8Array {
  const id = random.bytes(32);
  for (let i = 0; i < prefix; i++) {
    const mask = 0x80 >> (i & 7);
    id[i >> 3] = (id[i >> 3]! & ~mask) | (self[i >> 3]! & mask);
  }
  const mask = 0x80 >> (prefix & 7);
  id[prefix >> 3] = (id[prefix >> 3]! & ~mask) | (~self[prefix >> 3]! & mask);
  return id;
}

describe("isNeighbour (routing/proof-policy.ts), counted from the far side", () => {
  it("agrees with counting the nearer buckets, on 200 seeded tables (seed 1515)", () => {
    const random = new SeededRandom(1515);
    let checked = 0;
    for (let t = 0; t < 200; t++) {
      const k = 1 + random.int(8);
      const table = new RoutingTable(random.bytes(32), { k });
      const contacts = random.int(60);
      // Mostly far buckets, as in a real table, with some deep ones.
      for (let c = 0; c < contacts; c++) {
        const prefix = random.next() < 0.8 ? random.int(6) : random.int(ID_BITS);
        table.add({ id: idAt(table.self, prefix, random), host: "127.0.0.1", port: 1000 + c });
      }
      for (let index = 0; index < ID_BITS; index++) {
        expect(isNeighbour(table, index)).toBe(oracle(table, index));
        checked++;
      }
    }
    expect(checked).toBe(200 * ID_BITS);
  });
});
