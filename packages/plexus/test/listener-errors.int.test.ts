import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { runFixture } from "@plexus/vitest-config/fixture";
import { describe, expect, it } from "vitest";
import { Node, isPlexusError } from "../src/index.js";

// The rule of the README's "Errors and listeners": a throwing listener is rethrown (Node's
// EventEmitter convention), never swallowed; a seed-style failure nobody hears (no `error`
// listener, promise not handled) becomes a process warning, never silence and never a crash.
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE = fileURLToPath(new URL("fixtures/throwing-listener.ts", import.meta.url));
const DEADLINE_MS = 5_000;

/** Process warnings of type PlexusWarning emitted while `fn` runs and a little after. */
async function plexusWarnings(fn: () => Promise<void>): Promise<{ code: string | undefined; message: string }[]> {
  const seen: { code: string | undefined; message: string }[] = [];
  const listener = (w: Error & { code?: string }): void => {
    if (w.name === "PlexusWarning") seen.push({ code: w.code, message: w.message });
  };
  process.on("warning", listener);
  try {
    await fn();
    await new Promise((resolve) => setImmediate(resolve)); // a warning is emitted on the next tick: let one show
  } finally {
    process.off("warning", listener);
  }
  return seen;
}

describe("errors and listeners", () => {
  it("a throwing broadcast listener reaches uncaughtException; the node keeps working", async () => {
    const result = JSON.parse((await runFixture([FIXTURE], { cwd: PACKAGE_DIR })).trim().split("\n").at(-1)!) as Record<string, unknown>;
    console.log("facade throwing listener:", result);
    expect(result).toEqual({ caught: ["listener bug"], heard: 2, value: "still routing" });
  });

  describe("a failed seed-style call", () => {
    let deadAddress: { host: string; port: number };
    const lonely = (): Node => new Node({ port: 0, joinAttempts: 1, requestTimeoutMs: 50, requestRetries: 0 });

    it("nobody listens, nobody awaits: a PlexusWarning with the code, the process goes on", async () => {
      const dead = new Node({ port: 0, autoListen: false });
      deadAddress = await dead.listen();
      await dead.close();
      const node = lonely();
      try {
        const ignored = await plexusWarnings(async () => {
          const warned = once(process, "warning", { signal: AbortSignal.timeout(DEADLINE_MS) });
          node.connect(deadAddress);
          await warned;
        });
        console.log("warnings for an ignored failed connect:", ignored);
        expect(ignored).toHaveLength(1);
        expect(ignored[0]!.code).toBe("ERR_JOIN_FAILED");
      } finally {
        await node.close();
      }
    });

    it("awaited (or caught): the caller sees it, no warning", async () => {
      const node = lonely();
      try {
        const warnings = await plexusWarnings(async () => {
          const error = await node.connect(deadAddress).catch((e: unknown) => e);
          expect(isPlexusError(error, "ERR_JOIN_FAILED")).toBe(true);
          const item = node.store({ value: "x" });
          await item; // a lone node stores locally: no failure, shown for the awaited StoreRequest
        });
        expect(warnings).toEqual([]);
      } finally {
        await node.close();
      }
    });

    it("with an error listener: an error event, no warning", async () => {
      const node = lonely();
      const errors: Error[] = [];
      node.on("error", (error) => errors.push(error));
      try {
        const warnings = await plexusWarnings(async () => {
          const errored = once(node, "error", { signal: AbortSignal.timeout(DEADLINE_MS) });
          node.connect(deadAddress);
          await errored;
        });
        expect(warnings).toEqual([]);
        expect(errors.map((e) => (isPlexusError(e) ? e.code : e.message))).toEqual(["ERR_JOIN_FAILED"]);
      } finally {
        await node.close();
      }
    });
  });
});
