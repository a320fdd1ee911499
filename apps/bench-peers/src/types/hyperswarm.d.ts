// The part of hyperswarm@4 this app uses (the package ships no types).
declare module "hyperswarm" {
  import type { EventEmitter } from "node:events";
  import type HyperDHT from "hyperdht";

  /** A Noise-encrypted, message-framed stream to one peer (one write is one message). */
  interface Connection extends EventEmitter {
    readonly remotePublicKey: Uint8Array;
    write(data: Uint8Array): boolean;
    destroy(error?: Error): void;
  }

  interface PeerInfo {
    readonly publicKey: Uint8Array;
    /** Topics this connection was found through (client side only). */
    readonly topics: Uint8Array[];
  }

  interface PeerDiscovery {
    flushed(): Promise<void>;
    destroy(): Promise<void>;
  }

  export default class Hyperswarm extends EventEmitter {
    constructor(options?: { dht?: HyperDHT });
    readonly keyPair: { publicKey: Uint8Array; secretKey: Uint8Array };
    readonly dht: HyperDHT;
    readonly connections: Set<Connection>;
    listen(): Promise<void>;
    join(topic: Uint8Array, options?: { server?: boolean; client?: boolean }): PeerDiscovery;
    joinPeer(publicKey: Uint8Array): void;
    leavePeer(publicKey: Uint8Array): void;
    destroy(): Promise<void>;
    on(event: "connection", listener: (connection: Connection, info: PeerInfo) => void): this;
    off(event: "connection", listener: (connection: Connection, info: PeerInfo) => void): this;
  }
}
