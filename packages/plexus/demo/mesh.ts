/**
 * `pnpm start`: a mesh of nodes (50 by default, `--nodes N`, `--ops N`) on 127.0.0.1 over
 * real UDP runs the four checks of the original library (item lookup, node lookup, a
 * broadcast reaching every node, a missing item reported as not found) plus stores and
 * finds from random nodes, prints a table and exits 0 only when every check passed.
 */
import { randomBytes } from "node:crypto";
import { bytesEqual } from "@plexus/core";
import { broadcastToAll, percentile, pick, pickOther, startMesh, timed, withDeadline } from "../support/mesh.js";
import { intFlag, markdownTable, ms } from "../support/table.js";

const DEADLINE_MS = 5_000;

interface Row {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly time: string;
}

const size = intFlag(process.argv, "nodes", 50);
const ops = intFlag(process.argv, "ops", 100);
if (size < 2) throw new Error("--nodes needs at least 2");

console.log(`Plexus demo: ${size} nodes on 127.0.0.1 over real UDP, ${ops} stores and finds\n`);
const mesh = await startMesh({ size });
const { nodes } = mesh;
const rows: Row[] = [{ check: `${size} nodes join`, ok: true, detail: "", time: ms(mesh.joinMs) }];

async function check(name: string, run: () => Promise<Omit<Row, "check">>): Promise<void> {
  try {
    rows.push({ check: name, ...(await run()) });
  } catch (error) {
    rows.push({ check: name, ok: false, detail: String(error), time: "" });
  }
}

await check("item lookup", async () => {
  const writer = pick(nodes);
  const reader = pickOther(nodes, writer);
  const value = `hello from ${writer.idHex.slice(0, 8)}`;
  const item = await writer.store({ value });
  const { value: found, ms: t } = await timed(() => withDeadline(reader.find({ key: item.key }), DEADLINE_MS, "find"));
  return { ok: found?.value === value, detail: `found "${String(found?.value)}"`, time: ms(t) };
});

await check("node lookup", async () => {
  const asker = pick(nodes);
  const target = pickOther(nodes, asker);
  const { value: closest, ms: t } = await timed(() => withDeadline(asker.findNode(target.id), DEADLINE_MS, "findNode"));
  const exact = closest[0] !== undefined && bytesEqual(closest[0].id, target.id);
  return { ok: exact, detail: exact ? "exact node first" : "target not first", time: ms(t) };
});

await check(`broadcast to ${size - 1} nodes`, async () => {
  const out = await broadcastToAll(nodes, pick(nodes), "hello, mesh", DEADLINE_MS);
  out.stop();
  return { ok: out.reached === size - 1, detail: `${out.reached}/${size - 1} reached`, time: ms(out.ms) };
});

await check("missing item -> timeout", async () => {
  const lookup = pick(nodes).find({ key: new Uint8Array(randomBytes(32)) });
  const outcome = new Promise<string>((resolve) => {
    lookup.once("found", () => resolve("found"));
    lookup.once("timeout", () => resolve("timeout"));
  });
  const { value: event, ms: t } = await timed(() => withDeadline(outcome, DEADLINE_MS, "missing find"));
  return { ok: event === "timeout", detail: `"${event}" event`, time: ms(t) };
});

const storeMs: number[] = [];
const findMs: number[] = [];
let stored = 0;
let found = 0;
for (let i = 0; i < ops; i++) {
  const writer = pick(nodes);
  const value = { n: i, text: `item ${i}` };
  try {
    const put = await timed(() => withDeadline(writer.put(undefined, value), DEADLINE_MS, "put"));
    storeMs.push(put.ms);
    stored += put.value.stored + (put.value.local ? 1 : 0) > 0 ? 1 : 0;
    const got = await timed(() => withDeadline(pickOther(nodes, writer).get<typeof value>(put.value.key), DEADLINE_MS, "get"));
    findMs.push(got.ms);
    if (got.value?.n === i && got.value.text === value.text) found++;
  } catch {
    // counted as a failure below
  }
}
const latency = (values: number[]): string => `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}`;
rows.push({ check: `store x${ops} (random nodes)`, ok: stored === ops, detail: `${stored}/${ops} stored`, time: latency(storeMs) });
rows.push({ check: `find x${ops} (other random nodes)`, ok: found === ops, detail: `${found}/${ops} found`, time: latency(findMs) });

const stats = nodes.map((n) => n.stats());
const sent = stats.map((s) => s.transport.datagramsSent);
const total = sent.reduce((a, b) => a + b, 0);
await mesh.close();

console.log(markdownTable(["check", "result", "detail", "time"],
  rows.map((r) => [r.check, r.ok ? "ok" : "FAILED", r.detail, r.time])));
console.log(`\ndatagrams sent per node: mean ${(total / size).toFixed(0)}, p50 ${percentile(sent, 50)}, `
  + `max ${Math.max(...sent)} (total ${total}); rpc timeouts ${stats.reduce((a, s) => a + s.rpcTimeouts, 0)}, `
  + `malformed ${stats.reduce((a, s) => a + s.malformed, 0)}`);
console.log("(a find of a plain item asks the k = 20 nodes closest to the key, even when the reader holds a copy: the replicas vote)");
const failed = rows.filter((r) => !r.ok).length;
console.log(failed === 0 ? "\nPASS: every check passed" : `\nFAIL: ${failed} check(s) failed`);
process.exitCode = failed === 0 ? 0 : 1;
