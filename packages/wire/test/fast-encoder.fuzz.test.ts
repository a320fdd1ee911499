import fc from "fast-check";
import { bytesEqual, fromHex, toHex } from "@plexus/core";
import { SeededRandom } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { createCodec, WireEncodeError, type KademliaMessage } from "../src/index.js";
import { KademliaFastEncoder } from "../src/kademlia/fast-encoder.js";
import { anyCoreMessage, coreMessageByType } from "./core-arbitraries.js";
import { corrupt, FIELDS, junk } from "./corrupt.js";
import { fullDecode, fullEncode } from "./full-path.js";
import vectors from "./vectors.json" with { type: "json" };

/**
 * Differential tests of the encoder's fast path against the full path (the specs and
 * msgpackr): byte-identical output for every valid Kademlia message; for anything the full
 * path refuses, the fast path steps aside, so `encode` throws exactly the full path's error.
 */

const RUNS = 100_000;
/** Generous: the loop takes a few seconds on a slow shared box; the bound is the loop count. */
const TIMEOUT_MS = 120_000;

const codec = createCodec();
const fast = new KademliaFastEncoder();

type Outcome = { hex: string } | { code: string; message: string } | { thrown: string };

function outcome(run: () => Uint8Array): Outcome {
  try {
    return { hex: toHex(run()) };
  } catch (error) {
    if (error instanceof WireEncodeError) return { code: error.code, message: error.message };
    return { thrown: String(error) };
  }
}

describe("the fast encoder = msgpackr", () => {
  for (const [type, arb] of Object.entries(coreMessageByType)) {
    it(`writes the reference bytes for 1,000 random ${type} messages`, () => {
      fc.assert(
        fc.property(arb, (m) => {
          const taken = fast.encode(m);
          const reference = fullEncode(m);
          expect(taken, "the fast path must take every valid Kademlia message").toBeDefined();
          if (!bytesEqual(taken!, reference)) expect(toHex(taken!)).toBe(toHex(reference));
          expect(bytesEqual(codec.encode(m), reference)).toBe(true);
        }),
        { numRuns: 1_000, seed: 0xfa57 },
      );
    }, 30_000);
  }

  it("writes every vector of docs/protocol.md byte for byte", () => {
    for (const v of [...vectors.valid, ...vectors.decodeOnly]) {
      const bytes = fromHex(v.hex);
      let message;
      try {
        message = fullDecode(bytes);
      } catch {
        continue; // a type of another layer: not this codec's
      }
      const taken = fast.encode(message);
      expect(taken, v.name).toBeDefined();
      expect(toHex(taken!)).toBe("reencodedHex" in v ? v.reencodedHex : v.hex);
    }
  });

  it("returns plain arrays the caller owns: the next encode does not touch them", () => {
    const sender = new Uint8Array(32);
    const a = codec.encode({ type: "FIND_NODE", rid: 1, sender, target: new Uint8Array(32).fill(1) });
    const before = toHex(a);
    const b = codec.encode({ type: "FIND_NODE", rid: 2, sender, target: new Uint8Array(32).fill(2) });
    expect(toHex(a)).toBe(before);
    b.fill(0);
    expect(toHex(a)).toBe(before);
    // Above 64 bytes a datagram may share an ArrayBuffer (Node's Buffer pool), never bytes.
    if (a.buffer === b.buffer) expect(a.byteOffset + a.length <= b.byteOffset || b.byteOffset + b.length <= a.byteOffset).toBe(true);
    const ping = codec.encode({ type: "PING", rid: 3, sender });
    expect([ping.byteOffset, ping.buffer.byteLength]).toEqual([0, ping.length]);
    for (const bytes of [a, b, ping]) expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
  });

  it("takes hosts in any form ipToBytes reads, and steps aside for those it does not", () => {
    const sender = new Uint8Array(32);
    const id = new Uint8Array(32).fill(1);
    for (const host of ["1.2.3.4", "::", "::1", "1::", "2001:DB8::A", "fe80::1%eth0", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "0:0::0:0"]) {
      const m: KademliaMessage = { type: "NODES", rid: 1, sender, contacts: [{ id, host, port: 1 }] };
      expect(toHex(codec.encode(m)), host).toBe(toHex(fullEncode(m)));
    }
    for (const host of ["", "1.2.3", "01.2.3.4", "::1::", ":1", "1:", "12345::", "1:2:3:4:5:6:7:8:9", "::1:2:3:4:5:6:7:8", "g::"]) {
      const m = { type: "NODES", rid: 1, sender, contacts: [{ id, host, port: 1 }] } as KademliaMessage;
      expect(fast.encode(m), host).toBeUndefined();
      expect(outcome(() => codec.encode(m))).toEqual(outcome(() => fullEncode(m)));
    }
  });

  it("lets a getter that encodes again, or throws, take the full path", () => {
    const sender = new Uint8Array(32);
    const inner: KademliaMessage = { type: "PING", rid: 9, sender };
    let nested: Uint8Array | undefined;
    const reentrant = {
      type: "FIND_NODE", rid: 1, sender,
      get target() {
        nested = codec.encode(inner);
        return new Uint8Array(32);
      },
    } as unknown as KademliaMessage;
    expect(toHex(codec.encode(reentrant))).toBe(toHex(fullEncode({ type: "FIND_NODE", rid: 1, sender, target: new Uint8Array(32) })));
    expect(toHex(nested!)).toBe(toHex(fullEncode(inner)));
    const throwing = { type: "PING", rid: 1, get sender(): Uint8Array { throw new RangeError("boom"); } } as unknown as KademliaMessage;
    expect(fast.encode(throwing)).toBeUndefined();
    expect(() => codec.encode(throwing)).toThrow(RangeError);
  });
});

describe("the fast encoder on invalid messages", () => {
  it(`never throws, and encode() gives the full path's bytes or its exact error (${RUNS} corrupted messages, seed 0xbad)`, () => {
    const seeds = fc.sample(anyCoreMessage, { numRuns: 1_000, seed: 0xbad });
    const r = new SeededRandom(0xbad);
    const problems: string[] = [];
    let taken = 0;
    let refused = 0;
    for (let i = 0; i < RUNS; i++) {
      const m = corrupt(seeds[r.int(seeds.length)]!, FIELDS[r.int(FIELDS.length)]!, junk[r.int(junk.length)]);
      let bytes: Uint8Array | undefined;
      try {
        bytes = fast.encode(m);
      } catch (error) {
        problems.push(`fast path threw ${String(error)}`);
      }
      const reference = outcome(() => fullEncode(m));
      if (bytes !== undefined) {
        taken++;
        if (!("hex" in reference) || toHex(bytes) !== reference.hex) problems.push(`fast path differs on ${JSON.stringify(m, (_k, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v))}`);
      }
      if (!("hex" in reference)) refused++;
      const actual = outcome(() => codec.encode(m));
      if (JSON.stringify(actual) !== JSON.stringify(reference)) problems.push(`encode differs: ${JSON.stringify([actual, reference])}`);
      if (problems.length >= 5) break;
    }
    expect(problems).toEqual([]);
    // Both sides are exercised: most corrupted messages are still valid (the field is not
    // one of their type's), and the fast path takes them; many others are refused.
    expect(taken).toBeGreaterThan(RUNS / 2);
    expect(refused).toBeGreaterThan(RUNS / 10);
  }, TIMEOUT_MS);
});
