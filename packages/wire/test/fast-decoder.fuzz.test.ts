import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { fromHex, toHex } from "@plexus/core";
import { SeededRandom } from "@plexus/core/testing";
import { Packr } from "msgpackr";
import { describe, expect, it } from "vitest";
import { createCodec, IdInterner, KademliaMessageType, PROTOCOL_VERSION, WireDecodeError, type KademliaMessage } from "../src/index.js";
import { KademliaFastDecoder } from "../src/kademlia/fast-decoder.js";
import { anyCoreMessage, coreMessageByType } from "./core-arbitraries.js";
import { fullDecode, fullEncode } from "./full-path.js";
import { mutate, randomLength } from "./mutate.js";
import vectors from "./vectors.json" with { type: "json" };

/**
 * Differential tests of the decoder's fast path against the full path (pre-scan, msgpackr,
 * the specs): on any input the fast path returns `undefined` or exactly the full path's
 * message, and `decode` as a whole behaves as the full path (the same message, or an error
 * with the same code).
 */

const RUNS = 100_000;
/** Generous: each loop takes a few seconds on a slow shared box; the bound is the loop count. */
const TIMEOUT_MS = 120_000;

const codec = createCodec();
const fast = new KademliaFastDecoder();
/** The fast path as the codecs of a simulation run it: ids from an interner they share. */
const interning = new KademliaFastDecoder(new IdInterner());
const msgpack = new Packr({ useRecords: false, mapsAsObjects: false, int64AsType: "number" });
const idOf = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);

type Outcome = { message: unknown } | { code: string };

function outcome(run: () => unknown): Outcome {
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
  const full = outcome(() => fullDecode(bytes));
  let taken: KademliaMessage | undefined;
  try {
    taken = fast.decode(bytes);
  } catch (error) {
    tally.problems.push(`fast path threw ${String(error)}: ${toHex(bytes)}`);
  }
  if (taken !== undefined) {
    tally.fast++;
    if (!("message" in full) || !isDeepStrictEqual(taken, full.message)) tally.problems.push(`fast path differs: ${toHex(bytes)}`);
  }
  if (!isDeepStrictEqual(interning.decode(bytes), taken)) tally.problems.push(`the interning fast path differs: ${toHex(bytes)}`);
  if ("message" in full) tally.accepted++;
  if (!isDeepStrictEqual(outcome(() => codec.decode(bytes)), full)) tally.problems.push(`decode differs: ${toHex(bytes)}`);
}

const newTally = (): Tally => ({ fast: 0, accepted: 0, problems: [] });

/** Deterministic messages at the size limits and encoding edges, the seeds of the mutation run. */
const edgeMessages: KademliaMessage[] = [
  { type: "NODES", rid: 0xffff_ffff, sender: idOf(1), contacts: Array.from({ length: 20 }, (_, i) => ({ id: idOf(i), host: `2001:db8::${i}`, port: 65535 - i })), token: new Uint8Array(32) },
  { type: "NODES", rid: 0x80, sender: idOf(2), contacts: Array.from({ length: 16 }, (_, i) => ({ id: idOf(i), host: `10.0.${i}.1`, port: i * 300 })) },
  { type: "STORE", rid: 0x1_0000, sender: idOf(3), key: idOf(4), value: new Uint8Array(1024).fill(9), ttlMs: Number.MAX_SAFE_INTEGER, publisher: idOf(5), token: new Uint8Array(4), kind: 2, cas: 2 ** 32 },
  { type: "VALUE", rid: 0xff, sender: idOf(6), key: idOf(7), value: new Uint8Array(256), ttlMs: 2 ** 32 - 1, token: new Uint8Array(16) },
  { type: "BROADCAST", rid: 0, sender: idOf(8), id: new Uint8Array(16), origin: idOf(9), depth: 256, data: new Uint8Array(1024) },
  { type: "PONG", rid: 7, sender: idOf(10), proof: { publicKey: idOf(11), signature: new Uint8Array(64).fill(12) } },
];

describe("the fast decoder = the full decoder", () => {
  for (const [type, arb] of Object.entries(coreMessageByType)) {
    if (type === "ERROR") continue; // left to the full path (str validation)
    it(`takes and matches 1,000 random ${type} datagrams`, () => {
      fc.assert(
        fc.property(arb, (m) => {
          const bytes = codec.encode(m);
          const taken = fast.decode(bytes);
          expect(taken, "the fast path must take what encode writes").toBeDefined();
          expect(isDeepStrictEqual(taken, fullDecode(bytes))).toBe(true);
          expect(taken).toEqual(m);
        }),
        { numRuns: 1_000, seed: 0xdec0 },
      );
    }, 30_000);
  }

  it("matches on the vectors, the edge messages and 2,000 random ones", () => {
    const tally = newTally();
    for (const v of [...vectors.valid, ...vectors.decodeOnly, ...vectors.invalid]) check(fromHex(v.hex), tally);
    for (const m of edgeMessages) check(codec.encode(m), tally);
    for (const m of fc.sample(anyCoreMessage, { numRuns: 2_000, seed: 11 })) check(codec.encode(m), tally);
    expect(tally.problems.slice(0, 5)).toEqual([]);
    expect(tally.fast).toBeGreaterThan(1_500);
  }, 30_000);

  it("returns plain, compact copies for a Buffer or a view into a larger buffer, and keeps no reference", () => {
    const m: KademliaMessage = {
      type: "NODES", rid: 1, sender: idOf(1), contacts: [{ id: idOf(2), host: "192.0.2.1", port: 80 }], token: idOf(4),
    };
    const wire = codec.encode(m);
    const big = new Uint8Array(wire.length + 20);
    big.set(wire, 10);
    for (const input of [Buffer.from(wire), big.subarray(10, 10 + wire.length)]) {
      const decoded = fast.decode(input);
      expect(decoded).toEqual(m);
      if (decoded?.type !== "NODES") throw new Error("type");
      input.fill(0); // the transport reuses its buffer: the message must not change
      expect(decoded).toEqual(m);
      for (const field of [decoded.sender, decoded.contacts[0]!.id, decoded.token!]) {
        expect(Object.getPrototypeOf(field)).toBe(Uint8Array.prototype);
        expect([field.byteOffset, field.buffer.byteLength]).toEqual([0, field.length]);
      }
    }
  });

  it("leaves unusual but valid forms to the full path, which accepts them", () => {
    const sender = idOf(1);
    const store = msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.STORE, 5, sender, sender, new Uint8Array(1), 1, null, new Map([[4, 1]])]);
    const unusual = [
      // rid as int32 (0xd2), an unknown extension key, an ill-typed token, wantToken false, a
      // contact with its own map, a repeated STORE extension key (the last wins), a bin 32 value.
      new Uint8Array([0x94, 0x01, 0x01, 0xd2, 0, 0, 0, 5, ...msgpack.pack(sender)]),
      msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.PING, 5, sender, new Map([[9, 1]])]),
      msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.NODES, 5, sender, [], new Map([[3, new Uint8Array(2)]])]),
      msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.FIND_NODE, 5, sender, sender, new Map([[6, false]])]),
      msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.NODES, 5, sender, [[sender, new Uint8Array([127, 0, 0, 1]), 80, new Map()]]]),
      new Uint8Array([...store.subarray(0, -3), 0x82, 4, 1, 4, 2]),
      new Uint8Array([0x98, 1, 6, 5, ...msgpack.pack(sender), ...msgpack.pack(sender), 0xc6, 0, 0, 0, 1, 7, 1, 0xc0]),
    ];
    for (const bytes of unusual) {
      expect(fast.decode(bytes), toHex(bytes)).toBeUndefined();
      expect(outcome(() => codec.decode(bytes))).toEqual(outcome(() => fullDecode(bytes)));
    }
    expect(codec.decode(unusual[3]!)).toEqual({ type: "FIND_NODE", rid: 5, sender, target: sender });
    expect(codec.decode(unusual[5]!)).toMatchObject({ type: "STORE", kind: 2 });
  });
});

describe("the fast decoder on hostile input", () => {
  it(`matches the full path on ${RUNS} random byte strings (seed 0xfeed)`, () => {
    const r = new SeededRandom(0xfeed);
    const tally = newTally();
    for (let i = 0; i < RUNS; i++) {
      const bytes = r.bytes(randomLength(r));
      // A plausible envelope prefix (array, version 1, a Kademlia type, a fixint rid, a bin 8 of 32).
      if (i % 2 === 1 && bytes.length >= 40) bytes.set([0x94 + r.int(5), 0x01, 1 + r.int(10), r.int(128), 0xc4, 0x20], 0);
      check(bytes, tally);
    }
    expect(tally.problems.slice(0, 5)).toEqual([]);
  }, TIMEOUT_MS);

  it(`matches the full path on ${RUNS} mutated valid datagrams (seed 0xbeef)`, () => {
    const seeds = [...fc.sample(anyCoreMessage, { numRuns: 500, seed: 0xbeef }), ...edgeMessages].map((m) => fullEncode(m));
    const r = new SeededRandom(0xbeef);
    const tally = newTally();
    for (let i = 0; i < RUNS; i++) check(mutate(seeds[r.int(seeds.length)]!, r), tally);
    expect(tally.problems.slice(0, 5)).toEqual([]);
    // Both paths are exercised: some mutants are taken by the fast path, more are accepted.
    expect(tally.fast).toBeGreaterThan(1_000);
    expect(tally.accepted).toBeGreaterThan(tally.fast);
  }, TIMEOUT_MS);
});
