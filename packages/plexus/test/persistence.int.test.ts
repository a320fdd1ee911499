import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnFixture } from "@plexus/vitest-config/fixture";
import type { FixtureProcess } from "@plexus/vitest-config/fixture";
import { afterAll, expect, it } from "vitest";
import { Node } from "../src/index.js";
import { withDeadline } from "../support/mesh.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/persistent-node.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
const PEERS = 4;
const KILL_AFTER_ACKS = 40;
const DEADLINE_MS = 20_000;

const dir = mkdtempSync(join(tmpdir(), "plexus-persist-"));
const nodes: Node[] = [];
const children: FixtureProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all(nodes.map((n) => n.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Spawns the fixture; `onLine` sees each stdout line and returns true to stop reading. */
function run(args: string[], onLine: (line: string, child: FixtureProcess) => boolean): Promise<void> {
  const child = spawnFixture([FIXTURE, ...args], { cwd: PACKAGE_DIR });
  children.push(child);
  let partial = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return withDeadline(new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop()!;
      for (const line of lines) if (onLine(line, child)) resolve();
    });
    child.on("exit", (code, signal) => { if (signal !== "SIGKILL") reject(new Error(`fixture exited (${code}): ${stderr}`)); });
  }), DEADLINE_MS, `fixture ${args[0]}`);
}

it("a node killed mid-workload keeps every acknowledged record and rejoins without the bootstrap", async () => {
  const bootstrap = new Node({ port: 0 });
  nodes.push(bootstrap);
  const address = await bootstrap.listen();
  for (let i = 0; i < PEERS; i++) {
    const peer = new Node({ port: 0 });
    nodes.push(peer);
    await peer.connect(address);
  }

  // 1. Work, then SIGKILL after KILL_AFTER_ACKS acknowledged puts.
  const acked: number[] = [];
  let id = "";
  let worker: FixtureProcess | undefined;
  await run(["work", dir, `${address.host}:${address.port}`], (line, child) => {
    const [kind, a, b] = line.split(" ");
    if (kind === "ready") id = b!;
    if (kind === "ack") acked.push(Number(a));
    worker = child;
    return acked.length >= KILL_AFTER_ACKS;
  });
  const exited = new Promise((resolve) => worker!.once("exit", resolve));
  worker!.kill("SIGKILL");
  await exited;
  expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

  // 2. The bootstrap goes away; only the saved routing table can bring the node back.
  await bootstrap.close();

  // 3. Restart on the same dir: every acknowledged record is still held locally, same id, rejoined.
  const local = new Map<number, boolean>();
  let rejoinedId = "";
  let rejoinedPort = 0;
  await run(["restart", dir, acked.join(",")], (line) => {
    const [kind, a, b] = line.split(" ");
    if (kind === "local") local.set(Number(a), b === "1");
    if (kind === "rejoined") [rejoinedPort, rejoinedId] = [Number(a), b!];
    return kind === "rejoined";
  });
  expect(local.size).toBe(acked.length);
  expect([...local.values()].every(Boolean)).toBe(true);
  expect(rejoinedId).toBe(id);

  // 4. The other nodes find every acknowledged record; the restarted node answers with its old id.
  const reader = nodes[1]!;
  for (const i of acked) expect(await withDeadline(reader.get(`key-${i}`), DEADLINE_MS, `get ${i}`)).toBe(`value-${i}`);
  const contact = await withDeadline(reader.engine.ping({ host: "127.0.0.1", port: rejoinedPort }), DEADLINE_MS, "ping");
  expect(Buffer.from(contact.id).toString("hex")).toBe(id);
});
