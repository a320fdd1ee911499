import { ID_BYTES, ipToBytes } from "@plexus/core";
import { binSize, containerHeaderSize, strSize, uintSize } from "../codec/msgpack-sizes.js";
import { MsgpackWriter } from "../codec/msgpack-writer.js";
import {
  BROADCAST_ID_BYTES, MAX_BROADCAST_DATA_BYTES, MAX_BROADCAST_DEPTH, MAX_CONTACTS, MAX_ERROR_CODE, MAX_ERROR_MESSAGE_BYTES,
  MAX_DATAGRAM_BYTES, MAX_RID, MAX_VALUE_BYTES, PROTOCOL_VERSION,
} from "../constants.js";
import { isBin, isSafeUint } from "../fields/extension-fields.js";
import { isUint } from "../fields/incoming-fields.js";
import { ipv4Word } from "../fields/ip-text.js";
import { LONE_SURROGATE, utf8ByteLength } from "../fields/utf8-length.js";
import { ExtensionKey, MAX_TOKEN_BYTES, MIN_TOKEN_BYTES, NONCE_BYTES, PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from "./extensions.js";
import { PROOF_PAIR_BYTES, idProof, writeProofPair } from "./id-proof-field.js";
import { KademliaMessageType } from "./message-type.js";
import type {
  BroadcastMessage, ErrorMessage, KademliaMessage, NodesMessage, PingMessage, PongMessage, StoreMessage, ValueMessage,
} from "./messages.js";

/**
 * The encoder's fast path: the envelope `[version, code, rid, sender, ...fields, ext?]` of a
 * Kademlia type written straight into an exactly sized datagram, with the checks of the
 * specs. For anything it does not write or that fails a check it returns `undefined`, and
 * the full path (the specs and msgpackr) writes the message or throws the proper
 * `WireEncodeError`: every refusal, code and text comes from there. The bytes equal
 * msgpackr's, item for item (test/fast-encoder.fuzz.test.ts), extension maps in the order
 * the specs build them.
 */

/** Wire size of a 32-byte id: a bin 8 header and the bytes. */
const ID_ITEM_BYTES = 2 + ID_BYTES;

const isBytes = (v: unknown, length: number): v is Uint8Array => v instanceof Uint8Array && v.length === length;
const isPayload = (v: unknown, max: number): v is Uint8Array => v instanceof Uint8Array && v.length <= max;
const isToken = (v: unknown): v is Uint8Array | undefined => v === undefined || isBin(v, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES);
/** A one-pair extension map `{ key: bin of length }`: map header, fixint key, the bin. */
const binExtensionSize = (length: number): number => 2 + binSize(length);

/** Size of the envelope's array header and elements 0..3 (version and codes are fixints). */
function headerSize(rid: number): number {
  return 3 + uintSize(rid) + ID_ITEM_BYTES;
}

/** Starts a datagram of `size` bytes with the array header of `elements` and elements 0..3. */
function startEnvelope(w: MsgpackWriter, size: number, elements: number, code: number, rid: number, sender: Uint8Array): void {
  w.start(size);
  w.arrayHeader(elements);
  w.uint(PROTOCOL_VERSION);
  w.uint(code);
  w.uint(rid);
  w.bin(sender);
}

/** A message without type fields or extensions (STORED, ACK, a PONG without a proof). */
function writeBare(w: MsgpackWriter, code: number, rid: number, sender: Uint8Array): Uint8Array | undefined {
  startEnvelope(w, headerSize(rid), 4, code, rid, sender);
  return w.finish();
}

function writePing(w: MsgpackWriter, rid: number, sender: Uint8Array, m: PingMessage): Uint8Array | undefined {
  const nonce: unknown = m.nonce;
  // The full path writes tokens, padding and the reachability flags.
  if (m.token !== undefined || m.pad !== undefined || m.client !== undefined || m.dialBack !== undefined || m.dialTo !== undefined
    || m.dialNonce !== undefined || m.alt !== undefined) return undefined;
  if (nonce === undefined) return writeBare(w, KademliaMessageType.PING, rid, sender);
  if (!isBin(nonce, NONCE_BYTES)) return undefined;
  startEnvelope(w, headerSize(rid) + binExtensionSize(NONCE_BYTES), 5, KademliaMessageType.PING, rid, sender);
  w.mapHeader(1);
  w.uint(ExtensionKey.NONCE);
  w.bin(nonce);
  return w.finish();
}

function writePong(w: MsgpackWriter, rid: number, sender: Uint8Array, m: PongMessage): Uint8Array | undefined {
  const proof = idProof(m.proof);
  if (m.observed !== undefined || m.client !== undefined || m.dialBack !== undefined || proof === null) return undefined; // the full path writes addresses and flags
  if (proof === undefined) return writeBare(w, KademliaMessageType.PONG, rid, sender);
  startEnvelope(w, headerSize(rid) + 1 + PROOF_PAIR_BYTES, 5, KademliaMessageType.PONG, rid, sender); // { 2: [publicKey, signature] }
  w.mapHeader(1);
  writeProofPair(w, proof);
  return w.finish();
}

/**
 * Writes the bin of the IP literal `host`: the 4 or 16 bytes of `ipToBytes`, read in place
 * when possible. `ipToBytes` throws for a host that is not an IP literal; the caller's
 * catch turns that into "not taken".
 */
function writeHost(w: MsgpackWriter, host: string): void {
  const v4 = ipv4Word(host);
  if (v4 !== -1) w.ipv4(v4);
  else if (!w.ipv6(host)) w.bin(ipToBytes(host));
}

function writeNodes(w: MsgpackWriter, rid: number, sender: Uint8Array, m: NodesMessage): Uint8Array | undefined {
  const contacts: unknown = m.contacts;
  const token: unknown = m.token;
  const proof = idProof(m.proof);
  if (!Array.isArray(contacts) || contacts.length > MAX_CONTACTS || !isToken(token) || proof === null) return undefined;
  const n = contacts.length;
  // { 3: token, 2: proof }, in the spec's order, either pair alone, or no map.
  const pairs = (token === undefined ? 0 : 1) + (proof === undefined ? 0 : 1);
  let size = headerSize(rid) + containerHeaderSize(n) + (pairs === 0 ? 0 : 1)
    + (token === undefined ? 0 : 1 + binSize(token.length)) + (proof === undefined ? 0 : PROOF_PAIR_BYTES);
  for (let i = 0; i < n; i++) {
    const c: unknown = contacts[i];
    if (typeof c !== "object" || c === null) return undefined;
    const { host, port } = c as Record<string, unknown>;
    if (typeof host !== "string" || !isUint(port, 0xffff)) return undefined;
    // [id, ip, port]. An IPv6 literal has a colon and an IPv4 one none, so this is the
    // size of every host ipToBytes accepts; writeHost refuses the others.
    size += 1 + ID_ITEM_BYTES + (host.includes(":") ? 18 : 6) + uintSize(port);
  }
  if (size > MAX_DATAGRAM_BYTES) return undefined; // with a proof, 16 or more IPv6 contacts: the full path's error
  startEnvelope(w, size, pairs === 0 ? 5 : 6, KademliaMessageType.NODES, rid, sender);
  w.arrayHeader(n);
  for (let i = 0; i < n; i++) {
    // Read again and checked again: what is written is what was checked.
    const { id, host, port } = contacts[i] as Record<string, unknown>;
    if (!isBytes(id, ID_BYTES) || typeof host !== "string" || !isUint(port, 0xffff)) return undefined;
    w.arrayHeader(3);
    w.bin(id);
    writeHost(w, host);
    w.uint(port);
  }
  if (pairs > 0) w.mapHeader(pairs);
  if (token !== undefined) {
    w.uint(ExtensionKey.TOKEN);
    w.bin(token);
  }
  if (proof !== undefined) writeProofPair(w, proof);
  return w.finish();
}

/** STORE and VALUE: key, value, ttl_ms, publisher or nil; extensions token, kind, cas (the order of store.ts). */
function writeRecord(
  w: MsgpackWriter, rid: number, sender: Uint8Array, m: StoreMessage | ValueMessage, isStore: boolean,
): Uint8Array | undefined {
  const { key, value, ttlMs, publisher, token } = m as Partial<StoreMessage>;
  if (!isBytes(key, ID_BYTES) || !isPayload(value, MAX_VALUE_BYTES) || !isUint(ttlMs, Number.MAX_SAFE_INTEGER)) return undefined;
  if ((publisher !== undefined && !isBytes(publisher, ID_BYTES)) || !isToken(token)) return undefined;
  const kind = isStore ? (m as StoreMessage).kind : undefined;
  const cas = isStore ? (m as StoreMessage).cas : undefined;
  if ((kind !== undefined && kind !== 0 && kind !== 1 && kind !== 2) || (cas !== undefined && !isSafeUint(cas))) return undefined;
  const pairs = (token === undefined ? 0 : 1) + (kind === undefined ? 0 : 1) + (cas === undefined ? 0 : 1);
  let size = headerSize(rid) + ID_ITEM_BYTES + binSize(value.length) + uintSize(ttlMs) + (publisher === undefined ? 1 : ID_ITEM_BYTES);
  if (pairs > 0) {
    size += 1 + (token === undefined ? 0 : 1 + binSize(token.length)) + (kind === undefined ? 0 : 2);
    size += cas === undefined ? 0 : 1 + uintSize(cas);
  }
  startEnvelope(w, size, pairs > 0 ? 9 : 8, isStore ? KademliaMessageType.STORE : KademliaMessageType.VALUE, rid, sender);
  w.bin(key);
  w.bin(value);
  w.uint(ttlMs);
  if (publisher === undefined) w.nil();
  else w.bin(publisher);
  if (pairs > 0) w.mapHeader(pairs);
  if (token !== undefined) {
    w.uint(ExtensionKey.TOKEN);
    w.bin(token);
  }
  if (kind !== undefined) {
    w.uint(ExtensionKey.RECORD_KIND);
    w.uint(kind);
  }
  if (cas !== undefined) {
    w.uint(ExtensionKey.CAS);
    w.uint(cas);
  }
  return w.finish();
}

function writeBroadcast(w: MsgpackWriter, rid: number, sender: Uint8Array, m: BroadcastMessage): Uint8Array | undefined {
  const { id, origin, depth, data } = m;
  if (!isBytes(id, BROADCAST_ID_BYTES) || !isBytes(origin, ID_BYTES) || !isUint(depth, MAX_BROADCAST_DEPTH)) return undefined;
  if (!isPayload(data, MAX_BROADCAST_DATA_BYTES)) return undefined;
  const auth: unknown = m.auth;
  let size = headerSize(rid) + binSize(BROADCAST_ID_BYTES) + ID_ITEM_BYTES + uintSize(depth) + binSize(data.length);
  let publicKey: unknown, seq: unknown, signature: unknown;
  if (auth !== undefined) {
    if (typeof auth !== "object" || auth === null) return undefined;
    ({ publicKey, seq, signature } = auth as Partial<NonNullable<BroadcastMessage["auth"]>>);
    if (!isBin(publicKey, PUBLIC_KEY_BYTES) || !isSafeUint(seq) || !isBin(signature, SIGNATURE_BYTES)) return undefined;
    // { 7: [publicKey, seq, signature] }: map header, key, array header, three items (10.7).
    size += 3 + binSize(PUBLIC_KEY_BYTES) + uintSize(seq) + binSize(SIGNATURE_BYTES);
  }
  startEnvelope(w, size, auth === undefined ? 8 : 9, KademliaMessageType.BROADCAST, rid, sender);
  w.bin(id);
  w.bin(origin);
  w.uint(depth);
  w.bin(data);
  if (auth !== undefined) {
    w.mapHeader(1);
    w.uint(ExtensionKey.ORIGIN_AUTH);
    w.arrayHeader(3);
    w.bin(publicKey as Uint8Array);
    w.uint(seq as number);
    w.bin(signature as Uint8Array);
  }
  return w.finish();
}

function writeError(w: MsgpackWriter, rid: number, sender: Uint8Array, m: ErrorMessage): Uint8Array | undefined {
  const { code, message } = m;
  if (m.token !== undefined) return undefined; // the full path writes tokens
  if (!isUint(code, MAX_ERROR_CODE) || typeof message !== "string" || LONE_SURROGATE.test(message)) return undefined;
  const length = utf8ByteLength(message);
  if (length > MAX_ERROR_MESSAGE_BYTES) return undefined;
  startEnvelope(w, headerSize(rid) + uintSize(code) + strSize(length), 6, KademliaMessageType.ERROR, rid, sender);
  w.uint(code);
  w.str(message, length);
  return w.finish();
}

function writeMessage(w: MsgpackWriter, m: KademliaMessage): Uint8Array | undefined {
  const rid: unknown = m.rid;
  const sender: unknown = m.sender;
  if (!isUint(rid, MAX_RID) || !isBytes(sender, ID_BYTES)) return undefined;
  switch (m.type) {
    case "PING":
      return writePing(w, rid, sender, m);
    case "PONG":
      return writePong(w, rid, sender, m);
    case "FIND_NODE": {
      const { target, wantToken } = m;
      const nonce: unknown = m.nonce;
      if (m.token !== undefined || m.client !== undefined || m.alt !== undefined) return undefined; // the full path writes tokens and flags
      if (!isBytes(target, ID_BYTES) || (wantToken !== undefined && wantToken !== true) || (nonce !== undefined && !isBin(nonce, NONCE_BYTES))) return undefined;
      // { 1: nonce, 6: true }, in the spec's order, either pair alone, or no map.
      const pairs = (nonce === undefined ? 0 : 1) + (wantToken ? 1 : 0);
      const ext = pairs === 0 ? 0 : 1 + (nonce === undefined ? 0 : 1 + binSize(NONCE_BYTES)) + (wantToken ? 2 : 0);
      startEnvelope(w, headerSize(rid) + ID_ITEM_BYTES + ext, pairs === 0 ? 5 : 6, KademliaMessageType.FIND_NODE, rid, sender);
      w.bin(target);
      if (pairs > 0) w.mapHeader(pairs);
      if (nonce !== undefined) {
        w.uint(ExtensionKey.NONCE);
        w.bin(nonce);
      }
      if (wantToken) {
        w.uint(ExtensionKey.WANT_TOKEN);
        w.bool(true);
      }
      return w.finish();
    }
    case "NODES":
      return writeNodes(w, rid, sender, m);
    case "FIND_VALUE": {
      const key: unknown = m.key;
      if (!isBytes(key, ID_BYTES) || m.token !== undefined || m.client !== undefined || m.alt !== undefined) return undefined; // the full path writes tokens and flags
      startEnvelope(w, headerSize(rid) + ID_ITEM_BYTES, 5, KademliaMessageType.FIND_VALUE, rid, sender);
      w.bin(key);
      return w.finish();
    }
    case "VALUE":
      return writeRecord(w, rid, sender, m, false);
    case "STORE":
      return writeRecord(w, rid, sender, m, true);
    case "STORED":
      return writeBare(w, KademliaMessageType.STORED, rid, sender);
    case "BROADCAST":
      return writeBroadcast(w, rid, sender, m);
    case "ACK":
      return writeBare(w, KademliaMessageType.ACK, rid, sender);
    case "ERROR":
      return writeError(w, rid, sender, m);
    default:
      return undefined;
  }
}

/** The encoder's fast path for one codec; it owns the codec's {@link MsgpackWriter}. */
export class KademliaFastEncoder {
  readonly #writer = new MsgpackWriter();
  /** True while a message is being written: a getter that encodes again takes the full path. */
  #writing = false;

  /**
   * The datagram of `message`, byte for byte what the full path writes, as a new, exactly
   * sized, plain `Uint8Array` the caller owns; `undefined` when `message` is not a valid
   * Kademlia message (or is exotic: a getter that throws). Never throws.
   */
  encode(message: unknown): Uint8Array | undefined {
    if (this.#writing || typeof message !== "object" || message === null) return undefined;
    this.#writing = true;
    try {
      return writeMessage(this.#writer, message as KademliaMessage);
    } catch {
      // ipToBytes refused a host, or a getter threw: the full path meets it again and reports it.
      return undefined;
    } finally {
      this.#writing = false;
    }
  }
}
