import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { PlexusError } from "@plexus/core";

/** The lock file a running node keeps in its `dataDir`. */
export const LOCK_FILE_NAME = "plexus.lock";
/** Attempts to take a lock that a dead process left behind (each may lose a race once). */
const MAX_TAKEOVER_ATTEMPTS = 3;

/** The codes of the `plexus` facade's own errors (beside `PlexusErrorCode`). */
export type FacadeErrorCode = "ERR_DATA_DIR_LOCKED";

/** Who holds a lock, as its file says. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

/**
 * `dataDir` is in use by another running node (another process, or another `Node` of this
 * process that is not closed yet). Two nodes on one directory would run with the same id
 * and write the same LMDB files.
 */
export class DataDirLockedError extends PlexusError<FacadeErrorCode> {
  /** The lock file. */
  readonly lockPath: string;
  /** Process id of the holder (this process's own pid when another `Node` here holds it). */
  readonly pid: number;

  constructor(lockPath: string, owner: LockOwner) {
    const who = owner.pid === process.pid && owner.host === hostname()
      ? `another Node of this process (pid ${owner.pid}); close() it first`
      : `process ${owner.pid} on ${owner.host}; stop it, or delete ${lockPath} if that process is gone`;
    super("ERR_DATA_DIR_LOCKED", `data dir ${lockPath.slice(0, -LOCK_FILE_NAME.length - 1)} is in use by ${who}`);
    this.name = "DataDirLockedError";
    this.lockPath = lockPath;
    this.pid = owner.pid;
  }
}

/**
 * An exclusive lock on a data directory: the file `plexus.lock`, created atomically,
 * holding this process's pid and host name. A lock whose process is gone (same host, no
 * such pid) is stale and taken over; a live one, or one from another host (a shared
 * file system, where the pid cannot be checked), is an `ERR_DATA_DIR_LOCKED`.
 */
export class DataDirLock {
  readonly path: string;
  readonly #content: string;
  #held = true;

  private constructor(path: string, content: string) {
    this.path = path;
    this.#content = content;
  }

  /**
   * Takes the lock of `dir` (created when missing).
   * @throws DataDirLockedError `ERR_DATA_DIR_LOCKED` when a live process holds it.
   */
  static acquire(dir: string): DataDirLock {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, LOCK_FILE_NAME);
    const content = JSON.stringify({ pid: process.pid, host: hostname() });
    for (let attempt = 0; attempt < MAX_TAKEOVER_ATTEMPTS; attempt++) {
      if (tryCreate(path, content)) return new DataDirLock(path, content);
      const owner = readOwner(path);
      if (owner === "gone") continue; // released meanwhile: try again
      if (owner !== undefined && isAlive(owner)) throw new DataDirLockedError(path, owner);
      removeIfUnchanged(path, owner); // stale (dead pid) or unreadable: take it over
    }
    const owner = readOwner(path);
    throw new DataDirLockedError(path, typeof owner === "object" ? owner : { pid: 0, host: "unknown" });
  }

  /** Releases the lock (only while the file is still ours); idempotent. */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    try {
      if (readFileSync(this.path, "utf8") === this.#content) unlinkSync(this.path);
    } catch { /* already gone */ }
  }
}

/**
 * Creates the lock file with `content` atomically: written to a file of its own first and
 * then hard-linked to `path` (which fails when `path` exists), so nobody reads it half written.
 */
function tryCreate(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/** The holder, `undefined` when the file is unreadable (corrupt), `"gone"` when it vanished. */
function readOwner(path: string): LockOwner | undefined | "gone" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  try {
    const { pid, host } = JSON.parse(text) as Partial<LockOwner>;
    return Number.isSafeInteger(pid) && typeof host === "string" ? { pid: pid!, host } : undefined;
  } catch {
    return undefined;
  }
}

/** True unless `owner` is a process of this host that no longer exists. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot tell: keep it
  if (owner.pid === process.pid) return true; // another Node of this process
  try {
    process.kill(owner.pid, 0); // signal 0: existence check only
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by another user
  }
}

/**
 * Removes a stale lock file. A second process taking over the same stale lock at the same
 * moment is caught by re-reading: the file is removed only while it still names the dead
 * holder (a narrow window remains between the read and the unlink).
 */
function removeIfUnchanged(path: string, owner: LockOwner | undefined): void {
  const now = readOwner(path);
  if (now === "gone") return;
  if (JSON.stringify(now) !== JSON.stringify(owner)) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
