import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../src/testing/index.js";

describe("ManualClock", () => {
  it("starts where told and only moves when advanced", () => {
    expect(new ManualClock().now()).toBe(0);
    const clock = new ManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.advance(250)).toBe(0);
    expect(clock.now()).toBe(1_250);
    expect(clock.nextAt()).toBeUndefined();
  });

  it("runs timers in time order, same-time timers in the order they were set", () => {
    const clock = new ManualClock();
    const log: string[] = [];
    clock.setTimeout(() => log.push(`c@${clock.now()}`), 30);
    clock.setTimeout(() => log.push(`a1@${clock.now()}`), 10);
    clock.setTimeout(() => log.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => log.push(`a2@${clock.now()}`), 10);
    clock.setTimeout(() => log.push(`now@${clock.now()}`), -5); // negative = 0
    expect(clock.pending).toBe(5);
    expect(clock.nextAt()).toBe(0);
    expect(clock.advance(20)).toBe(4);
    expect(log).toEqual(["now@0", "a1@10", "a2@10", "b@20"]);
    expect(clock.now()).toBe(20);
    expect(clock.advance(100)).toBe(1);
    expect(log.at(-1)).toBe("c@30");
    expect(clock.now()).toBe(120);
    expect(clock.pending).toBe(0);
  });

  it("runs a timer set by a timer at its own time within the same advance", () => {
    const clock = new ManualClock();
    const at: number[] = [];
    clock.setTimeout(() => {
      at.push(clock.now());
      clock.setTimeout(() => at.push(clock.now()), 5);
      clock.setTimeout(() => at.push(clock.now()), 0);
    }, 10);
    expect(clock.advance(15)).toBe(3);
    expect(at).toEqual([10, 10, 15]);
  });

  it("cancels timers; cancelling twice or after running is harmless", () => {
    const clock = new ManualClock();
    let ran = 0;
    const cancel = clock.setTimeout(() => ran++, 10);
    const keep = clock.setTimeout(() => ran++, 20);
    cancel();
    cancel();
    expect(clock.pending).toBe(1);
    expect(clock.nextAt()).toBe(20);
    expect(clock.advance(50)).toBe(1);
    expect(ran).toBe(1);
    keep();
    expect(clock.pending).toBe(0);
  });

  it("advanceAsync lets promise continuations schedule timers at the right time", async () => {
    const clock = new ManualClock();
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimeout(resolve, ms));
    const at: number[] = [];
    const task = (async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(10);
        at.push(clock.now());
      }
      return "done";
    })();
    // Synchronous advance cannot see the timers the continuations set.
    clock.advance(10);
    expect(at).toEqual([]);
    expect(await clock.advanceAsync(25)).toBe(2);
    expect(at).toEqual([10, 20, 30]);
    expect(clock.now()).toBe(35);
    await expect(task).resolves.toBe("done");
  });

  it("advanceAsync stops after maxTimers without moving past the last one run", async () => {
    const clock = new ManualClock();
    for (const ms of [5, 10, 15]) clock.setTimeout(() => undefined, ms);
    expect(await clock.advanceAsync(100, 2)).toBe(2);
    expect(clock.now()).toBe(10);
    expect(clock.pending).toBe(1);
  });

  it("runUntil stops when done, when idle, or at the time limit", async () => {
    const clock = new ManualClock();
    let ticks = 0;
    const tick = (): void => {
      ticks++;
      clock.setTimeout(tick, 100);
    };
    clock.setTimeout(tick, 100);
    expect(await clock.runUntil(() => ticks === 3, 10_000)).toBe(true);
    expect(clock.now()).toBe(300);
    expect(await clock.runUntil(() => false, 250)).toBe(false); // the limit: 400 and 500 run
    expect(ticks).toBe(5);
    expect(clock.now()).toBe(500);

    const idle = new ManualClock();
    let flag = false;
    idle.setTimeout(() => {
      void Promise.resolve().then(() => idle.setTimeout(() => (flag = true), 50));
    }, 10);
    expect(await idle.runUntil(() => flag, 1_000)).toBe(true);
    expect(idle.now()).toBe(60);
    expect(await idle.runUntil(() => false, 1_000)).toBe(false); // nothing pending: returns at once
    expect(idle.now()).toBe(60);
  });

  it("runUntil lets deep continuation chains of an instant finish before time moves on", async () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const chain = async (depth: number): Promise<void> => {
      for (let i = 0; i < depth; i++) await Promise.resolve();
      seen.push(clock.now()); // still the instant that started the chain
    };
    clock.setTimeout(() => void chain(50), 10);
    clock.setTimeout(() => void chain(3), 10);
    clock.setTimeout(() => seen.push(-clock.now()), 11);
    expect(await clock.runUntil(() => false, 1_000)).toBe(false);
    expect(seen).toEqual([10, 10, -11]);
    // More instants than one real event-loop turn covers (256) run and stay in order.
    const many = new ManualClock();
    const order: number[] = [];
    for (let i = 1; i <= 600; i++) many.setTimeout(() => void Promise.resolve().then(() => order.push(many.now())), i);
    await many.runUntil(() => order.length === 600, 10_000);
    expect(order).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
  });

  it("runUntil rejects with what a timer throws", async () => {
    const clock = new ManualClock();
    clock.setTimeout(() => {
      throw new Error("boom");
    }, 5);
    await expect(clock.runUntil(() => false, 100)).rejects.toThrow("boom");
  });

  it("runs timers in (time, order set) order through mass cancellation, as a sorted list would", () => {
    // Enough cancellations to make the heap drop them all at once, some from inside timers.
    const step = fc.record({ ms: fc.integer({ min: 0, max: 40 }), cancelAfter: fc.option(fc.nat(3000)) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 2500, maxLength: 3000 }), fc.nat(), (steps, nestedSeed) => {
        const clock = new ManualClock();
        const ran: number[] = [];
        const done = new Set<number>();
        const cancels: (() => void)[] = [];
        const model: { at: number; id: number; cancelled: boolean }[] = [];
        steps.forEach((s, id) => {
          model.push({ at: s.ms, id, cancelled: false });
          cancels.push(clock.setTimeout(() => {
            ran.push(id);
            done.add(id);
            // A timer cancels a later-set one that has not run yet (as an RPC reply would).
            const victim = (id * 7 + nestedSeed) % steps.length;
            if (!done.has(victim) && !model[victim]!.cancelled) {
              cancels[victim]!();
              model[victim]!.cancelled = true;
            }
          }, s.ms));
        });
        steps.forEach((s, id) => {
          if (s.cancelAfter !== null && s.cancelAfter % 3 !== 0) {
            cancels[id]!();
            model[id]!.cancelled = true;
          }
        });
        clock.advance(50);
        const expected = model
          .sort((a, b) => a.at - b.at || a.id - b.id)
          .filter((m) => !m.cancelled)
          .map((m) => m.id);
        expect(ran).toEqual(expected);
        expect(clock.pending).toBe(0);
      }),
      { seed: 9591, numRuns: 20 },
    );
  }, 30_000);
});
