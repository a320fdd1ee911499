import { createSocket } from "node:dgram";
import type { Socket } from "node:dgram";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodec } from "@plexus/wire";
import { Node } from "../src/index.js";
import { withDeadline } from "../support/mesh.js";

/** A codec of its own, for hand-made datagrams. */
const { encode, tryDecode } = createCodec();

const DEADLINE_MS = 5_000;
const RAW_ID = new Uint8Array(32).fill(0xab);

/** Waits for the first datagram on `socket` that decodes to a PONG with `rid`. */
function pong(socket: Socket, rid: number): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (msg: Buffer): void => {
      const decoded = tryDecode(new Uint8Array(msg));
      if (decoded.ok && decoded.message.type === "PONG" && decoded.message.rid === rid) {
        socket.off("message", onMessage);
        resolve();
      }
    };
    socket.on("message", onMessage);
  });
}

describe("hostile datagrams from a raw socket", () => {
  let target: Node;
  let peer: Node;
  let raw: Socket;

  beforeAll(async () => {
    target = new Node({ port: 0, autoListen: false });
    peer = new Node({ port: 0, autoListen: false });
    await peer.connect(await target.listen());
    await peer.put("kept", "still here");
    raw = createSocket("udp4");
    raw.bind(0, "127.0.0.1");
    await once(raw, "listening");
  });
  afterAll(async () => {
    raw?.close();
    await Promise.all([target?.close(), peer?.close()]);
  });

  it("change nothing but counters, and the node still answers", async () => {
    const { port } = target.address!;
    const before = target.stats();
    const valid = encode({ type: "FIND_NODE", rid: 7, sender: RAW_ID, target: RAW_ID });
    const junk = [
      new Uint8Array(randomBytes(64)), // garbage
      new Uint8Array(0), // empty
      valid.subarray(0, valid.length - 5), // truncated
      new Uint8Array([...valid, 0x00]), // trailing byte
      new Uint8Array([0x94, 99, 1, 7, 0xc0]), // unknown protocol version
      new Uint8Array([...Array<number>(200).fill(0x91), 0x01]), // nested 200 deep
      new Uint8Array([0x94, 1, 0x7e, 1, 0xc4, 0x20, ...RAW_ID]), // unknown message type
    ];
    const oversized = new Uint8Array(randomBytes(2000)); // more than MAX_DATAGRAM_BYTES (1232)
    for (const datagram of [...junk, oversized]) raw.send(datagram, port, "127.0.0.1");
    // The node handles datagrams in order: its PONG to this PING means the junk was handled.
    const answered = pong(raw, 99);
    raw.send(encode({ type: "PING", rid: 99, sender: RAW_ID }), port, "127.0.0.1");
    await withDeadline(answered, DEADLINE_MS, "PONG after junk");

    const after = target.stats();
    expect(after.malformed - before.malformed).toBe(junk.length);
    expect(after.transport.datagramsDropped - before.transport.datagramsDropped).toBe(1);
    expect(after.tableSize).toBe(before.tableSize);
    expect(after.records).toBe(before.records);
    expect(after.received.PING - before.received.PING).toBe(1);
    expect(after.received.FIND_NODE).toBe(before.received.FIND_NODE);
    expect(await withDeadline(peer.get("kept"), DEADLINE_MS, "get")).toBe("still here");
    const closest = await withDeadline(peer.findNode(target.id), DEADLINE_MS, "findNode");
    expect(closest[0]?.port).toBe(port);
  });
});
