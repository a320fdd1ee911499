import HyperDHT from "hyperdht";
import type { BenchNode, LibraryAdapter } from "../adapter.js";
import { raceAbort } from "../adapter.js";
import { freeUdpPort } from "./free-udp-port.js";

const HOST = "127.0.0.1";

function wrap(dht: HyperDHT): BenchNode {
  return {
    id: () => {
      if (dht.id === null) throw new Error("hyperdht node is still ephemeral");
      return new Uint8Array(dht.id);
    },
    put: async (value, signal) => (await raceAbort(dht.immutablePut(Buffer.from(value)), signal)).hash,
    // Always a network query: dht-rpc never asks the node's own store.
    get: async (key, signal) => {
      const found = await raceAbort(dht.immutableGet(Buffer.from(key)), signal);
      return { value: found === null ? undefined : new Uint8Array(found.value), local: false };
    },
    lookup: async (target, signal) => {
      const query = dht.findNode(Buffer.from(target));
      signal.addEventListener("abort", () => query.destroy(signal.reason as Error), { once: true });
      await query.finished();
      return query.closestReplies.flatMap((reply) => (reply.from.id === null ? [] : [new Uint8Array(reply.from.id)]));
    },
    close: () => dht.destroy(),
  };
}

/**
 * hyperdht, set up like its own `testnet.js` (`createTestnet`): `bootstrap: []` for the
 * first node, then that node's address; `ephemeral: false, firewalled: false` so local
 * nodes enter routing tables at once (on the internet a node stays ephemeral until it
 * has proven reachable, which takes minutes). `bootstrap` is always given: left out, it
 * would be node1..3.hyperdht.org.
 */
export const hyperdhtAdapter: LibraryAdapter = {
  name: "hyperdht",
  idBytes: 32,
  lookupKind: "findNode (dht-rpc FIND_NODE query)",
  lacks: {
    topics: { mark: "see hyperswarm", why: "hyperdht's announce/lookup and connect() are what hyperswarm runs on; its column measures them" },
    direct: { mark: "see hyperswarm", why: "as for topics" },
  },
  async startBootstrap() {
    // bootstrapper() needs its port up front (it seeds its own NAT sample with it, which is
    // what makes it persistent without anyone to ask): take one the OS just handed out.
    const port = await freeUdpPort(HOST);
    const dht = HyperDHT.bootstrapper(port, HOST, { host: HOST, bootstrap: [] });
    await dht.fullyBootstrapped();
    return { node: wrap(dht), address: { host: HOST, port: dht.address().port } };
  },
  async join(bootstrap, signal) {
    const dht = new HyperDHT({
      bootstrap: [{ host: bootstrap.host, port: bootstrap.port }], host: HOST, ephemeral: false, firewalled: false,
    });
    try {
      await raceAbort(dht.fullyBootstrapped(), signal);
    } catch (error) {
      await dht.destroy();
      throw error;
    }
    return wrap(dht);
  },
};
