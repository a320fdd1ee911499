import { bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { sha256 } from "../platform/hash.js";
import { looksMutable, parseMutableRecord, verifyMutableRecord } from "./mutable-record.js";
import type { MutableRecord } from "./mutable-record.js";

/** What a value received for a key proves about itself (see {@link ValueJudge}). */
export const ValueClass = {
  /** SHA-256(value) = key: the one value of a content-addressed key. */
  CONTENT: "content",
  /** A mutable-record envelope bound to the key whose signature verifies. */
  SIGNED: "signed",
  /** Anything else: nothing in it can be checked; only agreement between replicas counts. */
  PLAIN: "plain",
  /** A mutable-record envelope bound to the key whose signature does not verify. */
  FORGED: "forged",
} as const;
export type ValueClassName = (typeof ValueClass)[keyof typeof ValueClass];

/** The verdict on one value, with the parsed record of a signed one. */
export type ValueVerdict =
  | { readonly class: "content" | "plain" | "forged" }
  | { readonly class: "signed"; readonly record: MutableRecord };

const CONTENT: ValueVerdict = { class: ValueClass.CONTENT };
const PLAIN: ValueVerdict = { class: ValueClass.PLAIN };
const FORGED: ValueVerdict = { class: ValueClass.FORGED };

/** Most distinct values one judge remembers its verdicts for; later ones are judged again. */
const MAX_REMEMBERED = 64;

/**
 * Judges the values a get receives for one key, the way a record store judges a STORE
 * (records/judge-record.ts, docs/protocol.md 10.4), without knowing the key's kind in advance:
 * a value that hashes to the key is the content-addressed value (no other value can be,
 * short of a SHA-256 second preimage); a mutable envelope bound to the key (key =
 * SHA-256(publicKey || salt)) must carry a valid signature, else it is forged; anything else
 * is plain. Replicas mostly return the same bytes, so each distinct value is hashed and
 * verified once.
 */
export class ValueJudge {
  readonly #key: NodeId;
  /** Bound: {@link MAX_REMEMBERED} distinct values (one per reply at most). */
  readonly #seen: { readonly bytes: Uint8Array; readonly verdict: ValueVerdict }[] = [];

  constructor(key: NodeId) {
    this.#key = key;
  }

  judge(value: Uint8Array): ValueVerdict {
    for (const seen of this.#seen) if (bytesEqual(seen.bytes, value)) return seen.verdict;
    const verdict = this.#judgeNew(value);
    if (this.#seen.length < MAX_REMEMBERED) this.#seen.push({ bytes: value, verdict });
    return verdict;
  }

  #judgeNew(value: Uint8Array): ValueVerdict {
    if (bytesEqual(sha256(value), this.#key)) return CONTENT;
    if (!looksMutable(value)) return PLAIN;
    const record = parseMutableRecord(value);
    if (!record || !bytesEqual(record.key, this.#key)) return PLAIN;
    return verifyMutableRecord(record) ? { class: ValueClass.SIGNED, record } : FORGED;
  }
}
