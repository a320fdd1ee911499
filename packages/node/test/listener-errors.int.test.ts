import { fileURLToPath } from "node:url";
import { runFixture } from "@plexus/vitest-config/fixture";
import { describe, expect, it } from "vitest";

// A throwing listener follows Node's EventEmitter convention (safeEmit): not swallowed,
// it reaches process "uncaughtException", after the node finished the datagram, so the
// node keeps its state. Run in a child process: in vitest an uncaught exception fails
// the run, which is exactly the behaviour under test.
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE = fileURLToPath(new URL("fixtures/throwing-listener.ts", import.meta.url));

describe("a throwing event listener", () => {
  it("reaches uncaughtException once, is counted, and the node keeps routing", async () => {
    const result = JSON.parse((await runFixture([FIXTURE], { cwd: PACKAGE_DIR })).trim().split("\n").at(-1)!) as Record<string, unknown>;
    console.log("throwing listener:", result);
    expect(result).toEqual({ caught: ["listener bug"], listenerErrors: 1, answered: true, inTable: true, found: 1 });
  });
});
