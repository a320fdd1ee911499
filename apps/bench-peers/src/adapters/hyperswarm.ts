import HyperDHT from "hyperdht";
import Hyperswarm from "hyperswarm";
import type { Connection, PeerInfo } from "hyperswarm";
import type { BenchNode, LibraryAdapter } from "../adapter.js";
import { raceAbort } from "../adapter.js";
import { equalBytes } from "../bytes.js";
import type { DirectChannel, RealtimeNode, TopicHost } from "../realtime-node.js";
import { freeUdpPort } from "./free-udp-port.js";

const HOST = "127.0.0.1";

/** First byte of each message on a connection: what it is (both ends run the same handler). */
const ECHO_REQUEST = 0;
const ECHO_REPLY = 1;
const GREETING = 2;

function frame(kind: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 1);
  out[0] = kind;
  out.set(payload, 1);
  return out;
}

/** Resolves to the payload of the first message of `kind` on `connection` that `accept` takes. */
function nextMessage(connection: Connection, kind: number, signal: AbortSignal,
  accept: (payload: Uint8Array) => boolean = () => true): Promise<Uint8Array> {
  return raceAbort(new Promise<Uint8Array>((resolve, reject) => {
    const onData = (data: Uint8Array): void => {
      const payload = data.subarray(1);
      if (data[0] !== kind || !accept(payload)) return;
      stop();
      resolve(payload);
    };
    const onClose = (): void => { stop(); reject(new Error("connection closed")); };
    const stop = (): void => { connection.off("data", onData); connection.off("close", onClose); };
    connection.on("data", onData);
    connection.on("close", onClose);
    signal.addEventListener("abort", stop, { once: true });
  }), signal);
}

/** Resolves to the first new connection `match` takes. */
function nextConnection(swarm: Hyperswarm, signal: AbortSignal,
  match: (connection: Connection, info: PeerInfo) => boolean): Promise<Connection> {
  return raceAbort(new Promise<Connection>((resolve) => {
    const onConnection = (connection: Connection, info: PeerInfo): void => {
      if (!match(connection, info)) return;
      swarm.off("connection", onConnection);
      resolve(connection);
    };
    swarm.on("connection", onConnection);
    signal.addEventListener("abort", () => swarm.off("connection", onConnection), { once: true });
  }), signal);
}

function realtimeOf(swarm: Hyperswarm): RealtimeNode {
  /** What this node greets newcomers with while it hosts a topic. */
  let greeting: Uint8Array | undefined;
  swarm.on("connection", (connection) => {
    connection.on("error", () => undefined); // a peer closing mid-write is not this benchmark's concern
    connection.on("data", (data: Uint8Array) => {
      if (data[0] === ECHO_REQUEST) connection.write(frame(ECHO_REPLY, data.subarray(1)));
    });
    if (greeting !== undefined) connection.write(frame(GREETING, greeting));
  });
  return {
    key: swarm.keyPair.publicKey,
    hostTopic: async (topic, hello, signal): Promise<TopicHost> => {
      greeting = hello;
      const discovery = swarm.join(topic, { server: true, client: false });
      await raceAbort(discovery.flushed(), signal); // announced: a joiner finds it
      return {
        joined: () => Promise.resolve(), // it greets on connection
        close: async () => { greeting = undefined; await discovery.destroy(); },
      };
    },
    joinTopic: async (topic, _host, signal) => {
      const connected = nextConnection(swarm, signal, (_c, info) => info.topics.some((t) => equalBytes(t, topic)));
      const discovery = swarm.join(topic, { server: false, client: true });
      try {
        const connection = await connected;
        try {
          return await nextMessage(connection, GREETING, signal);
        } finally {
          connection.destroy();
        }
      } finally {
        await discovery.destroy();
      }
    },
    openDirect: async (key, signal): Promise<DirectChannel> => {
      const connected = nextConnection(swarm, signal, (c) => equalBytes(c.remotePublicKey, key));
      swarm.joinPeer(key);
      let connection: Connection;
      try {
        connection = await connected;
      } catch (error) {
        swarm.leavePeer(key);
        throw error;
      }
      return {
        roundTrip: (data, s) => {
          const reply = nextMessage(connection, ECHO_REPLY, s, (payload) => equalBytes(payload, data));
          connection.write(frame(ECHO_REQUEST, data));
          return reply;
        },
        // No send() here: a write has no acknowledgement of its own (the round trip is the ack).
        close: () => {
          swarm.leavePeer(key);
          connection.destroy();
          return Promise.resolve();
        },
      };
    },
  };
}

function wrap(swarm: Hyperswarm): BenchNode {
  return {
    id: () => swarm.dht.id ?? swarm.keyPair.publicKey,
    realtime: realtimeOf(swarm),
    close: () => swarm.destroy(),
  };
}

/**
 * hyperswarm: a `Hyperswarm` on a hyperdht node set up as in the hyperdht adapter
 * (loopback bootstrap, `ephemeral: false, firewalled: false`, as hyperdht's `testnet.js`).
 * It has no put/get and no node lookup of its own: those are the hyperdht column.
 */
export const hyperswarmAdapter: LibraryAdapter = {
  name: "hyperswarm",
  idBytes: 32,
  lookupKind: "none (hyperswarm has no node lookup; its DHT is the hyperdht column)",
  lacks: {
    store: { mark: "cannot", why: "hyperswarm has no put/get; the hyperdht column is its DHT's" },
    lookup: { mark: "cannot", why: "hyperswarm has no node lookup; the hyperdht column is its DHT's" },
  },
  async startBootstrap() {
    const port = await freeUdpPort(HOST);
    const dht = HyperDHT.bootstrapper(port, HOST, { host: HOST, bootstrap: [] });
    await dht.fullyBootstrapped();
    // The bootstrap node is a bare DHT node, as in hyperswarm's own tests; it runs no swarm.
    return {
      node: { id: () => dht.id ?? new Uint8Array(32), close: () => dht.destroy() },
      address: { host: HOST, port: dht.address().port },
    };
  },
  async join(bootstrap, signal) {
    const dht = new HyperDHT({
      bootstrap: [{ host: bootstrap.host, port: bootstrap.port }], host: HOST, ephemeral: false, firewalled: false,
    });
    const swarm = new Hyperswarm({ dht });
    try {
      await raceAbort(dht.fullyBootstrapped(), signal);
      await raceAbort(swarm.listen(), signal); // reachable for direct connections (joinPeer)
    } catch (error) {
      await swarm.destroy();
      throw error;
    }
    return wrap(swarm);
  },
};
