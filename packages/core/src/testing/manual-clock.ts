import type { Cancel, Clock } from "../contracts.js";

interface Timer {
  at: number;
  seq: number;
  fn: (() => void) | undefined;
}

/** Lets pending promise continuations run (a macrotask turn). */
function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Flushes between due instants that use {@link drainMicrotasks} before a real yield. */
const DRAINS_PER_YIELD = 256;

/**
 * Resolves once every promise continuation queued so far (and those they queue) has run.
 * Called from inside a continuation, a `process.nextTick` callback runs only after V8 has
 * drained the whole microtask queue, so this is as complete as a `setImmediate` but skips a
 * full event-loop turn (which was ~20% of a large simulation's wall time).
 */
function drainMicrotasks(): Promise<void> {
  // eslint-disable-next-line no-restricted-globals -- test clock only; it already needs Node (setImmediate)
  return new Promise((resolve) => process.nextTick(resolve));
}

/**
 * A Clock that only moves when told to: a discrete-event scheduler for simulations and
 * tests. Timers due at the same time run in the order they were set, so a run is
 * deterministic. Memory: one heap entry per pending timer; cancelled timers are dropped
 * lazily when they reach the top.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #heap: Timer[] = [];
  #live = 0;
  #drains = 0;

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Number of timers still pending (not cancelled, not run). */
  get pending(): number {
    return this.#live;
  }

  setTimeout(fn: () => void, ms: number): Cancel {
    const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn };
    this.#push(timer);
    this.#live++;
    return () => {
      if (timer.fn) {
        timer.fn = undefined;
        this.#live--;
      }
    };
  }

  /** Time of the next pending timer, or `undefined` when none is pending. */
  nextAt(): number | undefined {
    this.#dropCancelled();
    return this.#heap[0]?.at;
  }

  /**
   * Runs every timer due up to `now + ms` synchronously, moving time to each one, then
   * sets time to `now + ms`. Promise continuations run only after this returns: use
   * {@link advanceAsync} when timers resolve promises that schedule more timers.
   */
  advance(ms: number): number {
    const end = this.#now + ms;
    let ran = 0;
    for (;;) {
      const at = this.nextAt();
      if (at === undefined || at > end) break;
      ran += this.#runDue(at);
    }
    this.#now = end;
    return ran;
  }

  /**
   * Like {@link advance}, but lets promise continuations run after each instant, so async
   * code sees time move as it would on a real clock. Stops after `maxTimers` timers.
   * @returns the number of timers run.
   */
  async advanceAsync(ms: number, maxTimers = Number.MAX_SAFE_INTEGER): Promise<number> {
    const end = this.#now + ms;
    let ran = 0;
    await flushMicrotasks();
    while (ran < maxTimers) {
      const at = this.nextAt();
      if (at === undefined || at > end) break;
      ran += this.#runDue(at);
      await this.#settle();
    }
    if (ran < maxTimers) this.#now = Math.max(this.#now, end);
    return ran;
  }

  /**
   * Runs timers (letting promises settle between instants) until `done()` is true, no
   * timer is pending, or `maxMs` of clock time has passed. Resolves to `done()`.
   */
  async runUntil(done: () => boolean, maxMs: number): Promise<boolean> {
    const end = this.#now + maxMs;
    await flushMicrotasks();
    while (!done()) {
      const at = this.nextAt();
      if (at === undefined || at > end) break;
      this.#runDue(at);
      await this.#settle();
    }
    return done();
  }

  /** Runs all timers due at exactly `at`, in order; moves time there. */
  #runDue(at: number): number {
    this.#now = Math.max(this.#now, at);
    let ran = 0;
    while (this.#heap.length > 0 && this.#heap[0]!.at === at) {
      const timer = this.#pop()!;
      const fn = timer.fn;
      if (!fn) continue;
      timer.fn = undefined;
      this.#live--;
      ran++;
      fn();
    }
    return ran;
  }

  /** Lets the continuations of the instant just run settle; a real event-loop turn now and then. */
  #settle(): Promise<void> {
    return ++this.#drains % DRAINS_PER_YIELD === 0 ? flushMicrotasks() : drainMicrotasks();
  }

    #dropCancelled(): void {
    while (this.#heap.length > 0 && this.#heap[0]!.fn === undefined) this.#pop();
  }

  static #less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(t: Timer): void {
    const h = this.#heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!ManualClock.#less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  #pop(): Timer | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && ManualClock.#less(h[l]!, h[m]!)) m = l;
        if (r < h.length && ManualClock.#less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
