#!/usr/bin/env node
/**
 * Entry of the `plexus` command (package.json "bin"). Runs the command line and exits with
 * its code; `plexus --help` lists the commands.
 */
import { runCli } from "./program.js";

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; a handle someone forgot must not keep the process alive.
setTimeout(() => process.exit(code), 2_000).unref();
