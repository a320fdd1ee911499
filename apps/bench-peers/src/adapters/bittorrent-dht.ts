import DHT from "bittorrent-dht";
import type { BenchNode, GetOutcome, LibraryAdapter } from "../adapter.js";
import { raceAbort } from "../adapter.js";

const HOST = "127.0.0.1";

function wrap(dht: DHT): BenchNode {
  return {
    id: () => new Uint8Array(dht.nodeId),
    put: (value, signal) => raceAbort(new Promise<Uint8Array>((resolve, reject) => {
      dht.put({ v: Buffer.from(value) }, (error, key, stored) => {
        if (error !== null) reject(error);
        else if (stored === 0) reject(new Error("no node stored the value"));
        else resolve(new Uint8Array(key));
      });
    }), signal),
    // cache: false: never answer from the local put cache (the getter is never the putter anyway).
    // Always a network lookup: bittorrent-dht never reads values other nodes stored on it.
    get: (key, signal) => raceAbort(new Promise<GetOutcome>((resolve, reject) => {
      dht.get(Buffer.from(key), { cache: false }, (error, result) => {
        if (error !== null) reject(error);
        else resolve({ value: result === null ? undefined : new Uint8Array(result.v), local: false });
      });
    }), signal),
    // No public find_node: lookup() is the get_peers traversal towards the target, which
    // visits the same closest nodes but returns only a count, so there is no node list.
    lookup: (target, signal) => raceAbort(new Promise<undefined>((resolve, reject) => {
      dht.lookup(Buffer.from(target), (error) => (error === null ? resolve(undefined) : reject(error)));
    }), signal),
    close: () => new Promise<void>((resolve) => dht.destroy(() => resolve())),
  };
}

function listen(dht: DHT): Promise<void> {
  return new Promise((resolve) => dht.listen(0, HOST, () => resolve()));
}

/**
 * bittorrent-dht (BEP 5 + BEP 44 immutable items). `bootstrap` is always given: left out,
 * it would contact router.bittorrent.com and friends.
 */
export const bittorrentDhtAdapter: LibraryAdapter = {
  name: "bittorrent-dht",
  idBytes: 20,
  lookupKind: "lookup() get_peers traversal (no public find_node)",
  lacks: {
    topics: { mark: "cannot", why: "announce/lookup find a torrent's peers, but the DHT carries no messages to them" },
    direct: { mark: "cannot", why: "no messages between nodes beyond the DHT's own queries" },
  },
  async startBootstrap() {
    const dht = new DHT({ bootstrap: false, host: HOST });
    await listen(dht);
    return { node: wrap(dht), address: { host: HOST, port: dht.address().port } };
  },
  async join(bootstrap, signal) {
    const dht = new DHT({ bootstrap: [`${bootstrap.host}:${bootstrap.port}`], host: HOST });
    // Bind before the bootstrap query (queued on the next tick) so it never binds 0.0.0.0.
    const ready = new Promise<void>((resolve) => dht.once("ready", () => resolve()));
    await listen(dht);
    try {
      await raceAbort(ready, signal);
    } catch (error) {
      dht.destroy();
      throw error;
    }
    return wrap(dht);
  },
};
