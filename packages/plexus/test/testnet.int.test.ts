import { createSocket } from "node:dgram";
import { afterAll, expect, it } from "vitest";
import { createLocalTestnet } from "plexus/testnet";
import type { LocalTestnet } from "plexus/testnet";
import { Node } from "../src/index.js";
import { withDeadline } from "../support/mesh.js";

const DEADLINE_MS = 20_000;
const opened: LocalTestnet[] = [];
const nodes: Node[] = [];
afterAll(async () => {
  await Promise.all([...opened.map((t) => t.close()), ...nodes.map((n) => n.close())]);
});

it("createLocalTestnet starts joined real-UDP nodes an app can use through its bootstrap", async () => {
  const testnet = await withDeadline(createLocalTestnet({ size: 8 }), DEADLINE_MS, "testnet of 8");
  opened.push(testnet);
  expect(testnet.nodes).toHaveLength(8);
  expect(testnet.bootstrap).toEqual([testnet.nodes[0]!.address]);
  const tables = testnet.nodes.map((n) => n.engine.table.size);
  console.log(`routing table sizes in an 8-node testnet: ${tables.join(", ")}`);
  expect(Math.min(...tables)).toBeGreaterThanOrEqual(4);

  const app = new Node({ port: 0 });
  nodes.push(app);
  await withDeadline(app.connect(testnet.bootstrap), DEADLINE_MS, "app join");
  const { key, stored } = await app.put("greeting", "hello");
  expect(stored).toBeGreaterThan(0);
  expect(await testnet.nodes[5]!.get(key)).toBe("hello");
});

it("close() releases every socket, and is idempotent", async () => {
  const testnet = await withDeadline(createLocalTestnet({ size: 3 }), DEADLINE_MS, "testnet of 3");
  const ports = testnet.nodes.map((n) => n.address!.port);
  await testnet.close();
  await testnet.close();
  for (const port of ports) {
    const socket = createSocket("udp4");
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(port, "127.0.0.1", () => resolve());
    });
    socket.close();
  }
});

it("an aborted signal rejects the creation and closes what started; a bad size is refused", async () => {
  const controller = new AbortController();
  controller.abort(new Error("stop"));
  await expect(createLocalTestnet({ size: 3, signal: controller.signal })).rejects.toThrow("stop");
  await expect(createLocalTestnet({ size: 0 })).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT" });
  await expect(createLocalTestnet({ size: 1.5 })).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT" });
});
