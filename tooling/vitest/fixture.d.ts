import type { ChildProcessByStdio, SpawnOptions } from "node:child_process";
import type { Readable } from "node:stream";

/** The Node arguments that load a TypeScript file the way the tests see the workspace. */
export declare const sourceNodeArgs: readonly string[];
/** A fixture child: no stdin, piped stdout and stderr. */
export type FixtureProcess = ChildProcessByStdio<null, Readable, Readable>;
/** Spawns `node <sourceNodeArgs> <args...>` with piped stdout and stderr; the caller owns the child. */
export declare function spawnFixture(args: readonly string[], options?: SpawnOptions): FixtureProcess;
/** Runs the fixture to its end: resolves with its stdout when it exits 0, rejects with its stderr otherwise. */
export declare function runFixture(args: readonly string[], options?: SpawnOptions): Promise<string>;
