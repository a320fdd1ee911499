import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildReport, ChildTask } from "./child-protocol.js";
import { parseChildReport } from "./child-protocol.js";

/** Built beside this file (`pnpm bench:peers` runs dist/main.js): plain node, plexus from its dist. */
const CHILD_ENTRY = fileURLToPath(new URL("./child.js", import.meta.url));
/** Bytes of a child's stderr kept for the error message (the tail). */
const STDERR_TAIL_BYTES = 4096;

/**
 * Runs one task in a fresh Node process (plain node on the built child, the same flags
 * for every library) and resolves to its report. Kills it after `timeoutMs`.
 * @throws Error when the child exits without a report or times out.
 */
export function runChild(task: ChildTask, timeoutMs: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath,
      ["--no-warnings", "--expose-gc", CHILD_ENTRY, JSON.stringify(task)],
      { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => { clearTimeout(timer); reject(error); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const report = parseChildReport(stdout);
      if (report !== undefined) resolve(report);
      else reject(new Error(`${task.library} (N=${task.nodes}) ended without a report `
        + `(code ${String(code)}, signal ${String(signal)}): ${stderr.trim()}`));
    });
  });
}
