/**
 * A test fixture run inside a network namespace (`ip netns exec`, from the workspace
 * sources), read as JSON lines and driven by command lines on stdin.
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";

/** A child process in a host, read line by line. */
export class Child {
  readonly #process: ChildProcessWithoutNullStreams;
  readonly #lines: string[] = [];
  readonly #waiters = new Set<() => void>();
  #exited = false;
  stderr = "";

  constructor(child: ChildProcessWithoutNullStreams) {
    this.#process = child;
    createInterface({ input: child.stdout }).on("line", (line) => {
      this.#lines.push(line);
      for (const wake of this.#waiters) wake();
    });
    child.stderr.on("data", (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-4_000); });
    child.on("exit", () => {
      this.#exited = true;
      for (const wake of this.#waiters) wake();
    });
  }

  /** How many unread JSON lines of `kind` arrived. */
  seen(kind: string): number {
    return this.#lines.filter((line) => line.startsWith("{") && (JSON.parse(line) as { kind?: string }).kind === kind).length;
  }

  /** Sends one command line on stdin. */
  send(line: string): void {
    this.#process.stdin.write(`${line}\n`);
  }

  /** The next unread line parsed as JSON that has `kind`, within `timeoutMs`. */
  async next<T = Record<string, unknown>>(kind: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.#lines.findIndex((line) => line.startsWith("{") && (JSON.parse(line) as { kind?: string }).kind === kind);
      if (index >= 0) return JSON.parse(this.#lines.splice(index, 1)[0]!) as T;
      const left = deadline - Date.now();
      if (left <= 0 || this.#exited) throw new Error(`no "${kind}" line (${this.#exited ? "exited" : "timed out"}); stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const wake = (): void => { this.#waiters.delete(wake); clearTimeout(timer); resolve(); };
        const timer = setTimeout(wake, left);
        this.#waiters.add(wake);
      });
    }
  }

  /** Asks `command` and waits for the line of `kind` that answers it. */
  async ask<T = Record<string, unknown>>(command: string, kind: string, timeoutMs?: number): Promise<T> {
    this.send(command);
    return this.next<T>(kind, timeoutMs);
  }

  kill(): void {
    if (!this.#exited) this.#process.kill("SIGKILL");
  }
}

/** Runs the TypeScript `script` in namespace `ns` from the workspace sources; `children` collects it for cleanup. */
export function spawnIn(ns: string, script: string, args: readonly string[], children: Child[]): Child {
  const child = new Child(spawn("ip", ["netns", "exec", ns, process.execPath, "--conditions=@plexus/source", "--import", "tsx", script, ...args]));
  children.push(child);
  return child;
}
