import { ID_BYTES, type Contact, type NodeId } from "@plexus/core";
import type { IdInterner } from "../codec/id-interner.js";
import { MsgpackReader, READ_FAILED } from "../codec/msgpack-reader.js";
import {
  BROADCAST_ID_BYTES, MAX_BROADCAST_DATA_BYTES, MAX_BROADCAST_DEPTH, MAX_CONTACTS, MAX_DATAGRAM_BYTES, MAX_RID, MAX_VALUE_BYTES,
  PROTOCOL_VERSION,
} from "../constants.js";
import { ExtensionKey, MAX_TOKEN_BYTES, MIN_TOKEN_BYTES, NONCE_BYTES, PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from "./extensions.js";
import { KademliaMessageType } from "./message-type.js";
import type { IdProof, KademliaMessage, NodesMessage, StoreMessage, ValueMessage } from "./messages.js";

/**
 * The decoder's fast path: one pass over a datagram of a Kademlia type PING to ACK in the
 * form the encoder writes it (fixarray envelope, shortest uints, bin 8 ids, registered
 * extensions only, each at most once). It accepts a subset of what the full path (pre-scan,
 * msgpackr, the specs) accepts and builds the same message, field for field; for anything
 * else (another type, an unusual but valid form, an unknown, repeated or ill-typed
 * extension, a bad field, trailing bytes) it returns `undefined` and the full path decides,
 * so every rejection and its code come from there (test/fast-decoder.fuzz.test.ts).
 */

/** Smallest datagram this path can take: `94 01 tt rid c4 20` and 32 sender bytes. */
const MIN_BYTES = 38;

/**
 * How many extension pairs follow the `fields` type fields of an envelope of `count`
 * elements: 0 without a map, else the size of the fixmap that must be its last element.
 */
function extensionPairs(r: MsgpackReader, count: number, fields: number): number {
  if (count === 4 + fields) return 0;
  return count === 5 + fields ? r.fixmapHeader() : READ_FAILED;
}

/**
 * Whether the envelope ends with a map holding just `key` (true; its value follows) or has
 * no extensions at all (false); `undefined` for anything else.
 */
function onlyExtension(r: MsgpackReader, count: number, fields: number, key: number): boolean | undefined {
  const pairs = extensionPairs(r, count, fields);
  if (pairs === 0) return false;
  return pairs === 1 && r.skip(key) ? true : undefined;
}

/** A contact `[id, ip, port]` (section 3 "Contact"), without a contact extension map. */
function readContact(r: MsgpackReader, ids: IdInterner | undefined): Contact | undefined {
  if (!r.skip(0x93)) return undefined;
  if (ids !== undefined) return r.contact(ids);
  const id = r.id(undefined);
  const host = id === undefined ? undefined : r.ipText();
  const port = host === undefined ? READ_FAILED : r.uint(0xffff);
  return port === READ_FAILED ? undefined : { id: id!, host: host!, port };
}

function readNodes(r: MsgpackReader, count: number, rid: number, sender: NodeId, ids: IdInterner | undefined): NodesMessage | undefined {
  const n = r.arrayHeader();
  if (n === READ_FAILED || n > MAX_CONTACTS) return undefined;
  const contacts = new Array<Contact>(n);
  for (let i = 0; i < n; i++) {
    const contact = readContact(r, ids);
    if (contact === undefined) return undefined;
    contacts[i] = contact;
  }
  const pairs = extensionPairs(r, count, 1);
  if (pairs === READ_FAILED || pairs > 2) return undefined;
  const m: NodesMessage = { type: "NODES", rid, sender, contacts };
  if (pairs === 0) return m;
  // The spec's order: token (key 3), then proof (key 2).
  const token = r.skip(ExtensionKey.TOKEN) ? r.boundedBin(MIN_TOKEN_BYTES, MAX_TOKEN_BYTES) ?? null : undefined;
  const rest = pairs - (token === undefined ? 0 : 1);
  if (token === null || rest > 1) return undefined;
  const proof = rest === 1 ? readProofPair(r) : undefined;
  if (proof === null) return undefined;
  return { ...m, ...(token === undefined ? {} : { token }), ...(proof === undefined ? {} : { proof }) };
}

/** `2: [publicKey, signature]` (the id proof, docs/protocol.md 10.2); `null` when it is anything else. */
function readProofPair(r: MsgpackReader): IdProof | null {
  const publicKey = r.skip(ExtensionKey.ID_PROOF) && r.skip(0x92) ? r.fixedBin(PUBLIC_KEY_BYTES) : undefined;
  const signature = publicKey === undefined ? undefined : r.fixedBin(SIGNATURE_BYTES);
  return signature === undefined ? null : { publicKey: publicKey!, signature };
}

/** STORE and VALUE: key, value, ttl_ms, publisher or nil; then token (both), kind and cas (STORE only). */
function readRecord(r: MsgpackReader, type: "STORE" | "VALUE", count: number, rid: number, sender: NodeId): StoreMessage | ValueMessage | undefined {
  const key = r.fixedBin(ID_BYTES);
  const value = key === undefined ? undefined : r.boundedBin(0, MAX_VALUE_BYTES);
  const ttlMs = value === undefined ? READ_FAILED : r.uint(Number.MAX_SAFE_INTEGER);
  if (ttlMs === READ_FAILED) return undefined;
  const publisher = r.skip(0xc0) ? null : r.fixedBin(ID_BYTES);
  if (publisher === undefined) return undefined;
  const pairs = extensionPairs(r, count, 4);
  if (pairs === READ_FAILED) return undefined;
  let token: Uint8Array | undefined;
  let kind = READ_FAILED;
  let cas = READ_FAILED;
  let seen = 0; // bit k: key k was read (a repeated key is left to the full path)
  for (let i = 0; i < pairs; i++) {
    const k = r.uint(7);
    if (k === READ_FAILED || (seen & (1 << k)) !== 0) return undefined;
    seen |= 1 << k;
    if (k === ExtensionKey.TOKEN) {
      if ((token = r.boundedBin(MIN_TOKEN_BYTES, MAX_TOKEN_BYTES)) === undefined) return undefined;
    } else if (k === ExtensionKey.RECORD_KIND && type === "STORE") {
      if ((kind = r.uint(2)) === READ_FAILED) return undefined;
    } else if (k === ExtensionKey.CAS && type === "STORE") {
      if ((cas = r.uint(Number.MAX_SAFE_INTEGER)) === READ_FAILED) return undefined;
    } else {
      return undefined;
    }
  }
  // Built in the order of the specs (record-fields.ts, then the extensions), so the two
  // paths give objects of the same shape.
  let m: StoreMessage | ValueMessage = { type, rid, sender, key: key!, value: value!, ttlMs };
  if (publisher !== null) m = { ...m, publisher };
  if (token !== undefined) m = { ...m, token };
  if (type === "VALUE") return m;
  let store = m as StoreMessage;
  if (kind !== READ_FAILED) store = { ...store, kind: kind as 0 | 1 | 2 };
  if (cas !== READ_FAILED) store = { ...store, cas };
  return store;
}

function readBroadcast(r: MsgpackReader, count: number, rid: number, sender: NodeId): KademliaMessage | undefined {
  const id = r.fixedBin(BROADCAST_ID_BYTES);
  const origin = id === undefined ? undefined : r.fixedBin(ID_BYTES);
  const depth = origin === undefined ? READ_FAILED : r.uint(MAX_BROADCAST_DEPTH);
  const data = depth === READ_FAILED ? undefined : r.boundedBin(0, MAX_BROADCAST_DATA_BYTES);
  if (data === undefined || extensionPairs(r, count, 4) !== 0) return undefined;
  return { type: "BROADCAST", rid, sender, id: id!, origin: origin!, depth, data };
}

function readPing(r: MsgpackReader, count: number, rid: number, sender: NodeId): KademliaMessage | undefined {
  const hasNonce = onlyExtension(r, count, 0, ExtensionKey.NONCE);
  if (hasNonce !== true) return hasNonce === false ? { type: "PING", rid, sender } : undefined;
  const nonce = r.fixedBin(NONCE_BYTES);
  return nonce === undefined ? undefined : { type: "PING", rid, sender, nonce };
}

function readPong(r: MsgpackReader, count: number, rid: number, sender: NodeId): KademliaMessage | undefined {
  const hasProof = onlyExtension(r, count, 0, ExtensionKey.ID_PROOF);
  if (hasProof !== true) return hasProof === false ? { type: "PONG", rid, sender } : undefined;
  const publicKey = r.skip(0x92) ? r.fixedBin(PUBLIC_KEY_BYTES) : undefined;
  const signature = publicKey === undefined ? undefined : r.fixedBin(SIGNATURE_BYTES);
  return signature === undefined ? undefined : { type: "PONG", rid, sender, proof: { publicKey: publicKey!, signature } };
}

function readFindNode(r: MsgpackReader, count: number, rid: number, sender: NodeId): KademliaMessage | undefined {
  const target = r.fixedBin(ID_BYTES);
  const pairs = target === undefined ? READ_FAILED : extensionPairs(r, count, 1);
  if (pairs === READ_FAILED || pairs > 2) return undefined;
  const m = { type: "FIND_NODE", rid, sender, target: target! } as const;
  if (pairs === 0) return m;
  // The spec's order: nonce (key 1), then wantToken (key 6).
  const nonce = r.skip(ExtensionKey.NONCE) ? r.fixedBin(NONCE_BYTES) ?? null : undefined;
  const wants = pairs - (nonce === undefined ? 0 : 1);
  if (nonce === null || wants > 1) return undefined;
  if (wants === 1 && !(r.skip(ExtensionKey.WANT_TOKEN) && r.skip(0xc3))) return undefined;
  return { ...m, ...(wants === 1 ? { wantToken: true as const } : {}), ...(nonce === undefined ? {} : { nonce }) };
}

/** The type-specific part of a message whose header was read; `count` is the envelope's element count. */
function readBody(r: MsgpackReader, code: number, count: number, rid: number, sender: NodeId,
  ids: IdInterner | undefined): KademliaMessage | undefined {
  switch (code) {
    case KademliaMessageType.PING:
      return readPing(r, count, rid, sender);
    case KademliaMessageType.PONG:
      return readPong(r, count, rid, sender);
    case KademliaMessageType.FIND_NODE:
      return readFindNode(r, count, rid, sender);
    case KademliaMessageType.NODES:
      return readNodes(r, count, rid, sender, ids);
    case KademliaMessageType.FIND_VALUE: {
      const key = r.fixedBin(ID_BYTES);
      return key !== undefined && extensionPairs(r, count, 1) === 0 ? { type: "FIND_VALUE", rid, sender, key } : undefined;
    }
    case KademliaMessageType.VALUE:
      return readRecord(r, "VALUE", count, rid, sender);
    case KademliaMessageType.STORE:
      return readRecord(r, "STORE", count, rid, sender);
    case KademliaMessageType.STORED:
      return extensionPairs(r, count, 0) === 0 ? { type: "STORED", rid, sender } : undefined;
    case KademliaMessageType.BROADCAST:
      return readBroadcast(r, count, rid, sender);
    case KademliaMessageType.ACK:
      return extensionPairs(r, count, 0) === 0 ? { type: "ACK", rid, sender } : undefined;
    default:
      return undefined;
  }
}

/**
 * The decoder's fast path for one codec; it owns the codec's {@link MsgpackReader}. With an
 * {@link IdInterner} the sender and contact ids are the interner's shared objects.
 */
export class KademliaFastDecoder {
  readonly #reader = new MsgpackReader();
  readonly #ids: IdInterner | undefined;

  constructor(ids?: IdInterner) {
    this.#ids = ids;
  }

  /**
   * The message in `bytes` when it is a Kademlia type in the form the encoder writes, else
   * `undefined`. Never throws, never a message the full path would not give. Byte fields
   * are compact, plain copies.
   */
  decode(bytes: unknown): KademliaMessage | undefined {
    if (!(bytes instanceof Uint8Array) || bytes.length < MIN_BYTES || bytes.length > MAX_DATAGRAM_BYTES) return undefined;
    const head = bytes[0]!;
    const code = bytes[2]!;
    if (head < 0x94 || head > 0x9f || bytes[1] !== PROTOCOL_VERSION || code < KademliaMessageType.PING || code > KademliaMessageType.ACK) return undefined;
    const r = this.#reader;
    r.start(bytes);
    r.skip(head);
    r.skip(PROTOCOL_VERSION);
    r.skip(code);
    const rid = r.uint(MAX_RID);
    const sender = rid === READ_FAILED ? undefined : r.id(this.#ids);
    const message = sender === undefined ? undefined : readBody(r, code, head & 0x0f, rid, sender, this.#ids);
    return r.finish() ? message : undefined;
  }
}
