// The part of bittorrent-dht@11 this app uses (the package ships no types).
declare module "bittorrent-dht" {
  import type { EventEmitter } from "node:events";

  interface DHTOptions {
    /** `false`: contact nobody; otherwise "host:port" strings. Default: public routers. */
    bootstrap?: false | string[];
    host?: string | false;
    nodeId?: Uint8Array;
  }

  export default class DHT extends EventEmitter {
    constructor(options?: DHTOptions);
    readonly nodeId: Buffer;
    listen(port: number, host: string, callback?: () => void): void;
    address(): { address: string; port: number };
    put(options: { v: Buffer }, callback: (error: Error | null, key: Buffer, nodes: number) => void): Buffer;
    get(key: Buffer, options: { cache?: boolean },
      callback: (error: Error | null, result: { v: Buffer } | null) => void): void;
    lookup(infoHash: Buffer, callback: (error: Error | null, visited: number) => void): () => void;
    destroy(callback?: () => void): void;
  }
}
