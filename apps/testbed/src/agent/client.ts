/**
 * The controller's side of an agent: spawns it in a host's namespace and sends commands,
 * each answered (or timed out) by its `seq`.
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import type { Command } from "./commands.js";

export type Answer = { readonly seq: number; readonly ok: boolean; readonly error?: string } & Record<string, unknown>;

export class AgentClient {
  readonly #child: ChildProcessWithoutNullStreams;
  /** Bounded by the commands in flight (the controller awaits each phase). */
  readonly #pending = new Map<number, (answer: Answer) => void>();
  #seq = 0;
  #stderr = "";
  #stopping = false;

  /** Runs `argv` (node and the agent script) in namespace `ns`; `onExit` hears an early exit with the end of its stderr. */
  constructor(ns: string, argv: readonly string[], onExit?: (code: number | null, stderr: string) => void) {
    this.#child = spawn("ip", ["netns", "exec", ns, ...argv], { stdio: ["pipe", "pipe", "pipe"] });
    createInterface({ input: this.#child.stdout }).on("line", (line) => {
      if (!line.startsWith("{")) return;
      const answer = JSON.parse(line) as Answer;
      this.#pending.get(answer.seq)?.(answer);
      this.#pending.delete(answer.seq);
    });
    this.#child.stderr.on("data", (chunk: Buffer) => { this.#stderr = (this.#stderr + chunk.toString()).slice(-4_000); });
    this.#child.on("exit", (code) => {
      if (!this.#stopping) onExit?.(code, this.#stderr.trim());
      for (const [seq, resolve] of this.#pending) resolve({ seq, ok: false, error: `agent exited: ${this.#stderr.trim()}` });
      this.#pending.clear();
    });
  }

  /** Sends a command; the answer comes within its timeout plus a margin for the pipe. */
  ask(command: Omit<Command, "seq">): Promise<Answer> {
    const seq = ++this.#seq;
    const timeoutMs = command.timeoutMs ?? 10_000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(seq);
        resolve({ seq, ok: false, error: "no answer from the agent" });
      }, timeoutMs + 5_000);
      this.#pending.set(seq, (answer) => { clearTimeout(timer); resolve(answer); });
      this.#child.stdin.write(`${JSON.stringify({ ...command, seq, timeoutMs })}\n`);
    });
  }

  /** Closes stdin (the agent closes its node and exits) and kills it if it has not within 3 s. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once("exit", () => resolve()));
    this.#child.stdin.end();
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
  }
}
