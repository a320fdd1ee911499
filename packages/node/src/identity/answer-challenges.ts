import { sameAddress, setNewest } from "@plexus/core";
import type { Address, NodeId, Random } from "@plexus/core";
import { NONCE_BYTES } from "@plexus/wire";
import type { IdProof } from "@plexus/wire";
import { MAX_ANSWER_CHALLENGES } from "../config/constants.js";
import { bytesKey } from "../ids/bytes-key.js";
import { checkIdProof } from "./id-proof.js";

interface Challenge {
  readonly nonce: Uint8Array;
  readonly host: string;
  readonly port: number;
}

/**
 * Id challenges carried by this node's own FIND_NODEs (docs/protocol.md 10.2): a contact it
 * would admit once it answers gets a nonce with the request, and the NODES reply brings the
 * proof back. The lookup's round trip then admits it; before, a PING challenge (two more
 * datagrams and a round trip) followed each answer, and was half a verifying join's datagrams.
 * A reply without a valid proof falls back to that PING challenge, so nothing enters the
 * table unproven either way.
 */
export class AnswerChallenges {
  readonly #self: NodeId;
  readonly #random: Random;
  /**
   * The challenges out, by id. Bound: MAX_ANSWER_CHALLENGES (the oldest forgotten first: its
   * answer then gets the PING challenge); an entry goes when its answer or failure comes.
   */
  readonly #out = new Map<string, Challenge>();

  constructor(self: NodeId, random: Random) {
    this.#self = self;
    this.#random = random;
  }

  /** The nonce to send `id` at `at` with a FIND_NODE (the one already out to it there, if any). */
  ask(id: NodeId, at: Address): Uint8Array {
    const key = bytesKey(id);
    const out = this.#out.get(key);
    if (out !== undefined && sameAddress(out, at)) return out.nonce;
    const nonce = this.#random.bytes(NONCE_BYTES).slice(0, NONCE_BYTES);
    setNewest(this.#out, key, { nonce, host: at.host, port: at.port }, MAX_ANSWER_CHALLENGES);
    return nonce;
  }

  /** True while a challenge to `id` is out: its answer will prove it, no PING challenge of its own is needed. */
  awaiting(id: NodeId): boolean {
    return this.#out.size > 0 && this.#out.has(bytesKey(id));
  }

  /**
   * `id` answered from `from` with `proof` (or none): true when it proves `id` for the nonce
   * sent there. The challenge is used up either way.
   */
  settle(id: NodeId, from: Address, proof: IdProof | undefined): boolean {
    if (this.#out.size === 0) return false;
    const key = bytesKey(id);
    const out = this.#out.get(key);
    if (out === undefined || !sameAddress(out, from)) return false;
    this.#out.delete(key);
    return checkIdProof(proof, id, out.nonce, this.#self);
  }

  /** The request to `id` failed: its challenge is dropped. */
  forget(id: NodeId): void {
    if (this.#out.size > 0) this.#out.delete(bytesKey(id));
  }
}
