import { Node } from "plexus";
import type { BenchNode, LibraryAdapter, LoopbackAddress } from "../adapter.js";

const HOST = "127.0.0.1";

function wrap(node: Node): BenchNode {
  return {
    id: () => node.id,
    put: async (value, signal) => {
      const item = await node.put(undefined, value, { signal });
      if (item.stored === 0 && !item.local) throw new Error("no node stored the value");
      return item.key;
    },
    // Plexus checks its own store first (Kademlia FIND_VALUE); no new lookup means it answered locally.
    get: async (key, signal) => {
      const lookupsBefore = node.engine.stats().lookups;
      const value = await node.get(key, { signal });
      const local = node.engine.stats().lookups === lookupsBefore;
      return { value: value instanceof Uint8Array ? value : undefined, local };
    },
    lookup: async (target, signal) => (await node.findNode(target, { signal })).map((contact) => contact.id),
    close: () => node.close(),
  };
}

/** Plexus through its facade (`plexus`): UDP on loopback, in-memory store, defaults. */
export const plexusAdapter: LibraryAdapter = {
  name: "plexus",
  idBytes: 32,
  lookupKind: "findNode (FIND_NODE lookup)",
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
