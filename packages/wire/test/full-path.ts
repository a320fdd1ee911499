import { decodeMessage } from "../src/codec/decode-message.js";
import { encodeMessage } from "../src/codec/encode-message.js";
import type { WireMessage } from "../src/codec/message-spec.js";
import { MsgpackScanner } from "../src/codec/msgpack-scan.js";
import { createPackr } from "../src/codec/packr.js";
import { createRegistry } from "../src/codec/registry.js";
import { kademliaMessages } from "../src/kademlia/kademlia-messages.js";
import type { KademliaMessage } from "../src/kademlia/messages.js";

/**
 * The reference paths of a Kademlia-only codec, without its fast paths: the specs and
 * msgpackr to encode; the pre-scan, msgpackr and the specs to decode. The differential
 * suites hold the fast paths to exactly these.
 */

const registry = createRegistry(kademliaMessages, []);
const packr = createPackr();
const scanner = new MsgpackScanner();

/** The full encode path. @throws WireEncodeError as `Codec.encode`. */
export function fullEncode(message: KademliaMessage): Uint8Array {
  return encodeMessage(message, registry, packr);
}

/** The full decode path. @throws WireDecodeError as `Codec.decode`. */
export function fullDecode(bytes: Uint8Array): WireMessage {
  return decodeMessage(bytes, registry, packr, scanner);
}
