/**
 * Runs the `plexus` command in a child process for tests, from the TypeScript sources
 * (tsx and the @plexus/source condition, as the other child-process tests do: no build
 * needed). Every child is tracked; `killAll()` (in afterAll) SIGKILLs the ones still running.
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { withDeadline } from "./mesh.js";

const MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));

/** A running `plexus` process, with what it printed so far. */
export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves to the exit code (-1 when a signal ended it). */
  readonly exited: Promise<number>;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout or stderr line matching `pattern`, within `ms`. */
  waitFor(pattern: RegExp, ms: number, stream?: "stdout" | "stderr"): Promise<string>;
}

/** Starts tracking children; `killAll` ends those still running. */
export function cliRunner(env: NodeJS.ProcessEnv = {}) {
  const children: ChildProcessWithoutNullStreams[] = [];
  const start = (args: readonly string[]): CliProcess => {
    const base = { ...process.env };
    delete base.PLEXUS_BOOTSTRAP;
    const child = spawn(process.execPath, ["--conditions=@plexus/source", "--import", "tsx", MAIN, ...args],
      { cwd: PACKAGE_DIR, env: { ...base, ...env } });
    children.push(child);
    let out = "";
    let err = "";
    const waiters: (() => void)[] = [];
    const wake = (): void => { for (const w of waiters.splice(0)) w(); };
    child.stdout.setEncoding("utf8").on("data", (c: string) => { out += c; wake(); });
    child.stderr.setEncoding("utf8").on("data", (c: string) => { err += c; wake(); });
    const exited = new Promise<number>((resolve) => child.on("exit", (code) => { wake(); resolve(code ?? -1); }));
    const find = (pattern: RegExp, stream?: "stdout" | "stderr"): string | undefined => {
      const text = stream === "stdout" ? out : stream === "stderr" ? err : `${out}\n${err}`;
      return text.split("\n").find((line) => pattern.test(line));
    };
    const waitFor = (pattern: RegExp, ms: number, stream?: "stdout" | "stderr"): Promise<string> =>
      withDeadline(new Promise<string>((resolve, reject) => {
        const check = (): void => {
          const line = find(pattern, stream);
          if (line !== undefined) resolve(line);
          else if (child.exitCode !== null) reject(new Error(`plexus ${args.join(" ")} exited ${child.exitCode}: ${err}`));
          else waiters.push(check);
        };
        check();
      }), ms, `plexus ${args[0]}: ${String(pattern)}`);
    return { child, exited, stdout: () => out, stderr: () => err, waitFor };
  };
  /** Runs to completion within `ms`; the exit code and both streams. */
  const run = async (args: readonly string[], ms: number): Promise<{ code: number; stdout: string; stderr: string }> => {
    const p = start(args);
    const code = await withDeadline(p.exited, ms, `plexus ${args.join(" ")}`);
    return { code, stdout: p.stdout(), stderr: p.stderr() };
  };
  const killAll = (): void => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  };
  return { start, run, killAll };
}
