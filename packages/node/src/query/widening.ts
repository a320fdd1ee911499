/**
 * The last round of a lookup, as the paper has it (section 2.3): "If a round of FIND_NODEs
 * fails to return a node any closer than the closest already seen, the initiator resends
 * the FIND_NODE to all of the k closest nodes it has not already queried."
 *
 * A walk that keeps alpha requests out per path would instead confirm the k closest alpha
 * at a time: about k / alpha round trips once the closest set has stopped changing (7 of
 * the ~9 dependent waves of a 21-request lookup at 200 nodes). Here a path's round is the
 * requests it sent since its closest candidate last changed: when `after` replies of the
 * round (alpha: a round's worth) brought nothing closer, the path is widened for good and
 * asks every unasked candidate in its window of k at once. Replies to requests sent before
 * the closest changed do not count (they were not asked knowing it), so a walk far from its
 * target keeps its alpha until it stops getting closer. The requests are those the walk
 * would have sent anyway, give or take a few whose place a later reply takes; what goes is
 * the waiting.
 *
 * Bound: three entries per disjoint path of the walk.
 */
export class Widening {
  readonly #after: number;
  /** Changes of the closest candidate so far, per path: the path's current round. */
  readonly #round: number[];
  /** Replies of the current round that brought no closer candidate, per path. */
  readonly #quiet: number[];
  readonly #wide: boolean[];

  /** `after`: replies of a round without progress that widen a path; `Infinity`: never. */
  constructor(paths: number, after: number) {
    this.#after = after;
    this.#round = Array.from({ length: paths }, () => 0);
    this.#quiet = Array.from({ length: paths }, () => 0);
    this.#wide = Array.from({ length: paths }, () => false);
  }

  /** The current round of `path`: what a request sent now is tagged with. */
  round(path: number): number {
    return this.#round[path]!;
  }

  /**
   * A reply on `path` to a request sent in round `asked` was taken in; `closer`: it put a
   * candidate ahead of the path's closest (a new round begins).
   */
  note(path: number, asked: number, closer: boolean): void {
    if (this.#wide[path] === true) return;
    if (closer) {
      this.#round[path]!++;
      this.#quiet[path] = 0;
    } else if (asked === this.#round[path] && ++this.#quiet[path]! >= this.#after) this.#wide[path] = true;
  }

  /** True once `path` asks its whole window at once. */
  wide(path: number): boolean {
    return this.#wide[path] === true;
  }
}
