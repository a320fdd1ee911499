import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnFixture } from "@plexus/vitest-config/fixture";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, LOCK_FILE_NAME, Node, isPlexusError } from "../src/index.js";
import { withDeadline } from "../support/mesh.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/hold-data-dir.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
const DEADLINE_MS = 20_000;
const root = mkdtempSync(join(tmpdir(), "plexus-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The error `new Node({ dataDir })` throws, or `undefined` (then the node is closed). */
async function openError(dataDir: string): Promise<unknown> {
  try {
    await new Node({ port: 0, autoListen: false, dataDir }).close();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("a data dir is locked", () => {
  it("a second process gets ERR_DATA_DIR_LOCKED naming the holder's pid; its lock is taken over once it died", async () => {
    const dataDir = join(root, "two-processes");
    const child = spawnFixture([FIXTURE, dataDir], { cwd: PACKAGE_DIR });
    const exited = once(child, "exit");
    try {
      let out = "";
      await withDeadline(new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => { out += chunk; if (out.includes("\n")) resolve(); });
        child.on("exit", (code) => reject(new Error(`holder exited (${code})`)));
      }), DEADLINE_MS, "holder ready");
      expect(out.trim()).toBe(`ready ${child.pid}`);

      const error = await openError(dataDir);
      console.log("second process:", String(error));
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect(isPlexusError(error, "ERR_DATA_DIR_LOCKED")).toBe(true);
      expect((error as DataDirLockedError).pid).toBe(child.pid);
      expect(String(error)).toContain(`process ${child.pid}`);
    } finally {
      child.kill("SIGKILL"); // no chance to release: the lock file stays behind, stale
      await exited;
    }
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true);
    expect(await openError(dataDir)).toBeUndefined(); // the dead holder's lock is taken over
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false); // and released by close()
  });

  it("two Nodes of one process: the second fails until the first is closed", async () => {
    const dataDir = join(root, "one-process");
    const first = new Node({ port: 0, autoListen: false, dataDir });
    const error = await openError(dataDir);
    expect(isPlexusError(error, "ERR_DATA_DIR_LOCKED")).toBe(true);
    expect((error as DataDirLockedError).pid).toBe(process.pid);
    expect(String(error)).toContain("another Node of this process");
    await first.close();
    expect(await openError(dataDir)).toBeUndefined();
  });

  it("a lock naming a pid that does not exist, or unreadable, is stale", async () => {
    const dataDir = join(root, "stale");
    await openError(dataDir); // creates the directory
    const lock = join(dataDir, LOCK_FILE_NAME);
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 30, host: hostname() })); // above any pid_max
    expect(await openError(dataDir)).toBeUndefined();
    writeFileSync(lock, "{ torn");
    expect(await openError(dataDir)).toBeUndefined();
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 30, host: "another-host.invalid" }));
    expect(isPlexusError(await openError(dataDir), "ERR_DATA_DIR_LOCKED")).toBe(true); // cannot check: kept
  });
});
