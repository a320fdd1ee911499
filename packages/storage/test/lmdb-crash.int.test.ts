import { fileURLToPath } from "node:url";
import { spawnFixture } from "@plexus/vitest-config/fixture";
import { afterAll, expect, it } from "vitest";
import { ManualClock } from "@plexus/core/testing";
import { createLmdbStore } from "@plexus/storage/lmdb";
import { crashRecordFields } from "./fixtures/lmdb-crash-records.js";
import { tempDirs } from "./fixtures/temp-dir.js";

const WORKER = fileURLToPath(new URL("./fixtures/lmdb-crash-worker.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const RUNS = 3;
const RUN_DEADLINE_MS = 15_000;

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

interface Acks {
  puts: number[];
  metas: number[];
}

/** Runs the worker on `path` and SIGKILLs it once it acknowledged `killAfter` puts. */
function runAndKill(path: string, run: number, killAfter: number): Promise<Acks> {
  const child = spawnFixture([WORKER, path, String(run)], { cwd: REPO_ROOT });
  const acks: Acks = { puts: [], metas: [] };
  let partial = "";
  let stderr = "";
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`worker gave ${acks.puts.length} acks in ${RUN_DEADLINE_MS} ms: ${stderr}`));
    }, RUN_DEADLINE_MS);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop()!;
      for (const line of lines) {
        const [kind, n] = line.split(" ");
        (kind === "ack" ? acks.puts : acks.metas).push(Number(n));
      }
      if (acks.puts.length >= killAfter) child.kill("SIGKILL");
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    // "close" fires after the pipes drained: every ack the child printed has been read.
    child.on("close", (code, signal) => {
      clearTimeout(deadline);
      if (signal === "SIGKILL") resolve(acks);
      else reject(new Error(`worker exited by itself (code ${code}): ${stderr}`));
    });
  });
}

it(`keeps every acknowledged put across ${RUNS} SIGKILLs mid-workload`, async () => {
  const path = dirs.make();
  let expected = 0;
  for (let run = 1; run <= RUNS; run++) {
    const acks = await runAndKill(path, run, 150 + 150 * run);
    expect(acks.puts.length).toBeGreaterThanOrEqual(150 + 150 * run);
    const store = await createLmdbStore({ path, clock: new ManualClock(0) });
    try {
      for (const i of acks.puts) {
        const { key, value } = crashRecordFields(run, i);
        expect(store.get(key)?.value, `run ${run} put ${i}`).toEqual(value);
      }
      // Unacknowledged puts may or may not have landed; acknowledged ones all did.
      expected += acks.puts.length;
      expect(store.size).toBeGreaterThanOrEqual(expected);
      expected = store.size;
      const lastMeta = Math.max(...acks.metas);
      const progress = store.getMeta("progress")!;
      expect(new DataView(progress.buffer, progress.byteOffset).getUint32(4)).toBeGreaterThanOrEqual(lastMeta);
    } finally {
      await store.close();
    }
  }
}, 120_000); // ~9 s here: three worker processes, each killed mid-workload
