import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { spawnFixture } from "@plexus/vitest-config/fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Node } from "../src/index.js";
import { withDeadline } from "../support/mesh.js";

/**
 * Runs every ```js block of the root README and of this package's README as written: each
 * in its own `node` process importing `plexus` (this package's sources, through the
 * `@plexus/source` condition), with `PLEXUS_BOOTSTRAP` naming a node of a small network
 * this test starts on 127.0.0.1. A block passes when it exits 0 within the deadline and
 * printed, in order, each line its `// → text` comments claim.
 */
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
const READMES = ["README.md", "packages/plexus/README.md"] as const;
const NETWORK_SIZE = 4;
const BLOCK_DEADLINE_MS = 30_000;
const CLAIM = /\/\/ → (.*)$/;

interface Block {
  readonly name: string;
  readonly code: string;
  /** The output lines the block's comments claim, in order. */
  readonly claims: readonly string[];
}

function blocks(file: string): Block[] {
  const markdown = readFileSync(REPO + file, "utf8");
  return [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m, i) => {
    const code = m[1]!;
    const claims = code.split("\n").map((line) => CLAIM.exec(line)?.[1]?.trim()).filter((c) => c !== undefined);
    return { name: `${file} block ${i + 1}`, code, claims };
  });
}

const children = new Set<ChildProcess>();

/** Runs `code` as an ES module; resolves with its output when it exits, or rejects past the deadline (killed). */
function run(code: string, bootstrap: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnFixture(["--input-type=module", "-e", code], {
    cwd: PACKAGE_DIR, env: { ...process.env, PLEXUS_BOOTSTRAP: bootstrap },
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("exit", (exitCode) => {
      children.delete(child);
      resolve({ code: exitCode, stdout, stderr });
    });
  });
  return withDeadline(exited, BLOCK_DEADLINE_MS, "README block").catch((error: unknown) => {
    child.kill("SIGKILL");
    throw new Error(`${String(error)}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
  });
}

describe("README code blocks run as written", () => {
  const network: Node[] = [];
  const broadcasts: unknown[] = [];
  let bootstrap = "";

  beforeAll(async () => {
    for (let i = 0; i < NETWORK_SIZE; i++) {
      const node = new Node({ host: "127.0.0.1", port: 0 });
      network.push(node);
      node.on("broadcast", (data) => broadcasts.push(data));
      if (i === 0) bootstrap = `127.0.0.1:${(await node.listen()).port}`;
      else await node.connect(bootstrap);
    }
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await Promise.all(network.map((n) => n.close()));
  });

  const all = READMES.flatMap(blocks);
  it("finds the blocks", () => {
    expect(all.map((b) => b.name)).toEqual(expect.arrayContaining(["README.md block 1", "packages/plexus/README.md block 1"]));
    expect(all.every((b) => b.code.includes("from \"plexus\""))).toBe(true);
  });

  it.each(all)("$name", async ({ code, claims }) => {
    const heardBefore = broadcasts.length;
    const out = await run(code, bootstrap);
    const lines = out.stdout.split("\n");
    console.log(out.stdout.trimEnd());
    expect(out.code, out.stderr).toBe(0);
    let at = 0;
    for (const claim of claims) {
      const found = lines.indexOf(claim, at);
      expect(found, `"${claim}" not printed (in order) by:\n${out.stdout}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    // A block that broadcasts reached the network before it closed.
    if (code.includes(".broadcast(")) expect(broadcasts.length).toBeGreaterThan(heardBefore);
  }, BLOCK_DEADLINE_MS + 5_000);
});
