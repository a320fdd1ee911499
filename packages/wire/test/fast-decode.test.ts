import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { fromHex, toHex } from "@plexus/core";
import { SeededRandom } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { decode, encode, MAX_DATAGRAM_BYTES, MessageType, PROTOCOL_VERSION, WireDecodeError, type Message } from "../src/index.js";
import { msgpack } from "../src/codec.js";
import { decodeWithMsgpackr } from "../src/decode.js";
import { fastDecode } from "../src/fast-decode.js";
import { anyMessage } from "./arbitraries.js";
import { anyCoreMessage, coreMessageByType } from "./core-arbitraries.js";
import { idOf, largest } from "./fixtures.js";
import { mutate, randomLength } from "./mutate.js";
import vectors from "./vectors.json" with { type: "json" };

/**
 * Differential tests of the one-pass decoder against the full path (pre-scan, msgpackr,
 * validate): on any input the fast path returns `undefined` or exactly the full path's
 * message, and `decode` as a whole keeps the full path's behaviour (message or error code).
 */

const RUNS = 100_000;
/** Generous: each loop takes a few seconds on a slow shared box; the bound is the loop count. */
const TIMEOUT_MS = 120_000;

type Outcome = { message: Message } | { code: string };

function outcome(run: () => Message): Outcome {
  try {
    return { message: run() };
  } catch (error) {
    if (error instanceof WireDecodeError) return { code: error.code };
    throw error;
  }
}

interface Tally {
  fast: number;
  accepted: number;
  problems: string[];
}

/** Checks one input; records a problem (with the hex) instead of throwing, to keep loops fast. */
function check(bytes: Uint8Array, tally: Tally): void {
  const full = outcome(() => decodeWithMsgpackr(bytes));
  const fast = bytes.length > 0 && bytes.length <= MAX_DATAGRAM_BYTES ? fastDecode(bytes) : undefined;
  if (fast !== undefined) {
    tally.fast++;
    if (!("message" in full) || !isDeepStrictEqual(fast, full.message)) tally.problems.push(`fast path differs: ${toHex(bytes)}`);
  }
  const actual = outcome(() => decode(bytes));
  if ("message" in full) tally.accepted++;
  if (!isDeepStrictEqual(actual, full)) tally.problems.push(`decode differs: ${toHex(bytes)}`);
}

const newTally = (): Tally => ({ fast: 0, accepted: 0, problems: [] });

describe("fast decoder = full decoder", () => {
  for (const [type, arb] of Object.entries(coreMessageByType)) {
    if (type === "ERROR") continue; // left to the full path (str validation)
    it(`takes and matches 1,000 random ${type} datagrams`, () => {
      fc.assert(
        fc.property(arb, (m) => {
          const bytes = encode(m);
          const fast = fastDecode(bytes);
          expect(fast, "the fast path must take what encode writes").toBeDefined();
          expect(isDeepStrictEqual(fast, decodeWithMsgpackr(bytes))).toBe(true);
          expect(fast).toEqual(m);
        }),
        { numRuns: 1_000, seed: 0xdec0 },
      );
    });
  }

  it("matches on the vectors, the largest messages and every type (2,000 datagrams)", () => {
    const tally = newTally();
    for (const v of [...vectors.valid, ...vectors.decodeOnly, ...vectors.invalid]) check(fromHex(v.hex), tally);
    for (const m of Object.values(largest)) check(encode(m), tally);
    for (const m of fc.sample(fc.oneof(anyMessage, anyCoreMessage), { numRuns: 2_000, seed: 11 })) check(encode(m), tally);
    expect(tally.problems.slice(0, 5)).toEqual([]);
    expect(tally.fast).toBeGreaterThan(1_000);
  });

  it("returns plain, compact copies for a Buffer or a view into a larger buffer", () => {
    const m: Message = { type: "STORE", rid: 1, sender: idOf(1), key: idOf(2), value: new Uint8Array(300).fill(3), ttlMs: 9, token: idOf(4) };
    const wire = encode(m);
    const big = new Uint8Array(wire.length + 20);
    big.set(wire, 10);
    for (const input of [Buffer.from(wire), big.subarray(10, 10 + wire.length)]) {
      const decoded = fastDecode(input);
      expect(decoded).toEqual(m);
      if (decoded?.type !== "STORE") throw new Error("type");
      for (const field of [decoded.sender, decoded.key, decoded.value, decoded.token!]) {
        expect(Object.getPrototypeOf(field)).toBe(Uint8Array.prototype);
        expect(field.buffer.byteLength).toBe(field.length);
      }
    }
  });

  it("leaves unusual but valid forms to the full path, which accepts them", () => {
    const sender = idOf(1);
    const unusual = [
      // rid as int32 (0xd2), an unknown extension key, a repeated key, an ill-typed token, a contact map.
      new Uint8Array([0x94, 0x01, 0x01, 0xd2, 0, 0, 0, 5, ...msgpack.pack(sender)]),
      msgpack.pack([PROTOCOL_VERSION, MessageType.PING, 5, sender, new Map([[9, 1]])]),
      msgpack.pack([PROTOCOL_VERSION, MessageType.NODES, 5, sender, [], new Map([[3, new Uint8Array(2)]])]),
      msgpack.pack([PROTOCOL_VERSION, MessageType.FIND_NODE, 5, sender, sender, new Map([[6, false]])]),
      msgpack.pack([PROTOCOL_VERSION, MessageType.NODES, 5, sender, [[sender, new Uint8Array([127, 0, 0, 1]), 80, new Map()]]]),
    ];
    for (const bytes of unusual) {
      expect(fastDecode(bytes)).toBeUndefined();
      expect(decode(bytes)).toEqual(decodeWithMsgpackr(bytes));
    }
    expect(decode(unusual[3]!)).toEqual({ type: "FIND_NODE", rid: 5, sender, target: sender });
  });
});

describe("fast decoder on hostile input", () => {
  it(`matches the full path on ${RUNS} random byte strings (seed 0xfeed)`, () => {
    const r = new SeededRandom(0xfeed);
    const tally = newTally();
    for (let i = 0; i < RUNS; i++) {
      const bytes = r.bytes(randomLength(r));
      // A plausible envelope prefix (array, version 1, a core type, a fixint rid, a bin 8 of 32).
      if (i % 2 === 1 && bytes.length >= 40) bytes.set([0x94 + r.int(5), 0x01, 1 + r.int(10), r.int(128), 0xc4, 0x20], 0);
      check(bytes, tally);
    }
    expect(tally.problems.slice(0, 5)).toEqual([]);
  }, TIMEOUT_MS);

  it(`matches the full path on ${RUNS} mutated valid datagrams (seed 0xbeef)`, () => {
    const seeds = [
      ...fc.sample(anyMessage, { numRuns: 200, seed: 0xbeef }),
      ...fc.sample(anyCoreMessage, { numRuns: 300, seed: 0xbeef }),
      ...Object.values(largest),
    ].map(encode);
    const r = new SeededRandom(0xbeef);
    const tally = newTally();
    for (let i = 0; i < RUNS; i++) check(mutate(seeds[r.int(seeds.length)]!, r), tally);
    expect(tally.problems.slice(0, 5)).toEqual([]);
    // Both paths are exercised: some mutants are taken by the fast path, more are accepted.
    expect(tally.fast).toBeGreaterThan(100);
    expect(tally.accepted).toBeGreaterThan(tally.fast);
  }, TIMEOUT_MS);
});
