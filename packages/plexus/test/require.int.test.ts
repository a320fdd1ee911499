import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built packages as users load them: `require()` of the ESM build (Node 20.19+ loads
// ESM through require when the exports give `default`), and the packed manifest. Builds
// first through turbo (cached when nothing changed), as the simulator's tests do.
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
/** A cold build of every package takes ~2 min on 2 busy cores. */
const BUILD_TIMEOUT_MS = 600_000;
const packDir = mkdtempSync(join(tmpdir(), "plexus-pack-"));
afterAll(() => rmSync(packDir, { recursive: true, force: true }));

beforeAll(() => {
  execFileSync("pnpm", ["exec", "turbo", "run", "build", "--filter=plexus...", "--output-logs=errors-only"],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}, BUILD_TIMEOUT_MS);

/** Runs `script` in a child node (no source condition: the built `dist`), from the facade's directory. */
function node(script: string): string {
  return execFileSync(process.execPath, ["-e", script], { cwd: PACKAGE_DIR, encoding: "utf8" }).trim();
}

describe("the built packages", () => {
  it("require() loads the facade and a layer", () => {
    const out = node(`
      const { Node, isPlexusError } = require("plexus");
      const { createNode } = require("@plexus/node");
      const node = new Node({ port: 0, autoListen: false });
      console.log(typeof Node, typeof isPlexusError, typeof createNode, node.idHex.length);
      node.close();`);
    console.log("require():", out);
    expect(out).toBe("function function function 64");
  });

  it("import() gives the same classes as require()", () => {
    expect(node(`import("plexus").then((m) => console.log(m.Node === require("plexus").Node))`)).toBe("true");
  });

  it("pnpm pack ships no @plexus/source condition and no workspace: ranges", () => {
    execFileSync("pnpm", ["pack", "--pack-destination", packDir], { cwd: PACKAGE_DIR, encoding: "utf8", stdio: "pipe" });
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", join(packDir, "plexus-0.1.0.tgz"), "package/package.json"],
      { encoding: "utf8" })) as Record<string, unknown>;
    expect(JSON.stringify(manifest["exports"])).not.toContain("@plexus/source"); // (the dev `demo` script may name it)
    expect(JSON.stringify(manifest["dependencies"])).not.toContain("workspace:");
    expect(manifest["exports"]).toEqual({
      ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./testnet": { types: "./dist/testnet.d.ts", default: "./dist/testnet.js" },
    });
    expect(manifest).not.toHaveProperty("publishConfig");
    const files = execFileSync("tar", ["-tzf", join(packDir, "plexus-0.1.0.tgz")], { encoding: "utf8" }).split("\n");
    expect(files).toContain("package/LICENSE");
  });
});
