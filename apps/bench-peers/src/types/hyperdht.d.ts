// The part of hyperdht@6 (and its base class from dht-rpc) this app uses (no types shipped).
declare module "hyperdht" {
  import type { EventEmitter } from "node:events";

  interface HyperDHTOptions {
    /** `[]`: contact nobody. Leaving it out means the public bootstrap nodes. */
    bootstrap: { host: string; port: number }[];
    host?: string;
    port?: number;
    ephemeral?: boolean;
    firewalled?: boolean;
  }

  interface Reply {
    readonly from: { readonly id: Uint8Array | null; readonly host: string; readonly port: number };
  }

  interface Query extends AsyncIterable<Reply> {
    finished(): Promise<void>;
    readonly closestReplies: Reply[];
    destroy(error?: Error): void;
  }

  export default class HyperDHT extends EventEmitter {
    constructor(options: HyperDHTOptions);
    /** A persistent node that knows its own address up front (the idiomatic bootstrap node). */
    static bootstrapper(port: number, host: string, options?: Partial<HyperDHTOptions>): HyperDHT;
    /** The routing id; `null` while ephemeral. */
    readonly id: Uint8Array | null;
    fullyBootstrapped(): Promise<void>;
    address(): { host: string; port: number };
    immutablePut(value: Uint8Array, options?: object): Promise<{ hash: Uint8Array }>;
    immutableGet(hash: Uint8Array, options?: object): Promise<{ value: Uint8Array } | null>;
    findNode(target: Uint8Array, options?: object): Query;
    destroy(): Promise<void>;
  }
}
