import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// docs/errors.md must document every JavaScript error code the packages raise: a new
// "ERR_..." string literal in packages/*/src without an entry there fails this test, and
// so does an entry for a code no source mentions any more.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DOC_PATH = join(ROOT, "docs", "errors.md");
/** A code as a string literal in source (the house style quotes with "; ' tolerated). */
const CODE_LITERAL = /["'](ERR_[A-Z0-9_]+)["']/g;
/** A code as the doc names it: in backticks. */
const DOC_CODE = /`(ERR_[A-Z0-9_]+)`/g;

/** Every `.ts` file under `dir`, recursively. */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(path));
    else if (entry.isFile() && entry.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** The `src` directory of every package under packages/. */
function sourceDirs(): string[] {
  const packages = join(ROOT, "packages");
  return readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packages, entry.name, "src"))
    .filter((dir) => existsSync(dir));
}

/** Code -> the first source file (relative to the repo) that mentions it. */
function codesInSource(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const dir of sourceDirs()) {
    for (const file of tsFiles(dir)) {
      for (const match of readFileSync(file, "utf8").matchAll(CODE_LITERAL)) {
        if (!codes.has(match[1]!)) codes.set(match[1]!, file.slice(ROOT.length));
      }
    }
  }
  return codes;
}

function codesInDoc(): Set<string> {
  return new Set([...readFileSync(DOC_PATH, "utf8").matchAll(DOC_CODE)].map((m) => m[1]!));
}

describe("docs/errors.md", () => {
  const source = codesInSource();
  const documented = codesInDoc();

  it("finds the codes in packages/*/src (the walk works)", () => {
    for (const known of ["ERR_INVALID_ARGUMENT", "ERR_RPC_TIMEOUT", "ERR_WIRE_MALFORMED", "ERR_UNREACHABLE"]) {
      expect(source.has(known), known).toBe(true);
    }
  });

  it("documents every ERR_ code that packages/*/src raises", () => {
    const missing = [...source].filter(([code]) => !documented.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing, "codes in source without an entry in docs/errors.md").toEqual([]);
  });

  it("documents no code that packages/*/src no longer mentions", () => {
    const stale = [...documented].filter((code) => !source.has(code));
    expect(stale, "codes in docs/errors.md that no source mentions").toEqual([]);
  });
});
