import { Node } from "plexus";
import type { BenchNode, LibraryAdapter, LoopbackAddress } from "../adapter.js";
import type { DirectChannel, RealtimeNode, TopicHost } from "../realtime-node.js";

const HOST = "127.0.0.1";

/** Bytes out of a decoded realtime value (the facade hands bytes back as a Uint8Array). */
function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new Error(`expected bytes, got ${typeof value}`);
}

function realtimeOf(node: Node): RealtimeNode {
  return {
    key: node.id,
    hostTopic: (topic, greeting): Promise<TopicHost> => Promise.resolve({
      // Plexus publishes rather than greets on connection: once the subscriber's
      // registration landed, the host publishes to the topic.
      joined: async (signal) => { await node.publish(topic, greeting, { signal }); },
      close: () => Promise.resolve(),
    }),
    joinTopic: async (topic, host, signal) => {
      const subscription = node.subscribe(topic, { signal });
      try {
        if (await subscription.ready === 0) throw new Error("no rendezvous node took the subscription");
        await host.joined(signal);
        const first = await subscription.next();
        if (first.done === true) throw new Error("subscription ended");
        return bytesOf(first.value.data);
      } finally {
        await subscription.return();
      }
    },
    openDirect: (key): Promise<DirectChannel> => Promise.resolve({
      roundTrip: async (data, signal) => bytesOf(await node.request(key, data, { signal })),
      send: (data, signal) => node.send(key, data, { signal }),
      close: () => Promise.resolve(),
    }),
  };
}

function wrap(node: Node): BenchNode {
  // Every node answers requests with what it was sent (the direct round trip's echo).
  node.onRequest((data) => data);
  return {
    id: () => node.id,
    put: async (value, signal) => {
      const item = await node.put(undefined, value, { signal });
      if (item.stored === 0 && !item.local) throw new Error("no node stored the value");
      return item.key;
    },
    // Plexus checks its own store first (Kademlia FIND_VALUE): a content-addressed key it
    // holds is answered there. Read with getLocal (a map lookup), not by comparing
    // stats().lookups before and after: each stats() builds the whole snapshot (~40-90 us,
    // twice inside the timed call, a third of a one-request get's 0.2-0.4 ms).
    get: async (key, signal) => {
      const local = node.getLocal(key) !== undefined;
      const value = await node.get(key, { signal });
      return { value: value instanceof Uint8Array ? value : undefined, local };
    },
    lookup: async (target, signal) => (await node.findNode(target, { signal })).map((contact) => contact.id),
    realtime: realtimeOf(node),
    close: () => node.close(),
  };
}

/**
 * Plexus through its facade (`plexus`, from its built `dist` as users run it): UDP on
 * loopback, in-memory store, and nothing else set, so every default (defences included)
 * is what a user gets.
 */
export const plexusAdapter: LibraryAdapter = {
  name: "plexus",
  idBytes: 32,
  lookupKind: "findNode (FIND_NODE lookup)",
  lacks: {},
  async startBootstrap() {
    const node = new Node({ host: HOST, port: 0 });
    const address: LoopbackAddress = await node.listen();
    return { node: wrap(node), address };
  },
  async join(bootstrap, signal) {
    const node = new Node({ host: HOST, port: 0 });
    try {
      await node.listen();
      await node.connect(bootstrap, { signal });
    } catch (error) {
      await node.close();
      throw error;
    }
    return wrap(node);
  },
};
