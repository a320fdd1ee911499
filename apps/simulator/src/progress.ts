/** Width of the progress bar in characters. */
const BAR_CHARS = 30;
/** Least wall time between two redraws, in ms. */
const REDRAW_MS = 100;

/** A one-line progress bar on stderr; silent when stderr is not a TTY. */
export class ProgressBar {
  readonly #enabled: boolean;
  #last = 0;
  #prefix = "";

  constructor(enabled = process.stderr.isTTY === true) {
    this.#enabled = enabled;
  }

  /** Sets the text before the bar (e.g. the sweep point). */
  prefix(text: string): void {
    this.#prefix = text;
  }

  update(phase: string, done: number, total: number): void {
    if (!this.#enabled) return;
    const now = performance.now();
    if (now - this.#last < REDRAW_MS && done < total) return;
    this.#last = now;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const full = Math.round(share * BAR_CHARS);
    const bar = "#".repeat(full) + ".".repeat(BAR_CHARS - full);
    process.stderr.write(`\r\x1b[2K${this.#prefix} ${phase.padEnd(9)} [${bar}] ${done}/${total}`);
  }

  /** Clears the line. */
  done(): void {
    if (this.#enabled) process.stderr.write("\r\x1b[2K");
  }
}
