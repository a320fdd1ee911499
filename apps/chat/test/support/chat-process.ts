import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** A `--json` event as printed by the chat (loosely typed: tests read the fields they need). */
export type JsonEvent = { readonly type: string } & Record<string, unknown>;

const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

/**
 * One chat process in script mode (`--json --stay`): lines go to its stdin, JSON events come
 * from its stdout. {@link waitFor} waits for an event with an explicit deadline.
 */
export class ChatProcess {
  readonly name: string;
  readonly events: JsonEvent[] = [];
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #waiters = new Set<() => void>();
  #stderr = "";
  #exited: number | string | undefined;

  constructor(name: string, args: readonly string[]) {
    this.name = name;
    this.#child = spawn(process.execPath,
      ["--conditions=@plexus/source", "--import", "tsx", "src/main.ts", "--json", "--stay", "--nick", name, ...args],
      { cwd: APP_DIR, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    createInterface({ input: this.#child.stdout }).on("line", (line) => {
      try {
        this.events.push(JSON.parse(line) as JsonEvent);
      } catch {
        this.#stderr += `(non-JSON stdout) ${line}\n`;
      }
      this.#wake();
    });
    this.#child.stderr.on("data", (chunk: Buffer) => (this.#stderr += chunk.toString()));
    this.#child.on("exit", (code, signal) => {
      this.#exited = code ?? signal ?? "exit";
      this.#wake();
    });
  }

  /** The number of events so far: pass it to {@link waitFor} to wait only for later ones. */
  mark(): number {
    return this.events.length;
  }

  /** Writes one line (a message or a command) to the process. */
  write(line: string): void {
    this.#child.stdin.write(`${line}\n`);
  }

  /** Resolves with the first event from index `since` on that matches, or rejects at the deadline. */
  waitFor(what: string, match: (event: JsonEvent) => boolean, timeoutMs = 15_000, since = 0): Promise<JsonEvent> {
    return new Promise((resolve, reject) => {
      let checked = since;
      const check = (): void => {
        for (; checked < this.events.length; checked++) {
          const event = this.events[checked]!;
          if (match(event)) return done(() => resolve(event));
        }
        if (this.#exited !== undefined) done(() => reject(this.#failure(`exited (${this.#exited}) before ${what}`)));
      };
      const timer = setTimeout(() => done(() => reject(this.#failure(`no ${what} within ${timeoutMs} ms`))), timeoutMs);
      const done = (settle: () => void): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        settle();
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Kills the process with `signal` and resolves once it has exited. */
  kill(signal: NodeJS.Signals): Promise<void> {
    if (this.#exited !== undefined) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.#child.once("exit", () => resolve()));
    this.#child.kill(signal);
    return exited;
  }

  /** Resolves with the exit code once the process ends (or rejects at the deadline). */
  async exit(timeoutMs = 10_000): Promise<number | string> {
    if (this.#exited === undefined) {
      await this.waitFor("exit", () => false, timeoutMs, this.events.length).catch(() => undefined);
    }
    if (this.#exited === undefined) throw this.#failure(`did not exit within ${timeoutMs} ms`);
    return this.#exited;
  }

  #wake(): void {
    for (const check of [...this.#waiters]) check();
  }

  #failure(text: string): Error {
    const tail = this.events.slice(-8).map((e) => JSON.stringify(e)).join("\n");
    return new Error(`${this.name}: ${text}\nlast events:\n${tail}\nstderr:\n${this.#stderr.slice(-2_000)}`);
  }
}
