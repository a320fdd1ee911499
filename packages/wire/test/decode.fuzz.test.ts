import fc from "fast-check";
import { bytesEqual } from "@plexus/core";
import { SeededRandom } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { WireDecodeError } from "../src/index.js";
import { anyMessage } from "./arbitraries.js";
import { codec, largest } from "./fixtures.js";
import { mutate, randomLength } from "./mutate.js";

/**
 * Robustness: 100,000 random byte strings and 100,000 mutated valid datagrams per run.
 * decode() may only throw WireDecodeError, tryDecode() never throws, and whatever is
 * accepted is a valid message (it re-encodes and decodes to the same message).
 */

const { decode, encode, tryDecode } = codec;

const RUNS = 100_000;
/** Generous: each loop takes a few seconds on a slow shared box; the bound is the loop count. */
const TIMEOUT_MS = 120_000;

interface Tally {
  codes: Map<string, number>;
  accepted: number;
  problems: string[];
}

function check(bytes: Uint8Array, tally: Tally, alsoTry: boolean): void {
  let message;
  try {
    message = decode(bytes);
  } catch (error) {
    if (!(error instanceof WireDecodeError)) {
      tally.problems.push(`decode threw ${String(error)}`);
      return;
    }
    if (error.cause !== undefined) tally.problems.push(`unexpected failure: ${String(error.cause)}`);
    tally.codes.set(error.code, (tally.codes.get(error.code) ?? 0) + 1);
  }
  if (alsoTry) {
    try {
      const result = tryDecode(bytes);
      if (result.ok !== (message !== undefined)) tally.problems.push("tryDecode and decode disagree");
    } catch (error) {
      tally.problems.push(`tryDecode threw ${String(error)}`);
    }
  }
  if (message === undefined) return;
  tally.accepted++;
  try {
    // Whatever is accepted is a valid message: it encodes, and its encoding is stable.
    const wire = encode(message);
    if (!bytesEqual(encode(decode(wire)), wire)) tally.problems.push("accepted message does not round-trip");
  } catch (error) {
    tally.problems.push(`accepted message does not re-encode: ${String(error)}`);
  }
}

const newTally = (): Tally => ({ codes: new Map(), accepted: 0, problems: [] });

describe("decode on hostile input", () => {
  // decode() is checked on every input, tryDecode() on every 8th (it wraps decode()).
  it(`survives ${RUNS} random byte strings (seed 0xfeed)`, () => {
    const r = new SeededRandom(0xfeed);
    const tally = newTally();
    for (let i = 0; i < RUNS; i++) {
      const bytes = r.bytes(randomLength(r));
      // Half of them get a plausible envelope prefix so they reach the field checks.
      if (i % 2 === 1 && bytes.length >= 3) bytes.set([0x94 + r.int(5), 0x01, 1 + r.int(11)], 0);
      check(bytes, tally, i % 8 === 0);
    }
    expect(tally.problems.slice(0, 5)).toEqual([]);
    expect(tally.codes.size).toBeGreaterThanOrEqual(6);
  }, TIMEOUT_MS);

  it(`survives ${RUNS} mutated valid datagrams (seed 0xbeef)`, () => {
    const seeds = [
      ...fc.sample(anyMessage, { numRuns: 200, seed: 0xbeef }),
      ...Object.values(largest),
    ].map(encode);
    const r = new SeededRandom(0xbeef);
    const tally = newTally();
    for (let i = 0; i < RUNS; i++) check(mutate(seeds[r.int(seeds.length)]!, r), tally, i % 8 === 0);
    expect(tally.problems.slice(0, 5)).toEqual([]);
    expect(tally.codes.size).toBeGreaterThanOrEqual(8);
    expect(tally.accepted).toBeGreaterThan(0);
  }, TIMEOUT_MS);
});
