/**
 * @plexus/wire: the Plexus message union and its codec. `encode` turns a message into one
 * datagram; `decode` / `tryDecode` turn hostile bytes into a validated message or a
 * `WireDecodeError` with a code. No sockets, routing or retries. The format is specified
 * in docs/protocol.md.
 * @packageDocumentation
 */
export * from "./constants.js";
export * from "./messages.js";
export * from "./realtime-constants.js";
export type * from "./realtime-messages.js";
export * from "./errors.js";
export { encode } from "./encode.js";
export { decode, tryDecode, type DecodeResult } from "./decode.js";
export { isRequest, isResponse } from "./message-kind.js";
export {
  ExtensionKey, RecordKind, NONCE_BYTES, PUBLIC_KEY_BYTES, SIGNATURE_BYTES, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES,
  type RecordKindCode,
} from "./extensions.js";
