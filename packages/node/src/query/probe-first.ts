import type { Cancel, Clock } from "@plexus/core";
import { PROBE_FIRST_MS, PROBE_HOPS } from "../config/constants.js";

/**
 * A walk's opening with `probeFirst` (WalkOptions): one request at a time to the closest
 * candidate it knows, then to the closer one a reply names, up to PROBE_HOPS requests, so a
 * get whose key lies a hop or two beyond its own table costs those few requests (not paths
 * x alpha) when the value verifies. The walk opens (every path to alpha) at a reply that
 * names nobody closer, at a failure or a stall, after PROBE_HOPS probes, or PROBE_FIRST_MS
 * after it started: on a network slower than that, it is the usual walk, that much later.
 */
export class ProbeFirst {
  #open: boolean;
  #timer: Cancel | undefined;
  #probes = 1;

  constructor(on: boolean) {
    this.#open = !on;
  }

  /** True while the walk sends only its probe. */
  get probing(): boolean {
    return !this.#open;
  }

  /** Starts the opening's timer; `opened` runs when it fires (the walk must pump). */
  arm(clock: Clock, opened: () => void): void {
    if (this.#open) return;
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      this.open();
      opened();
    }, PROBE_FIRST_MS);
  }

  /** The probe answered; `closer`: its reply named a candidate closer than any known, the next probe. */
  answered(closer: boolean): void {
    if (!this.#open && !(closer && ++this.#probes <= PROBE_HOPS)) this.open();
  }

  /** Every path may now have alpha requests outstanding (also cancels the timer). */
  open(): void {
    this.#open = true;
    this.#timer?.();
    this.#timer = undefined;
  }
}
