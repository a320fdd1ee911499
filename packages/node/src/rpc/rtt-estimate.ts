/** Cap of the RTO backoff factor (the result is capped at the longest timeout anyway). */
const MAX_RTO_BACKOFF = 64;

/**
 * The round-trip estimate behind the adaptive request timeout (RFC 6298): smoothed RTT and
 * its variance from replies to requests that were not retried (Karn), and a backoff factor
 * that doubles per timeout and returns to 1 on the next sample. One estimate for all peers
 * (they are many and each is asked rarely); the variance term covers their spread.
 */
export class RttEstimate {
  #srtt = 0;
  #rttvar = 0;
  /** RTO backoff (RFC 6298 5.5). */
  #backoff = 1;

  /** Smoothed round-trip time in ms, 0 before any sample. */
  get srttMs(): number {
    return this.#srtt;
  }

  /** A reply to a request sent once came after `rttMs` (RFC 6298 section 2). */
  sample(rttMs: number): void {
    const rtt = Math.max(rttMs, 0.001);
    this.#backoff = 1;
    if (this.#srtt === 0) {
      this.#srtt = rtt;
      this.#rttvar = rtt / 2;
    } else { // RFC 6298 section 2.3
      this.#rttvar = this.#rttvar * 0.75 + Math.abs(this.#srtt - rtt) * 0.25;
      this.#srtt = this.#srtt * 0.875 + rtt * 0.125;
    }
  }

  /** A request timed out after all its attempts: back off until the next sample. */
  timedOut(): void {
    if (this.#backoff < MAX_RTO_BACKOFF) this.#backoff *= 2;
  }

  /**
   * RTO = `srtt + 4 * rttvar`, times the backoff, clamped to [`min`, `max`]; `max` before the
   * first sample, or always when `min` is undefined or not below `max`.
   */
  timeoutMs(min: number | undefined, max: number): number {
    if (min === undefined || min >= max || this.#srtt === 0) return max;
    return Math.min(max, Math.max(min, this.#srtt + 4 * this.#rttvar) * this.#backoff);
  }
}
