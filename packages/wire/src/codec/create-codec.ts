import { WireDecodeError } from "../errors.js";
import { KademliaFastDecoder } from "../kademlia/fast-decoder.js";
import { KademliaFastEncoder } from "../kademlia/fast-encoder.js";
import { kademliaMessages } from "../kademlia/kademlia-messages.js";
import type { KademliaMessage } from "../kademlia/messages.js";
import { decodeMessage } from "./decode-message.js";
import { encodeMessage } from "./encode-message.js";
import type { MessageSpec, WireMessage } from "./message-spec.js";
import { MsgpackScanner } from "./msgpack-scan.js";
import { createPackr } from "./packr.js";
import { createRegistry } from "./registry.js";
import type { IdInterner } from "./id-interner.js";
import type { Registry } from "./registry.js";

/**
 * The registry of a codec without extra types, built once: a registry is never changed
 * after it is made, so every such codec reads the same one.
 */
const kademliaOnly: Registry = createRegistry(kademliaMessages, []);

/** What the full (reference) paths use: made by a codec on the first datagram that needs them. */
interface FullPath {
  readonly packr: ReturnType<typeof createPackr>;
  readonly scanner: MsgpackScanner;
}

/** What {@link Codec.tryDecode} returns: the message, or why the datagram was refused. */
export type DecodeResult<M extends WireMessage = WireMessage> =
  | { ok: true; message: M }
  | { ok: false; error: WireDecodeError };

/** Options of {@link createCodec}. */
export interface CodecOptions<S extends readonly MessageSpec[] = readonly MessageSpec[]> {
  /**
   * Message types to add to the Kademlia ones, each with its own name and code.
   * @default []
   */
  readonly messages?: S;
  /**
   * Shares decoded ids with the other codecs given the same interner (every node of a
   * simulation): see {@link IdInterner}. Decoded ids are then shared, read-only objects.
   * @default none: every decoded id is a copy of its own
   */
  readonly ids?: IdInterner;
}

/** The message type a spec (or a union of specs) encodes and decodes. */
export type MessageOf<S> = S extends MessageSpec<infer M> ? M : never;

/**
 * Encodes and decodes the messages of a set of types: the Kademlia types and those given
 * to {@link createCodec}. Each codec owns its msgpackr instance, its pre-scan stacks and the
 * reader and writer of its fast paths; codecs share nothing that changes. `M` is the union
 * of the message types it knows.
 */
export interface Codec<M extends WireMessage = WireMessage> {
  /** Every type name this codec knows, the Kademlia ones first, then in registration order. */
  readonly types: readonly string[];
  /** The spec of type `type`, or `undefined` when this codec does not know it. */
  spec(type: string): MessageSpec | undefined;
  /**
   * Encodes one message as one datagram (docs/protocol.md). Validates every field first, so
   * a peer never receives what `decode` would reject.
   * @returns a new, exactly sized, plain `Uint8Array` the caller owns. Above 64 bytes it may
   *   be a view into a larger shared `ArrayBuffer` (Node's `Buffer` pool): read `.buffer` only
   *   with `byteOffset` and `length`.
   * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for an unknown type or a bad field,
   *   `ERR_VALUE_TOO_LARGE` for an oversized payload, `ERR_DATAGRAM_TOO_LARGE` when the
   *   result would exceed `MAX_DATAGRAM_BYTES`.
   */
  encode(message: M): Uint8Array;
  /**
   * Decodes and validates one datagram (docs/protocol.md, section 7).
   * @returns a typed message whose byte fields are compact, plain `Uint8Array`s that never
   *   alias `bytes` (a transport may reuse its receive buffer).
   * @throws WireDecodeError and nothing else; see `WireDecodeErrorCode` for the codes.
   */
  decode(bytes: Uint8Array): M;
  /**
   * {@link Codec.decode} for the receive path: never throws. Anything unexpected (which
   * would be a bug) is reported as `ERR_WIRE_MALFORMED` with the original error as `cause`.
   */
  tryDecode(bytes: Uint8Array): DecodeResult<M>;
  /** True when `message` is of a request type this codec knows (a message that expects a reply). */
  isRequest(message: WireMessage): boolean;
  /** True when `message` is of a response type this codec knows (it answers a request by `rid`). */
  isResponse(message: WireMessage): boolean;
}

/**
 * A codec for the Kademlia message types (PING ... ERROR, always included) plus
 * `options.messages`. Build one per node, or one per set of types; a codec is cheap to keep
 * and synchronous, so one serves every datagram of its node.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` when a spec in `options.messages` has a
 *   malformed shape, a code outside 0x01..0x7e (0x7f is ERROR) or of the wrong parity for
 *   its kind, or a type name or code already taken.
 */
export function createCodec<S extends readonly MessageSpec[] = readonly []>(
  options: CodecOptions<S> = {},
): Codec<KademliaMessage | MessageOf<S[number]>> {
  type M = KademliaMessage | MessageOf<S[number]>;
  const extra = options.messages ?? [];
  const registry = Array.isArray(extra) && extra.length === 0 ? kademliaOnly : createRegistry(kademliaMessages, extra);
  // The fast paths take the Kademlia types in the form encode writes them and return
  // undefined for anything else; the full paths are the reference and give every refusal.
  // Every registry holds the Kademlia specs under their own names and codes (another spec
  // cannot take them), so the fast paths apply to every codec.
  const fastEncoder = new KademliaFastEncoder();
  const fastDecoder = new KademliaFastDecoder(options.ids);
  // Most datagrams of a Kademlia node take the fast paths; the msgpackr instance and the
  // pre-scan stacks of the full paths (about 1.2 KB) wait until one does not.
  let full: FullPath | undefined;
  const fullPath = (): FullPath => (full ??= { packr: createPackr(), scanner: new MsgpackScanner() });
  // The methods are closures, not prototype methods, so a caller may destructure them.
  const decode = (bytes: Uint8Array): M => {
    const fast = fastDecoder.decode(bytes);
    if (fast !== undefined) return fast as M;
    const { packr, scanner } = fullPath();
    return decodeMessage(bytes, registry, packr, scanner) as M;
  };
  return {
    types: registry.types,
    spec: (type) => registry.byType.get(type),
    encode: (message) => fastEncoder.encode(message) ?? encodeMessage(message, registry, fullPath().packr),
    decode,
    tryDecode(bytes) {
      try {
        return { ok: true, message: decode(bytes) };
      } catch (error) {
        if (error instanceof WireDecodeError) return { ok: false, error };
        return { ok: false, error: new WireDecodeError("ERR_WIRE_MALFORMED", "unexpected decoder failure", { cause: error }) };
      }
    },
    isRequest: (message) => registry.byType.get(message.type)?.kind === "request",
    isResponse: (message) => registry.byType.get(message.type)?.kind === "response",
  };
}
