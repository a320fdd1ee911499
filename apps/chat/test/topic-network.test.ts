import { on } from "node:events";
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { TopicNodeLike } from "../src/topic-network.js";
import { adaptTopicNode } from "../src/topic-network.js";

/** A stand-in for the facade's topics API (issue 5) with the documented signatures. */
function fakeNode(): { node: TopicNodeLike; bus: EventEmitter; sent: { to: string; data: Uint8Array }[]; closed: () => boolean } {
  const bus = new EventEmitter();
  const sent: { to: string; data: Uint8Array }[] = [];
  let closed = false;
  const node = {
    idHex: "aa".repeat(32),
    ready: Promise.resolve({ host: "127.0.0.1", port: 1234 }),
    subscribe(topic: string, options: { signal?: AbortSignal }) {
      const iterator = (async function* () {
        for await (const [data, origin] of on(bus, `topic:${topic}`, options)) yield { topic, data, origin, id: "x" };
      })();
      return Object.assign(iterator, { ready: Promise.resolve(2) });
    },
    async publish(topic: string, data: Uint8Array) {
      bus.emit(`topic:${topic}`, data, new Uint8Array(32).fill(0xbb)); // origin: 32 bytes, as the facade yields it
      return { delivered: 3 };
    },
    async send(to: string, data: Uint8Array) {
      sent.push({ to, data });
    },
    on(event: "message", listener: (data: unknown, from: { id: string }) => void) {
      bus.on(event, listener);
      return node;
    },
    connect: async () => undefined,
    put: async (_key: unknown, value: unknown) => ({ key: new Uint8Array(32), value, stored: 2, failed: 0, local: false }),
    get: async () => "stored",
    close: async () => void (closed = true),
  };
  return { node: node as unknown as TopicNodeLike, bus, sent, closed: () => closed };
}

describe("the topics adapter", () => {
  it("maps subscribe/publish/send/message/put/get/close onto the facade API", async () => {
    const { node, bus, sent, closed } = fakeNode();
    const net = await adaptTopicNode(node);
    expect(net.kind).toBe("topics");
    expect(net.address).toEqual({ host: "127.0.0.1", port: 1234 });

    const received: string[] = [];
    const first = new Promise<void>((resolve) => {
      const subscription = net.subscribe("room", (data, origin) => {
        received.push(`${origin.slice(0, 2)}:${data}`);
        subscription.unsubscribe();
        resolve();
      });
    });
    expect(await net.publish("room", "héllo")).toBe(3);
    await first;
    bus.emit("topic:room", "after unsubscribe", "cc".repeat(32));
    expect(received).toEqual(["bb:héllo"]);

    await net.send("dd".repeat(32), "psst");
    expect(new TextDecoder().decode(sent[0]!.data)).toBe("psst");
    const directs: string[] = [];
    net.onDirect((data, from) => directs.push(`${from}:${data}`));
    const sender = { id: "ee", host: "127.0.0.1", port: 4321, name: "127.0.0.1:4321" }; // the facade's message sender
    bus.emit("message", new TextEncoder().encode("hi"), sender);
    bus.emit("message", 42, sender); // not text: ignored
    expect(directs).toEqual(["ee:hi"]);

    expect(await net.put("k", "v", 1_000)).toBe(2);
    expect(await net.get("k")).toBe("stored");
    await net.close();
    expect(closed()).toBe(true);
  });
});
