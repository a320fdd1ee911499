import { createSocket } from "node:dgram";
import type { Socket } from "node:dgram";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodec, ProtocolErrorCode } from "@plexus/wire";
import type { KademliaMessage } from "@plexus/wire";
import { Node } from "../src/index.js";
import { withDeadline } from "../support/mesh.js";

/**
 * The per-address defences over real UDP on one host: nodes on 127.N.0.1 (a /24 each) with
 * `exemptLoopback: false`, so loopback counts like any other address, and a raw socket on
 * 127.99.0.1 that never proved its address. (Spoofing a source needs raw sockets, which Node
 * does not have: the raw socket stands for the address a spoofer would name.)
 */
const SIZE = 8;
const DEADLINE_MS = 10_000;
const { encode, tryDecode } = createCodec();

/**
 * The next reply to request `rid` that `socket` receives, decoded, with its size and the
 * bytes of everything else received meanwhile (a node may also PING a proven address).
 */
async function nextReply(socket: Socket, rid: number): Promise<{ message: KademliaMessage; bytes: number; other: number }> {
  let other = 0;
  for (let i = 0; i < 10; i++) {
    const [data] = (await withDeadline(once(socket, "message"), DEADLINE_MS, "reply")) as [Buffer];
    const decoded = tryDecode(new Uint8Array(data));
    if (decoded.ok && decoded.message.rid === rid && decoded.message.type !== "PING") {
      return { message: decoded.message as KademliaMessage, bytes: data.length, other };
    }
    other += data.length;
  }
  throw new Error("no reply among 10 datagrams");
}

describe("per-address defences over real UDP (loopback not exempt)", () => {
  const nodes: Node[] = [];
  let raw: Socket;

  beforeAll(async () => {
    for (let i = 0; i < SIZE; i++) {
      const node = new Node({ host: `127.${i + 1}.0.1`, port: 0, exemptLoopback: false });
      node.on("error", () => undefined);
      await node.listen();
      nodes.push(node);
    }
    for (const node of nodes.slice(1)) await withDeadline(node.connect(nodes[0]!.address!), DEADLINE_MS, "join");
    raw = createSocket("udp4");
    raw.bind(0, "127.99.0.1");
    await once(raw, "listening");
  }, 60_000);

  afterAll(async () => {
    raw?.close();
    await Promise.all(nodes.map((n) => n.close()));
  });

  it("an unproven source gets no more bytes than it sent, then the full answer once it presents its token", async () => {
    const target = nodes[0]!;
    const { port } = target.address!;
    const sender = new Uint8Array(32).fill(0x99);
    const request = encode({ type: "FIND_NODE", rid: 7, sender, target: new Uint8Array(32) });
    raw.send(request, port, "127.1.0.1");
    const first = await nextReply(raw, 7);
    expect(first.message.type).toBe("ERROR");
    const retry = first.message as Extract<KademliaMessage, { type: "ERROR" }>;
    expect(retry.code).toBe(ProtocolErrorCode.RETRY_WITH_TOKEN);
    expect(first.bytes + first.other).toBeLessThanOrEqual(request.length);
    const again = encode({ type: "FIND_NODE", rid: 7, sender, target: new Uint8Array(32), token: retry.token! });
    raw.send(again, port, "127.1.0.1");
    const full = await nextReply(raw, 7);
    console.log(`over real UDP: FIND_NODE ${request.length} B from an unproven address -> ${first.bytes} B ` +
      `(RETRY_WITH_TOKEN); repeated with the token -> ${full.message.type} of ${full.bytes} B`);
    expect(full.message.type).toBe("NODES");
    expect((full.message as Extract<KademliaMessage, { type: "NODES" }>).contacts.length).toBeGreaterThan(0);
  });

  it("honest nodes store, find, message and broadcast with every defence applied", async () => {
    const item = await withDeadline(nodes[2]!.put("plain key", "plain value"), DEADLINE_MS, "put");
    expect(item.stored).toBeGreaterThan(0);
    expect(await withDeadline(nodes[5]!.get("plain key"), DEADLINE_MS, "get")).toBe("plain value");
    const content = await withDeadline(nodes[3]!.put(undefined, { some: "content" }), DEADLINE_MS, "put");
    expect(await withDeadline(nodes[6]!.get(content.key), DEADLINE_MS, "get")).toEqual({ some: "content" });
    nodes[7]!.onRequest((data) => ({ echo: data }));
    expect(await withDeadline(nodes[1]!.request(nodes[7]!.id, "ping"), DEADLINE_MS, "request")).toEqual({ echo: "ping" });
    const heard = new Set<number>();
    nodes.forEach((n, i) => n.on("broadcast", () => heard.add(i)));
    await withDeadline(nodes[4]!.broadcast({ data: "to all" }), DEADLINE_MS, "broadcast");
    const until = Date.now() + 3_000;
    while (heard.size < SIZE - 1 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    const retried = nodes.reduce((n, node) => n + node.stats().repliesRetried, 0);
    const repeated = nodes.reduce((n, node) => n + node.stats().retriesWithToken, 0);
    console.log(`${SIZE} nodes, each in its own 127.N.0.0/24, loopback not exempt: put/get, request and ` +
      `broadcast (${heard.size}/${SIZE - 1} reached) work; ${retried} RETRY_WITH_TOKEN sent, ${repeated} requests repeated with a token`);
    expect(heard.size).toBe(SIZE - 1);
    expect(retried).toBeGreaterThan(0);
    expect(repeated).toBeGreaterThan(0);
  }, 30_000);
});
