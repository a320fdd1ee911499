/**
 * Persistence with `dataDir` (LMDB): a node keeps its identity, its records, its routing
 * table and the list of what it published across a restart. It rejoins by itself through
 * the contacts it saved (no bootstrap address needed the second time).
 * Run: pnpm example examples/persistence.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Node } from "plexus";

const localhost = "127.0.0.1";
const dataDir = mkdtempSync(join(tmpdir(), "plexus-example-")); // a fresh directory each run
const seed = new Node({ host: localhost, port: 0 });
const { port } = await seed.listen();
try {
  // First run: join, store an item, close (close() saves the routing table).
  const first = new Node({ host: localhost, port: 0, dataDir });
  await first.connect({ host: localhost, port });
  const { key } = await first.put("notes/today", "buy milk");
  const id = first.idHex;
  console.log(`first run: id ${id.slice(0, 16)}, stored notes/today`);
  await first.close();

  // Second run on the same directory: same id, the record is still here, and the node
  // rejoins through its saved contacts (`rejoin()` waits for that).
  const second = new Node({ host: localhost, port: 0, dataDir });
  try {
    await second.rejoin();
    console.log(`second run: id ${second.idHex.slice(0, 16)}, same id: ${second.idHex === id}`);
    console.log("second run, own copy:", second.getLocal(key));
    console.log("second run, from the network:", await second.get(key));
  } finally {
    await second.close();
  }
} finally {
  await seed.close();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log("done");
