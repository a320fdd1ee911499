import { compareDistance } from "@plexus/core";
import type { Address, Contact, DatagramHandler, NodeId, Transport, TransportStats } from "@plexus/core";
import { createCodec } from "@plexus/wire";
import type { KademliaMessage } from "@plexus/wire";

/** What the colluding forgers share: who they are and what they answer for a key. */
export interface ForgerRing {
  /** Every forger's contact (filled in as they start). Bound: the forgers of one test. */
  readonly members: Contact[];
  /** Until set, the forgers behave (they joined as honest nodes would: sleepers). */
  lying: boolean;
  /** The forged value all of them return for `key` (they agree, the worst case for a vote). */
  forgedValue(key: NodeId): Uint8Array;
  /** Up to `k` members closest to `target`. */
  closest(target: NodeId, k: number): Contact[];
}

/** A ring of forgers returning `forge(key)` for every FIND_VALUE. */
export function forgerRing(forge: (key: NodeId) => Uint8Array): ForgerRing {
  const members: Contact[] = [];
  return {
    members,
    lying: false,
    forgedValue: forge,
    closest(target, k) {
      return members.slice().sort((a, b) => compareDistance(a.id, b.id, target)).slice(0, k);
    },
  };
}

const TOKEN = new Uint8Array(8).fill(0xf0);

/**
 * Wraps a node's transport so that the node (a real engine: it joins, answers PINGs, runs its
 * own lookups) turns into a forger: it answers every FIND_VALUE with the ring's forged value,
 * every FIND_NODE with the ring's members closest to the target (never an honest node), and
 * acknowledges every STORE without keeping it. Everything else reaches the engine.
 */
export class ForgingTransport implements Transport {
  readonly #inner: Transport;
  readonly #ring: ForgerRing;
  readonly #id: NodeId;
  readonly #k: number;
  readonly #codec = createCodec();

  constructor(inner: Transport, ring: ForgerRing, id: NodeId, k: number) {
    this.#inner = inner;
    this.#ring = ring;
    this.#id = id;
    this.#k = k;
  }

  get maxDatagramBytes(): number {
    return this.#inner.maxDatagramBytes;
  }

  get address(): Address | undefined {
    return this.#inner.address;
  }

  onDatagram(handler: DatagramHandler | undefined): void {
    this.#inner.onDatagram(handler && ((data, from) => {
      if (!this.#ring.lying || !this.#forge(data, from)) handler(data, from);
    }));
  }

  async start(options?: { signal?: AbortSignal }): Promise<Address> {
    const address = await this.#inner.start(options);
    this.#ring.members.push({ id: this.#id, host: address.host, port: address.port });
    return address;
  }

  send(to: Address, data: Uint8Array): void {
    this.#inner.send(to, data);
  }

  stop(): Promise<void> {
    return this.#inner.stop();
  }

  stats(): TransportStats {
    return this.#inner.stats();
  }

  /** Answers the request in `data` with a lie; false when it is not one the forger lies to. */
  #forge(data: Uint8Array, from: Address): boolean {
    let m: KademliaMessage;
    try {
      m = this.#codec.decode(data) as KademliaMessage;
    } catch {
      return false;
    }
    const sender = this.#id;
    let reply: KademliaMessage;
    if (m.type === "FIND_VALUE") {
      reply = { type: "VALUE", rid: m.rid, sender, key: m.key, value: this.#ring.forgedValue(m.key), ttlMs: 3_600_000 };
    } else if (m.type === "FIND_NODE") {
      const contacts = this.#ring.closest(m.target, this.#k);
      reply = m.wantToken ? { type: "NODES", rid: m.rid, sender, contacts, token: TOKEN } : { type: "NODES", rid: m.rid, sender, contacts };
    } else if (m.type === "STORE") {
      reply = { type: "STORED", rid: m.rid, sender };
    } else {
      return false;
    }
    this.#inner.send(from, this.#codec.encode(reply));
    return true;
  }
}
