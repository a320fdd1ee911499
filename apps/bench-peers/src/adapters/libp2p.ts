import { createHash } from "node:crypto";
import { identify } from "@libp2p/identify";
import { kadDHT, passthroughMapper } from "@libp2p/kad-dht";
import type { KadDHT } from "@libp2p/kad-dht";
import { noise } from "@libp2p/noise";
import { ping } from "@libp2p/ping";
import { tcp } from "@libp2p/tcp";
import { yamux } from "@libp2p/yamux";
import { multiaddr } from "@multiformats/multiaddr";
import { createLibp2p } from "libp2p";
import type { Libp2p } from "libp2p";
import type { BenchNode, LibraryAdapter, LoopbackAddress } from "../adapter.js";
import { raceAbort } from "../adapter.js";
import { compareDistance } from "../bytes.js";
import { openEcho, serveEcho } from "./libp2p-direct.js";
import { installPromiseWithResolvers } from "./with-resolvers.js";

const HOST = "127.0.0.1";
/** Record namespace of the benchmark's values (kad-dht validates records per namespace). */
const NAMESPACE = "bench";

type Node = Libp2p<{ dht: KadDHT; identify: unknown; ping: unknown }>;

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(bytes).digest());
}

/** libp2p's Kademlia id of a peer: SHA-256 of its multihash. */
function kadIdOf(peer: { toMultihash(): { bytes: Uint8Array } }): Uint8Array {
  return sha256(peer.toMultihash().bytes);
}

async function start(): Promise<Node> {
  installPromiseWithResolvers();
  const node = await createLibp2p({
    addresses: { listen: [`/ip4/${HOST}/tcp/0`] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    // Its per-host limit of 5 inbound connections a second counts every node here as one
    // host (all are 127.0.0.1), so a node could take 5 new peers a second from the whole
    // network: lifted, as Plexus' per-subnet budgets exempt loopback by default
    // (NodeInit.exemptLoopback). Every other connection-manager default is kept.
    connectionManager: { inboundConnectionThreshold: Number.MAX_SAFE_INTEGER },
    services: {
      identify: identify(),
      ping: ping(),
      dht: kadDHT({
        // Server mode: left to itself a node with only private (loopback) addresses stays a
        // client and answers no queries. Pass-through mapper: the default drops private
        // addresses, so loopback peers would never enter the routing table.
        clientMode: false,
        peerInfoMapper: passthroughMapper,
        // Plain values under /bench/: any value is valid, the first record wins.
        validators: { [NAMESPACE]: () => Promise.resolve() },
        selectors: { [NAMESPACE]: () => 0 },
      }),
    },
  });
  await serveEcho(node);
  return node;
}

/** Resolves once the node's first self-query ran (kad-dht holds its queries until then). */
function firstSelfQuery(node: Node): Promise<void> {
  return new Promise((resolve) => {
    node.addEventListener("kad-dht:query:self" as never, () => resolve(), { once: true });
  });
}

function wrap(node: Node): BenchNode {
  const dht = node.services.dht;
  return {
    id: () => kadIdOf(node.peerId),
    put: async (value, signal) => {
      const key = new TextEncoder().encode(`/${NAMESPACE}/${Buffer.from(sha256(value)).toString("hex")}`);
      let acks = 0;
      for await (const event of dht.put(key, value, { signal })) {
        if (event.name === "PEER_RESPONSE" && event.messageName === "PUT_VALUE") acks++;
      }
      if (acks === 0) throw new Error("no node stored the value");
      return key;
    },
    // dht.get reads its own store first but runs the whole network query all the same and
    // yields the value at its end: every get is a network get.
    get: async (key, signal) => {
      for await (const event of dht.get(key, { signal })) {
        if (event.name === "VALUE") return { value: event.value, local: false };
      }
      return { value: undefined, local: false };
    },
    // getClosestPeers yields the k closest it found, in no order: sorted here, closest first.
    lookup: async (target, signal) => {
      const ids: Uint8Array[] = [];
      for await (const event of dht.getClosestPeers(target, { signal })) {
        if (event.name === "FINAL_PEER") ids.push(kadIdOf(event.peer.id));
      }
      const point = sha256(target);
      return ids.sort((a, b) => compareDistance(a, b, point));
    },
    realtime: {
      key: new TextEncoder().encode(node.peerId.toString()),
      openDirect: (key, signal) => openEcho(node, key, signal),
    },
    close: async () => { await node.stop(); },
  };
}

/**
 * @libp2p/kad-dht 16 on libp2p 3 over TCP on loopback (Noise, yamux, identify and ping,
 * which kad-dht requires). Defaults kept, except what loopback needs (see `start`).
 */
export const libp2pAdapter: LibraryAdapter = {
  name: "libp2p-kad-dht",
  idBytes: 32,
  lookupKind: "getClosestPeers (kad-dht FIND_NODE query; keys are SHA-256 of the target)",
  lacks: {
    topics: { mark: "cannot", why: "kad-dht carries no messages; topics need a pubsub service (gossipsub), not in this stack" },

  },
  routingKey: sha256,
  async startBootstrap() {
    const node = await start();
    // "/ip4/127.0.0.1/tcp/PORT/p2p/ID": the host and port are what a joiner dials.
    const match = /^\/ip4\/([\d.]+)\/tcp\/(\d+)/.exec(node.getMultiaddrs()[0]?.toString() ?? "");
    if (match === null) throw new Error("libp2p node has no TCP listen address");
    const loopback: LoopbackAddress = { host: match[1] as string, port: Number(match[2]) };
    return { node: wrap(node), address: loopback };
  },
  async join(bootstrap, signal) {
    const node = await start();
    try {
      const selfQueried = firstSelfQuery(node);
      await node.dial(multiaddr(`/ip4/${bootstrap.host}/tcp/${bootstrap.port}`), { signal });
      await raceAbort(selfQueried, signal);
    } catch (error) {
      await node.stop();
      throw error;
    }
    return wrap(node);
  },
};
