import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// What every published manifest must say (issue 17): a LICENSE, where the code lives, no
// dev-only `@plexus/source` condition once packed (pnpm swaps in `publishConfig.exports`),
// a `default` condition so `require()` works on Node 20.19+, and no runtime dependency a
// package does not need (lmdb and the simulated transport are optional peers).
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const LICENSE = readFileSync(join(ROOT, "LICENSE"), "utf8");

interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  repository?: { type: string; url: string; directory: string };
  homepage?: string;
  bugs?: string;
  files?: string[];
  exports: Record<string, Record<string, string>>;
  publishConfig?: { exports?: Record<string, Record<string, string>> };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const packages = readdirSync(join(ROOT, "packages"))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8")) as Manifest }))
  .filter(({ manifest }) => manifest.private !== true);

describe("published manifests", () => {
  it("finds the eight published packages", () => {
    expect(packages.map((p) => p.manifest.name).sort()).toEqual(["@plexus/core", "@plexus/node", "@plexus/realtime",
      "@plexus/storage", "@plexus/transport-memory", "@plexus/transport-udp", "@plexus/wire", "plexus"]);
  });

  it.each(packages)("$manifest.name: license, repository, homepage, bugs", ({ dir, manifest }) => {
    expect(manifest.license).toBe("MIT");
    expect(readFileSync(join(ROOT, "packages", dir, "LICENSE"), "utf8")).toBe(LICENSE);
    expect(manifest.files).toContain("LICENSE");
    expect(manifest.repository).toEqual({ type: "git", url: "git+https://github.com/plexus-dht/plexus.git", directory: `packages/${dir}` });
    expect(manifest.homepage).toBe(`https://github.com/plexus-dht/plexus/tree/main/packages/${dir}#readme`);
    expect(manifest.bugs).toBe("https://github.com/plexus-dht/plexus/issues");
  });

  it.each(packages)("$manifest.name: exports with `default`, published without @plexus/source", ({ dir, manifest }) => {
    const published = manifest.publishConfig?.exports;
    expect(published).toBeDefined();
    expect(Object.keys(published!)).toEqual(Object.keys(manifest.exports));
    for (const [path, conditions] of Object.entries(manifest.exports)) {
      const { "@plexus/source": source, ...rest } = conditions;
      expect(source, `${path}: source condition first`).toBe(Object.values(conditions)[0]);
      expect(published![path], path).toEqual(rest);
      expect(Object.keys(rest), path).toEqual(["types", "default"]);
      expect(existsSync(join(ROOT, "packages", dir, source!)), `${path}: ${source}`).toBe(true);
    }
  });

  it("lmdb and the simulated transport are optional peers, not runtime dependencies", () => {
    const byName = new Map(packages.map((p) => [p.manifest.name, p.manifest]));
    for (const [name, peer] of [["@plexus/storage", "lmdb"], ["plexus", "lmdb"], ["@plexus/node", "@plexus/transport-memory"]] as const) {
      const m = byName.get(name)!;
      expect(m.dependencies?.[peer], `${name} depends on ${peer}`).toBeUndefined();
      expect(m.peerDependencies?.[peer], `${name} peer ${peer}`).toBeDefined();
      expect(m.peerDependenciesMeta?.[peer]?.optional, `${name} peer ${peer} optional`).toBe(true);
    }
    for (const { manifest } of packages) {
      expect(Object.keys(manifest.dependencies ?? {}), manifest.name).not.toContain("lmdb");
    }
  });
});
