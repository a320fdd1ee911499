/**
 * Wire's public API, without the realtime messages and the deprecated module-level codec:
 * what another package uses to define message types. The realtime folder imports only
 * this module (it stands for `@plexus/wire` there), so that it can move out of wire as is.
 */
export * from "./constants.js";
export * from "./errors.js";
export { createCodec, type Codec, type CodecOptions, type DecodeResult, type MessageOf } from "./codec/create-codec.js";
export { IdInterner } from "./codec/id-interner.js";
export type { ExtensionMap, MessageHeader, MessageKind, MessageSpec, WireMessage } from "./codec/message-spec.js";
export { outBytes, outIdList, outPayload, outSafeUint, outText, outUint } from "./fields/outgoing-fields.js";
export { inBytes, inIdList, inPayload, inSafeUint, inText, inUint, rejectField } from "./fields/incoming-fields.js";
export { inContacts, outContacts } from "./fields/contact-fields.js";
export { extensionBytes, isBin, isSafeUint } from "./fields/extension-fields.js";
export { KademliaMessageType } from "./kademlia/message-type.js";
export type * from "./kademlia/messages.js";
export { ProtocolErrorCode } from "./kademlia/protocol-error-code.js";
export {
  ExtensionKey, RecordKind, NONCE_BYTES, DIAL_NONCE_BYTES, PUBLIC_KEY_BYTES, SIGNATURE_BYTES, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES,
  type RecordKindCode,
} from "./kademlia/extensions.js";
export { MAX_SIGNED_DATA_BYTES, readOriginAuth, originAuthExtensions, withOriginAuth, type OriginAuth } from "./kademlia/origin-auth.js";
