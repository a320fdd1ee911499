/**
 * Chat-like topics between three nodes: each subscribes to "lobby", then each publishes one
 * line; every node receives every line (its own included), through the topic's rendezvous
 * nodes (the k closest to the topic key), not a broadcast to the whole network.
 * Run: pnpm example examples/topics.ts
 */
import { Node, toHex } from "plexus";
import type { Subscription } from "plexus";

const localhost = "127.0.0.1";
const seed = new Node({ host: localhost, port: 0 });
const { port } = await seed.listen();
const names = ["alice", "bob", "carol"] as const;
const nodes = names.map(() => new Node({ host: localhost, port: 0 }));
const stop = new AbortController(); // ends every subscription at the end
try {
  for (const node of nodes) await node.connect({ host: localhost, port });
  console.log(`${nodes.length} nodes joined through ${localhost}:${port}`);

  // Subscribe first; `ready` resolves once rendezvous nodes acknowledged the registration.
  const subs = nodes.map((node) => node.subscribe("lobby", { signal: stop.signal }));
  await Promise.all(subs.map((sub) => sub.ready));
  const nickOf = new Map(nodes.map((node, i) => [node.idHex, names[i]!]));

  // Each subscriber reads until it has seen one line from every node.
  const reading = subs.map((sub, i) => readLines(names[i]!, sub, names.length, nickOf));
  for (const [i, node] of nodes.entries()) {
    await node.publish("lobby", { text: `hello from ${names[i]}` });
  }
  await Promise.all(reading);
} finally {
  stop.abort();
  await Promise.all([...nodes, seed].map((node) => node.close()));
}
console.log("done");

/** Prints what `reader` receives on `sub` until `count` lines arrived (10 s at most). */
async function readLines(reader: string, sub: Subscription, count: number, nickOf: Map<string, string>): Promise<void> {
  const deadline = setTimeout(() => void sub.return?.(), 10_000);
  let seen = 0;
  for await (const { data, origin } of sub) {
    const id = toHex(origin); // promise-API ids are bytes
    console.log(`${reader} got from ${nickOf.get(id) ?? id.slice(0, 8)}: ${(data as { text: string }).text}`);
    if (++seen === count) break;
  }
  clearTimeout(deadline);
}
