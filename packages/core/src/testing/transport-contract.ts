import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Address } from "../address.js";
import { sameAddress } from "../address.js";
import type { Transport } from "../contracts.js";

/**
 * What the {@link transportContract} suite needs from a transport implementation: a way to
 * make transports that can reach each other, and a way to drive time. A simulated
 * transport advances its manual clock; a real one waits on real time, but always on a
 * promise with an explicit deadline, never by sleeping and polling.
 */
export interface TransportHarness {
  /** Runs before each test, e.g. to make a fresh simulated network and clock. */
  beforeEach?(): void | Promise<void>;
  /** Runs after each test, once the suite has stopped every transport it made. */
  afterEach?(): void | Promise<void>;
  /** Makes a transport, not yet started, that can reach every other one made since `beforeEach`. */
  create(): Transport;
  /**
   * Drives time until `promise` settles and settles the same way. Rejects once
   * `deadlineMs` (clock time for a simulation, wall time for a real network) has passed
   * first, so a lost datagram fails a test instead of hanging it.
   */
  within<T>(promise: Promise<T>, deadlineMs: number): Promise<T>;
  /**
   * Resolves once every datagram already sent has had its chance to arrive (been
   * delivered, lost or dropped), so a test can assert that something did NOT arrive.
   */
  settle(): Promise<void>;
}

/** Deadline for one exchange: generous for real sockets, tiny next to any simulated run. */
const DEADLINE_MS = 5_000;
/** Datagrams in the burst test; small enough for any default receive buffer. */
const BURST_COUNT = 200;
/** Payload bytes per burst datagram. */
const BURST_BYTES = 100;

interface Inbox {
  /** Every datagram the handler saw, in order (bounded by what a test sends). */
  readonly got: { data: Uint8Array; from: Address }[];
  /** Resolves once `n` datagrams have arrived. */
  count(n: number): Promise<void>;
}

/** Installs a recording handler on `t`; `onEach` may throw to test handler guarding. */
function inbox(t: Transport, onEach?: (data: Uint8Array) => void): Inbox {
  const got: Inbox["got"] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  t.onDatagram((data, from) => {
    got.push({ data: data.slice(), from });
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (got.length >= waiters[i]!.n) waiters.splice(i, 1)[0]!.resolve();
    }
    onEach?.(data);
  });
  return {
    got,
    count(n) {
      if (got.length >= n) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ n, resolve }));
    },
  };
}

/** Bytes 0, 1, 2, ... (mod 256) of the given length, tagged with a first byte. */
function pattern(length: number, tag = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i + tag) & 0xff;
  return out;
}

/**
 * Registers the shared `Transport` contract tests (vitest `describe`/`it`) for one
 * implementation. Every transport implementation runs it, so the simulated network
 * cannot drift from what real UDP does.
 *
 * The suite stops every transport it makes after each test. It assumes a lossless setup
 * with no reordering guarantees.
 * @param name - shown in the test names, e.g. `"transport-udp (127.0.0.1)"`.
 */
export function transportContract(name: string, harness: TransportHarness): void {
  describe(`Transport contract: ${name}`, () => {
    // Bound: the transports one test makes (a handful).
    let made: Transport[] = [];
    const make = (): Transport => {
      const t = harness.create();
      made.push(t);
      return t;
    };
    const pair = async (): Promise<[Transport, Transport]> => {
      const a = make();
      const b = make();
      await harness.within(Promise.all([a.start(), b.start()]), DEADLINE_MS);
      return [a, b];
    };

    beforeEach(async () => {
      made = [];
      await harness.beforeEach?.();
    });
    afterEach(async () => {
      await Promise.all(made.map((t) => t.stop()));
      await harness.afterEach?.();
    });

    it("reports a sane maxDatagramBytes", () => {
      const t = make();
      expect(Number.isInteger(t.maxDatagramBytes)).toBe(true);
      expect(t.maxDatagramBytes).toBeGreaterThan(0);
      expect(t.maxDatagramBytes).toBeLessThanOrEqual(65_507);
    });

    it("start() resolves the bound address and is idempotent", async () => {
      const t = make();
      expect(t.address).toBeUndefined();
      const [first, again] = await harness.within(Promise.all([t.start(), t.start()]), DEADLINE_MS);
      expect(first.port).toBeGreaterThan(0);
      expect(first.port).toBeLessThanOrEqual(65_535);
      expect(first.host.length).toBeGreaterThan(0);
      expect(sameAddress(first, again)).toBe(true);
      expect(t.address && sameAddress(t.address, first)).toBe(true);
      const later = await harness.within(t.start(), DEADLINE_MS);
      expect(sameAddress(later, first)).toBe(true);
    });

    it("start() rejects with the signal's reason when already aborted", async () => {
      const t = make();
      const controller = new AbortController();
      const reason = new Error("aborted by test");
      controller.abort(reason);
      await expect(harness.within(t.start({ signal: controller.signal }), DEADLINE_MS)).rejects.toBe(reason);
      expect(t.address).toBeUndefined();
    });

    it("delivers datagrams intact, both ways, with the sender's address as `from`", async () => {
      const [a, b] = await pair();
      const atA = inbox(a);
      const atB = inbox(b);
      const payload = pattern(300, 7);
      a.send(b.address!, payload);
      await harness.within(atB.count(1), DEADLINE_MS);
      expect(atB.got[0]!.data).toEqual(payload);
      expect(sameAddress(atB.got[0]!.from, a.address!)).toBe(true);

      b.send(atB.got[0]!.from, pattern(1, 9));
      await harness.within(atA.count(1), DEADLINE_MS);
      expect(atA.got[0]!.data).toEqual(pattern(1, 9));
      expect(sameAddress(atA.got[0]!.from, b.address!)).toBe(true);
    });

    it("delivers an empty datagram (the bytes are opaque to a transport)", async () => {
      const [a, b] = await pair();
      const atB = inbox(b);
      a.send(b.address!, new Uint8Array(0));
      await harness.within(atB.count(1), DEADLINE_MS);
      expect(atB.got[0]!.data.length).toBe(0);
    });

    it("counts sends before start() and after stop() as dropped, never throwing", async () => {
      const [, b] = await pair();
      const t = make();
      expect(() => t.send(b.address!, pattern(10))).not.toThrow();
      expect(t.stats().datagramsDropped).toBe(1);
      expect(t.stats().datagramsSent).toBe(0);
      await harness.within(t.start(), DEADLINE_MS);
      await t.stop();
      expect(() => t.send(b.address!, pattern(10))).not.toThrow();
      expect(t.stats().datagramsDropped).toBe(2);
      expect(t.stats().datagramsSent).toBe(0);
      const atB = inbox(b);
      await harness.settle();
      expect(atB.got).toHaveLength(0);
    });

    it("drops and counts a datagram larger than maxDatagramBytes; exactly the max arrives", async () => {
      const [a, b] = await pair();
      const atB = inbox(b);
      const max = a.maxDatagramBytes;
      expect(() => a.send(b.address!, pattern(max + 1))).not.toThrow();
      expect(a.stats().datagramsDropped).toBe(1);
      expect(a.stats().datagramsSent).toBe(0);
      a.send(b.address!, pattern(max, 3));
      await harness.within(atB.count(1), DEADLINE_MS);
      await harness.settle();
      expect(atB.got).toHaveLength(1);
      expect(atB.got[0]!.data).toEqual(pattern(max, 3));
    });

    it("survives a handler that throws, counting the datagram as dropped", async () => {
      const [a, b] = await pair();
      const atB = inbox(b, (data) => {
        if (data[0] === 1) throw new Error("handler failure under test");
      });
      a.send(b.address!, Uint8Array.of(1));
      a.send(b.address!, Uint8Array.of(2));
      await harness.within(atB.count(2), DEADLINE_MS);
      expect(b.stats().datagramsDropped).toBe(1);
      a.send(b.address!, Uint8Array.of(3));
      await harness.within(atB.count(3), DEADLINE_MS);
      expect(atB.got.map((g) => g.data[0]).sort()).toEqual([1, 2, 3]);
    });

    it("counts datagrams that arrive with no handler set as dropped", async () => {
      const [a, b] = await pair();
      const atB = inbox(b);
      b.onDatagram(undefined);
      a.send(b.address!, pattern(5));
      await harness.settle();
      expect(atB.got).toHaveLength(0);
      expect(b.stats().datagramsDropped).toBe(1);
    });

    it("stop() is idempotent and nothing is delivered after it", async () => {
      const [a, b] = await pair();
      const atB = inbox(b);
      const bAddress = b.address!;
      a.send(bAddress, pattern(8)); // in flight while b stops
      await Promise.all([b.stop(), b.stop()]);
      await b.stop();
      expect(b.address).toBeUndefined();
      expect(() => a.send(bAddress, pattern(8))).not.toThrow();
      await harness.settle();
      expect(atB.got).toHaveLength(0);
      expect(b.stats().datagramsReceived).toBe(0);
    });

    it("moves the stats counters", async () => {
      const [a, b] = await pair();
      const atB = inbox(b);
      a.send(b.address!, pattern(40));
      a.send(b.address!, pattern(60));
      await harness.within(atB.count(2), DEADLINE_MS);
      expect(a.stats()).toMatchObject({ datagramsSent: 2, bytesSent: 100, datagramsDropped: 0 });
      expect(b.stats()).toMatchObject({ datagramsReceived: 2, bytesReceived: 100, datagramsDropped: 0 });
    });

    it(`delivers a burst of ${BURST_COUNT} datagrams, all of them intact`, async () => {
      const [a, b] = await pair();
      const atB = inbox(b);
      for (let i = 0; i < BURST_COUNT; i++) {
        const data = pattern(BURST_BYTES, i);
        data[0] = i >> 8;
        data[1] = i & 0xff;
        a.send(b.address!, data);
      }
      await harness.within(atB.count(BURST_COUNT), DEADLINE_MS);
      const seen = new Set<number>();
      for (const { data, from } of atB.got) {
        const i = (data[0]! << 8) | data[1]!;
        const want = pattern(BURST_BYTES, i);
        want[0] = i >> 8;
        want[1] = i & 0xff;
        expect(data).toEqual(want);
        expect(sameAddress(from, a.address!)).toBe(true);
        seen.add(i);
      }
      expect(seen.size).toBe(BURST_COUNT);
      expect(b.stats().datagramsReceived).toBe(BURST_COUNT);
    });
  });
}
