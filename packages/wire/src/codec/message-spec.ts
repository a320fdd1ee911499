import type { NodeId } from "@plexus/core";
import type { WireHeader } from "../errors.js";

/** Fields every message carries after its type (docs/protocol.md, section 3 "Envelope"). */
export interface MessageHeader {
  /**
   * Request id chosen by the requester (uint32); a reply echoes it. Correlation is by
   * request id and source address.
   */
  readonly rid: number;
  /** Node id of the sender (32 bytes). */
  readonly sender: NodeId;
}

/**
 * What every message is, whoever registered its type: a type name and the header. A codec
 * encodes any `WireMessage` whose type it knows and decodes into one.
 */
export interface WireMessage extends MessageHeader {
  readonly type: string;
}

/** A request expects a reply; a response answers a request by `rid` (docs/protocol.md, section 5). */
export type MessageKind = "request" | "response";

/**
 * The optional trailing extension map of a datagram, as msgpackr unpacked it
 * (docs/protocol.md, section 8). Keys are any MessagePack value (registered ones are
 * uints); bins inside are views of the datagram, so copy what you keep (`extensionBytes`).
 */
export type ExtensionMap = ReadonlyMap<unknown, unknown>;

/**
 * One message type: its name and wire code, and how its type-specific fields go to and
 * come from the envelope `[version, code, rid, sender, ...fields, extensions?]`. The codec
 * handles the envelope, the header and the size limits; a spec handles only its fields.
 * The Kademlia types are specs like any other (`kademliaMessages`); another package adds
 * its own through `createCodec({ messages })`.
 */
export interface MessageSpec<M extends WireMessage = WireMessage> {
  /** The type name (`message.type`), unique within a codec. */
  readonly type: M["type"];
  /**
   * The wire code, 0x01..0x7e (0x7f is ERROR), unique within a codec. Requests have odd
   * codes and replies even ones (docs/protocol.md, section 4).
   */
  readonly code: number;
  /** Whether the type is a request or a response. Must agree with the code's parity. */
  readonly kind: MessageKind;
  /** Number of type-specific fields, fixed per type (the envelope has `4 + fieldCount` elements). */
  readonly fieldCount: number;
  /**
   * The type-specific fields of `message`, validated, in wire order (exactly `fieldCount`).
   * A uint above 2^32 - 1 must be a bigint (`outSafeUint`): msgpackr packs such a number as
   * a float, which every receiver rejects.
   * @throws WireEncodeError `ERR_INVALID_ARGUMENT` or `ERR_VALUE_TOO_LARGE` for a bad field.
   */
  encodeFields(message: M): readonly unknown[];
  /**
   * The extension map of `message`, or `undefined` when it sets no extension field (an
   * empty map is not sent either). Insertion order is wire order.
   * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for an ill-typed extension field.
   */
  encodeExtensions?(message: M): ReadonlyMap<unknown, unknown> | undefined;
  /**
   * The typed message from its `fieldCount` fields (as msgpackr unpacked them), the header
   * the codec checked, and the extension map when the datagram has one. Byte fields must
   * be copied out (`inBytes` and the other `in*` validators do): bins are views of the
   * datagram, which the transport may reuse. Ill-typed extension values are ignored, never
   * a reason to reject (section 8).
   * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` (with `header`) for a bad field.
   */
  decodeFields(fields: readonly unknown[], header: WireHeader, extensions: ExtensionMap | undefined): M;
}
