import { ManualClock } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { TokenBuckets } from "../src/limits/token-buckets.js";
import { OriginGuard } from "../src/origins/origin-guard.js";
import { NO_SCOPE, OriginKind, signOrigin } from "../src/origins/origin-signature.js";
import { OriginSigner } from "../src/origins/origin-signer.js";
import { ReplayWindow } from "../src/origins/replay-window.js";
import { identityFromPrivateKey } from "../src/index.js";

const origin = new Uint8Array(32).fill(1);

describe("replay window", () => {
  it("accepts each sequence number once, tolerates reordering within the width, refuses older", () => {
    const w = new ReplayWindow({ width: 4, maxOrigins: 10 });
    expect([10, 12, 11, 10].map((s) => w.accept(origin, s))).toEqual([true, true, true, false]);
    // Full at 10..13: 9 is below all of them; 20 pushes 10 out.
    expect([13, 9, 20, 12, 14].map((s) => w.accept(origin, s))).toEqual([true, false, true, false, true]);
    // Now the 4 highest are 12, 13, 14, 20: 11 is too old, 15 is new.
    expect([11, 15].map((s) => w.accept(origin, s))).toEqual([false, true]);
  });

  it("tracks at most maxOrigins origins, forgetting the least recently heard", () => {
    const w = new ReplayWindow({ width: 4, maxOrigins: 3 });
    const o = (n: number): Uint8Array => new Uint8Array(32).fill(n);
    for (let n = 1; n <= 3; n++) w.accept(o(n), 5);
    w.accept(o(1), 6); // origin 1 heard again: origin 2 is now the oldest
    w.accept(o(4), 5);
    expect(w.size).toBe(3);
    expect(w.accept(o(1), 5)).toBe(false);
    expect(w.accept(o(2), 5)).toBe(true); // forgotten: starts afresh
  });
});

describe("token buckets", () => {
  it("gives a burst, then the rate, per key, on the injected clock", () => {
    const clock = new ManualClock();
    const b = new TokenBuckets(clock, { ratePerSecond: 2, burstSeconds: 2, maxKeys: 10 });
    expect(Array.from({ length: 6 }, () => b.take("a"))).toEqual([true, true, true, true, false, false]);
    expect(b.take("b")).toBe(true);
    clock.advance(1000);
    expect(Array.from({ length: 3 }, () => b.take("a"))).toEqual([true, true, false]);
    clock.advance(60_000);
    expect(Array.from({ length: 5 }, () => b.take("a")).filter(Boolean).length).toBe(4);
  });
});

describe("origin guard", () => {
  const identity = identityFromPrivateKey(new Uint8Array(32).fill(7));
  const from = { host: "198.18.0.1", port: 1 };
  const fields = (data: string) => ({ origin: identity.id, id: new Uint8Array(16).fill(3), scope: NO_SCOPE, data: new TextEncoder().encode(data) });

  it("refuses unsigned, forged and replayed messages, and charges an origin only once it is proven", () => {
    const clock = new ManualClock();
    const guard = new OriginGuard(clock, { verify: true, perOriginPerSecond: 1, perSubnetPerSecond: Infinity });
    const f = fields("x");
    const auth = signOrigin(identity, OriginKind.BROADCAST, f, 0);
    expect(guard.check(OriginKind.BROADCAST, f, undefined, from)).toBe("unsigned");
    for (let i = 0; i < 50; i++) expect(guard.check(OriginKind.BROADCAST, fields("y"), auth, from)).toBe("forged");
    expect(guard.check(OriginKind.PUBLICATION, f, auth, from)).toBe("forged");
    expect(guard.check(OriginKind.BROADCAST, f, auth, from)).toBe("ok"); // the forgeries spent nothing
    expect(guard.check(OriginKind.BROADCAST, f, auth, from)).toBe("replayed");
    const signer = new OriginSigner(identity, clock);
    let limited = 0;
    for (let i = 0; i < 20; i++) if (guard.check(OriginKind.BROADCAST, f, signer.sign(OriginKind.BROADCAST, f), from) === "limited") limited++;
    expect(limited).toBe(20 - 9); // burst: 10 s of 1/s, one spent above
  });

  it("charges the source subnet before verifying, loopback exempt", () => {
    const guard = new OriginGuard(new ManualClock(), { verify: true, perOriginPerSecond: Infinity, perSubnetPerSecond: 5 });
    const verdicts = Array.from({ length: 12 }, () => guard.check(OriginKind.BROADCAST, fields("z"), undefined, from));
    expect(verdicts.filter((v) => v === "limited").length).toBe(2);
    const loopback = Array.from({ length: 50 }, () => guard.check(OriginKind.BROADCAST, fields("z"), undefined, { host: "127.0.0.1", port: 1 }));
    expect(loopback.every((v) => v === "unsigned")).toBe(true);
  });

  it("signs increasing sequence numbers that follow the clock", () => {
    const clock = new ManualClock();
    const signer = new OriginSigner(identity, clock);
    const f = fields("s");
    const a = signer.sign(OriginKind.BROADCAST, f).seq;
    const b = signer.sign(OriginKind.BROADCAST, f).seq;
    clock.advance(5);
    const c = signer.sign(OriginKind.BROADCAST, f).seq;
    expect(b).toBe(a + 1);
    expect(c).toBeGreaterThanOrEqual(clock.now() * 1000);
  });
});
