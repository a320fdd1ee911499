/**
 * The README's examples, runnable and type-checked: two nodes on 127.0.0.1, both API
 * styles. `node --conditions=@plexus/source --import tsx demo/quickstart.ts`
 */
import { Node } from "../src/index.js";

// Seed style: nothing to await; the sockets bind by themselves.
const seed = new Node({ host: "127.0.0.1", port: 0 });
const node = new Node({ host: "127.0.0.1", port: 0 });
const { port } = await seed.ready; // only because port 0 was asked for
node.connect({ host: "127.0.0.1", port });
node.on("connect", () => {
  const item = node.store({ value: "hello" }); // key = SHA-256 of the encoded value
  item.then(() => {
    seed.find({ key: item.key })
      .on("found", (found) => console.log("found:", found.value))
      .on("timeout", () => console.log("not found"));
  });
});
seed.on("broadcast", (data, origin) => console.log("broadcast:", data, "from", origin.slice(0, 8)));
node.once("connect", () => void node.broadcast({ data: { hi: "all" } }));

// Promise style, every call takes { signal } last.
await new Promise<void>((resolve) => node.once("connect", () => resolve()));
const { key } = await node.put(undefined, { hello: "world" });
console.log("get:", await seed.get(key, { signal: AbortSignal.timeout(5_000) }));
console.log("missing:", await seed.get("no such key"));
console.log("closest to node:", (await seed.findNode(node.id))[0]?.port === node.address?.port);
console.log("datagrams sent:", node.stats().transport.datagramsSent);
await Promise.all([node.close(), seed.close()]);
