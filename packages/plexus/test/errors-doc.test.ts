import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// docs/errors.md must document every JavaScript error code the packages raise: a new
// "ERR_..." string literal in packages/*/src without an entry there fails this test, and
// so does an entry for a code no source mentions any more. An entry is a heading of its
// own (### `ERR_X`) or a row of a table (| `ERR_X` | when |) in a section, and it says
// when the code happens and, under "**What to do:**", what a caller should do.

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

/** Least characters of "when it happens" (and of "what to do") an entry must have. */
const MIN_TEXT_CHARS = 40;

/** A section of the doc: its heading line and its text up to the next heading. */
interface Section {
  readonly heading: string;
  readonly body: string;
}

function sections(doc: string): Section[] {
  const out: Section[] = [];
  for (const part of doc.split(/^(?=#{2,3} )/m)) {
    const newline = part.indexOf("\n");
    out.push({ heading: part.slice(0, newline), body: part.slice(newline + 1) });
  }
  return out;
}

/** What is wrong with the entry of `code` ("" when it is complete). */
function entryProblem(code: string, all: readonly Section[]): string {
  const own = all.find((s) => s.heading.trim() === `### \`${code}\``);
  if (own) {
    const [when = "", todo] = own.body.split("**What to do:**");
    if (todo === undefined) return "its section has no **What to do:**";
    if (when.trim().length < MIN_TEXT_CHARS) return "its section does not say when it happens";
    if (todo.trim().length < MIN_TEXT_CHARS) return "its **What to do:** is empty";
    return "";
  }
  const row = new RegExp(`^\\| \`${code}\` \\| (.*) \\|$`, "m");
  const table = all.find((s) => row.test(s.body));
  if (!table) return "no ### heading and no table row";
  if (row.exec(table.body)![1]!.trim().length === 0) return "its table row does not say when it happens";
  if (!table.body.includes("**What to do:**")) return `its table's section (${table.heading}) has no **What to do:**`;
  return "";
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

  it("gives every code an entry: when it happens and what to do", () => {
    const all = sections(readFileSync(DOC_PATH, "utf8"));
    const problems = [...source.keys()].map((code) => [code, entryProblem(code, all)]).filter(([, p]) => p !== "");
    console.log(`${source.size} codes in packages/*/src, ${source.size - problems.length} with a complete entry`);
    expect(problems, "incomplete entries in docs/errors.md").toEqual([]);
  });

  it("documents no code that packages/*/src no longer mentions", () => {
    const stale = [...documented].filter((code) => !source.has(code));
    expect(stale, "codes in docs/errors.md that no source mentions").toEqual([]);
  });
});
