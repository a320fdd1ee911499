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
});
