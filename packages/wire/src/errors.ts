import { PlexusError } from "@plexus/core";

/**
 * Why a codec's `decode` rejected a datagram. Each code names one check, in the order the
 * decoder applies them (docs/protocol.md, section 7 "Decoding and rejection"):
 *
 * - `ERR_WIRE_EMPTY`: zero bytes.
 * - `ERR_WIRE_TOO_LARGE`: more than `MAX_DATAGRAM_BYTES`; checked before any parsing.
 * - `ERR_WIRE_TRUNCATED`: the bytes end inside a MessagePack item, or a declared
 *   str/bin/array/map length runs past the end of the datagram.
 * - `ERR_WIRE_TRAILING_BYTES`: bytes left over after the one top-level item.
 * - `ERR_WIRE_TOO_DEEP`: containers nested deeper than `MAX_NESTING_DEPTH`.
 * - `ERR_WIRE_MALFORMED`: not MessagePack as Plexus uses it: the never-used byte `0xc1`,
 *   any ext type (Plexus uses none), a str that is not valid UTF-8; also input that is not
 *   a `Uint8Array`, and a message spec that threw something other than `WireDecodeError`
 *   (a bug; the error is the `cause`).
 * - `ERR_WIRE_BAD_ENVELOPE`: the top-level item is not an array of at least four
 *   elements, or has the wrong element count for its type, or a trailing element that is
 *   not an extension map.
 * - `ERR_WIRE_VERSION`: element 0 is not `PROTOCOL_VERSION`.
 * - `ERR_WIRE_UNKNOWN_TYPE`: element 1 is not a known message type code.
 * - `ERR_WIRE_BAD_FIELD`: a field has the wrong type, size or range (ids not 32 bytes,
 *   oversized values, floats or negatives where unsigned integers are required, ...).
 */
export type WireDecodeErrorCode =
  | "ERR_WIRE_EMPTY"
  | "ERR_WIRE_TOO_LARGE"
  | "ERR_WIRE_TRUNCATED"
  | "ERR_WIRE_TRAILING_BYTES"
  | "ERR_WIRE_TOO_DEEP"
  | "ERR_WIRE_MALFORMED"
  | "ERR_WIRE_BAD_ENVELOPE"
  | "ERR_WIRE_VERSION"
  | "ERR_WIRE_UNKNOWN_TYPE"
  | "ERR_WIRE_BAD_FIELD";

/**
 * The envelope fields of a rejected datagram, when they were readable: lets the node
 * answer an unknown or invalid request with an ERROR carrying the right `rid`.
 */
export interface WireHeader {
  /** Element 0: the protocol version (always `PROTOCOL_VERSION` when a header is given). */
  readonly version: number;
  /** Element 1: the type code (may be unknown). */
  readonly typeCode: number;
  /** Element 2: the request id (uint32). */
  readonly rid: number;
  /** Element 3: the sender's node id (32 bytes, a copy). */
  readonly sender: Uint8Array;
}

/**
 * A datagram that `decode` refused. The node counts and drops these; `code` says why.
 * Carries the envelope `header` when version, rid and sender were valid, so an ERROR
 * reply can be correlated.
 */
export class WireDecodeError extends PlexusError<WireDecodeErrorCode> {
  /** The readable envelope fields, or `undefined` when the header itself was bad. */
  readonly header: WireHeader | undefined;

  constructor(code: WireDecodeErrorCode, message: string, options?: { cause?: unknown; header?: WireHeader }) {
    super(code, message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WireDecodeError";
    this.header = options?.header;
  }
}

/**
 * Why `encode` refused a message:
 * - `ERR_INVALID_ARGUMENT`: unknown type, an id not 32 bytes, a bad address, port, rid,
 *   ttl, depth, error code, too many contacts or too long an error message; also a message
 *   spec that threw something other than `WireEncodeError` (the error is the `cause`).
 * - `ERR_VALUE_TOO_LARGE`: a payload over its limit (`outPayload`): a STORE/VALUE value
 *   over `MAX_VALUE_BYTES`, BROADCAST data over `MAX_BROADCAST_DATA_BYTES`, ...
 * - `ERR_DATAGRAM_TOO_LARGE`: the encoding exceeds `MAX_DATAGRAM_BYTES` (of the built-in
 *   types, only a NODES with an id proof and 16 or more IPv6 contacts, which a node never
 *   sends, docs/protocol.md 10.2; a layer's own type can reach it).
 */
export type WireEncodeErrorCode = "ERR_INVALID_ARGUMENT" | "ERR_VALUE_TOO_LARGE" | "ERR_DATAGRAM_TOO_LARGE";

/** A message that `encode` refused; a programming error in the caller, not a peer's. */
export class WireEncodeError extends PlexusError<WireEncodeErrorCode> {
  constructor(code: WireEncodeErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "WireEncodeError";
  }
}
