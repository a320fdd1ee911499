import type { Cancel, Clock } from "../contracts.js";

/** A `setTimeout` timer: `fn` is cleared once it runs or is cancelled. */
class Timer {
  fn: (() => void) | undefined;
  constructor(fn: () => void) {
    this.fn = fn;
  }
}

/** Initial heap capacity, in entries (it doubles as needed). */
const INITIAL_CAPACITY = 64;
/** Cancelled timers left in the heap before it is worth rebuilding without them. */
const COMPACT_MIN_DEAD = 1024;

/** A settled promise: `SETTLED.then(fn)` queues `fn` as a microtask. */
const SETTLED = Promise.resolve();

/** Instants run between two real event-loop turns (I/O, real timers) by the async runners. */
const INSTANTS_PER_YIELD = 256;

/**
 * A Clock that only moves when told to: a discrete-event scheduler for simulations and
 * tests. Timers due at the same time run in the order they were set, so a run is
 * deterministic.
 *
 * A binary min-heap on (time, sequence number): the keys sit in one `Float64Array`, so
 * sifting reads no timer object; each `setTimeout` allocates one small timer and its cancel
 * function. Cancelling marks the timer; marked ones are dropped when they reach the top,
 * or all at once when a cancel finds them outnumbering the live ones (and at least
 * COMPACT_MIN_DEAD): the order of the rest is unchanged, (time, sequence) being a total
 * order. Memory: one entry per pending timer plus the cancelled ones not yet dropped
 * (right after any cancel, at most max(pending, COMPACT_MIN_DEAD)); the key array keeps
 * its largest size.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  /** Time and sequence number of heap entry `i` at `2i` and `2i + 1`. */
  #keys = new Float64Array(2 * INITIAL_CAPACITY);
  /** The heap entries; bounded as the class comment says. */
  readonly #entries: Timer[] = [];
  #live = 0;
  /** Cancelled timers still in the heap. */
  #dead = 0;
  /** Instants run by the async runners (for their event-loop turns). */
  #instants = 0;

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
    const timer = new Timer(fn);
    this.#push(this.#now + Math.max(0, ms), timer);
    return () => {
      if (timer.fn !== undefined) {
        timer.fn = undefined;
        this.#live--;
        if (++this.#dead >= COMPACT_MIN_DEAD && this.#dead > this.#live) this.#compact();
      }
    };
  }

  /** Time of the next pending timer, or `undefined` when none is pending. */
  nextAt(): number | undefined {
    this.#dropCancelled();
    return this.#entries.length > 0 ? this.#keys[0] : undefined;
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
    const ran = await this.#drive(end, (n) => n < maxTimers);
    if (ran < maxTimers) this.#now = Math.max(this.#now, end);
    return ran;
  }

  /**
   * Runs timers (letting promises settle between instants) until `done()` is true, no
   * timer is pending, or `maxMs` of clock time has passed. Resolves to `done()`.
   */
  async runUntil(done: () => boolean, maxMs: number): Promise<boolean> {
    await this.#drive(this.#now + maxMs, () => !done());
    return done();
  }

  /**
   * Runs one instant at a time while `more(timers run so far)` holds and a timer is due by
   * `end`, letting every promise continuation of an instant (and what those queue) run
   * before the next. The next step is queued from a microtask queued after the instant's
   * own continuations, as a nextTick: Node runs it only once the microtask queue is empty.
   * A reaction on a settled promise is that microtask (Node's queueMicrotask would add an
   * async resource and a bound function each time). It starts, and every
   * INSTANTS_PER_YIELD instants goes on, after a real event-loop turn.
   * @returns the number of timers run; rejects with what a timer throws.
   */
  #drive(end: number, more: (ran: number) => boolean): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let ran = 0;
      const next = (): void => {
        // eslint-disable-next-line no-restricted-globals -- test clock only; it already needs Node (setImmediate)
        process.nextTick(step);
      };
      const step = (): void => {
        try {
          if (more(ran)) {
            const at = this.nextAt();
            if (at !== undefined && at <= end) {
              ran += this.#runDue(at);
              if (++this.#instants % INSTANTS_PER_YIELD === 0) setImmediate(step);
              else void SETTLED.then(next);
              return;
            }
          }
          resolve(ran);
        } catch (error) {
          reject(error);
        }
      };
      setImmediate(step);
    });
  }

  /** Runs all timers due at exactly `at` (including those they set for `at`), in order; moves time there. */
  #runDue(at: number): number {
    this.#now = Math.max(this.#now, at);
    const entries = this.#entries;
    let ran = 0;
    while (entries.length > 0 && this.#keys[0] === at) {
      const timer = this.#pop();
      const fn = timer.fn;
      if (fn === undefined) {
        this.#dead--;
        continue;
      }
      timer.fn = undefined;
      this.#live--;
      ran++;
      fn();
    }
    return ran;
  }

  #dropCancelled(): void {
    const entries = this.#entries;
    while (entries.length > 0 && isCancelled(entries[0]!)) {
      this.#pop();
      this.#dead--;
    }
  }

  /** Adds `entry` at time `at` with the next sequence number. */
  #push(at: number, entry: Timer): void {
    const seq = this.#seq++;
    const entries = this.#entries;
    let i = entries.length;
    entries.push(entry);
    if (2 * entries.length > this.#keys.length) {
      const grown = new Float64Array(2 * this.#keys.length);
      grown.set(this.#keys);
      this.#keys = grown;
    }
    const keys = this.#keys;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pAt = keys[2 * p]!;
      if (pAt < at || (pAt === at && keys[2 * p + 1]! < seq)) break;
      keys[2 * i] = pAt;
      keys[2 * i + 1] = keys[2 * p + 1]!;
      entries[i] = entries[p]!;
      i = p;
    }
    keys[2 * i] = at;
    keys[2 * i + 1] = seq;
    entries[i] = entry;
    this.#live++;
  }

  /** Removes and returns the top entry (the heap is not empty). */
  #pop(): Timer {
    const entries = this.#entries;
    const top = entries[0]!;
    const last = entries.pop()!;
    const n = entries.length;
    if (n > 0) this.#siftDown(0, this.#keys[2 * n]!, this.#keys[2 * n + 1]!, last);
    return top;
  }

  /** Puts `entry` with key (`at`, `seq`) at `i` or below, restoring the heap order under `i`. */
  #siftDown(i: number, at: number, seq: number, entry: Timer): void {
    const keys = this.#keys;
    const entries = this.#entries;
    const n = entries.length;
    for (;;) {
      let m = 2 * i + 1;
      if (m >= n) break;
      const r = m + 1;
      if (r < n && less(keys, r, m)) m = r;
      const mAt = keys[2 * m]!;
      if (at < mAt || (at === mAt && seq < keys[2 * m + 1]!)) break;
      keys[2 * i] = mAt;
      keys[2 * i + 1] = keys[2 * m + 1]!;
      entries[i] = entries[m]!;
      i = m;
    }
    keys[2 * i] = at;
    keys[2 * i + 1] = seq;
    entries[i] = entry;
  }

  /** Drops every cancelled timer at once and rebuilds the heap (Floyd), in O(size). */
  #compact(): void {
    const keys = this.#keys;
    const entries = this.#entries;
    let j = 0;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (isCancelled(entry)) continue;
      keys[2 * j] = keys[2 * i]!;
      keys[2 * j + 1] = keys[2 * i + 1]!;
      entries[j++] = entry;
    }
    entries.length = j;
    this.#dead = 0;
    for (let i = (j >> 1) - 1; i >= 0; i--) this.#siftDown(i, keys[2 * i]!, keys[2 * i + 1]!, entries[i]!);
  }
}

/** True when entry `a` sorts before entry `b` (by time, then sequence number). */
function less(keys: Float64Array, a: number, b: number): boolean {
  const aAt = keys[2 * a]!;
  const bAt = keys[2 * b]!;
  return aAt < bAt || (aAt === bAt && keys[2 * a + 1]! < keys[2 * b + 1]!);
}

function isCancelled(timer: Timer): boolean {
  return timer.fn === undefined;
}
