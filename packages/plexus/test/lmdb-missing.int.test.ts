import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";

// lmdb is an optional peer dependency: without it, `plexus` still loads and runs in
// memory, and `new Node({ dataDir })` says what to install. The child process cannot resolve `lmdb`
// (fixtures/without-lmdb.mjs), as in an application that did not install it.
const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
const BLOCK = fileURLToPath(new URL("./fixtures/without-lmdb.mjs", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/data-dir-without-lmdb.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "plexus-nolmdb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("without lmdb: dataDir throws ERR_LMDB_MISSING saying `npm i lmdb`; memory-only nodes work", () => {
  const out = execFileSync(process.execPath,
    ["--import", BLOCK, "--conditions=@plexus/source", "--import", "tsx", FIXTURE, join(dir, "data")],
    { cwd: PACKAGE_DIR, encoding: "utf8" });
  const result = JSON.parse(out.trim().split("\n").at(-1)!) as { code: string; message: string; lockLeft: boolean; bound: boolean };
  console.log("without lmdb:", result);
  expect(result.code).toBe("ERR_LMDB_MISSING");
  expect(result.message).toContain("npm i lmdb");
  expect(result.lockLeft).toBe(false); // the data dir's lock is released when opening fails
  expect(result.bound).toBe(true);
});
