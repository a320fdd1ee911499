// Runs a TypeScript test fixture in a child Node process, resolving workspace packages to
// their sources (the "@plexus/source" condition) through tsx, as the tests themselves run.
import { spawn } from "node:child_process";

/** The Node arguments that load a TypeScript file the way the tests see the workspace. */
export const sourceNodeArgs = ["--conditions=@plexus/source", "--import", "tsx"];

/** Spawns `node <sourceNodeArgs> <args...>` with piped stdio; the caller owns the child. */
export function spawnFixture(args, options = {}) {
  return spawn(process.execPath, [...sourceNodeArgs, ...args], { stdio: ["ignore", "pipe", "pipe"], ...options });
}

/** Runs the fixture to its end: resolves with its stdout when it exits 0, rejects with its stderr otherwise. */
export function runFixture(args, options = {}) {
  const child = spawnFixture(args, options);
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => { out += chunk; });
  child.stderr.setEncoding("utf8").on("data", (chunk) => { err += chunk; });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
  });
}
