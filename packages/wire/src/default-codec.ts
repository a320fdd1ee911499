import { createCodec, type Codec, type DecodeResult } from "./codec/create-codec.js";
import { KademliaMessageType } from "./kademlia/message-type.js";
import type { KademliaMessage, KademliaRequestMessage, KademliaResponseMessage } from "./kademlia/messages.js";
import { realtimeMessages } from "./realtime/realtime-messages.js";
import { RealtimeMessageType } from "./realtime/message-type.js";
import type { RealtimeMessage, RealtimeRequestMessage, RealtimeResponseMessage } from "./realtime/messages.js";

/**
 * TRANSITION: the module-level codec and the message unions of the time before
 * `createCodec`, kept until every caller holds a codec of its own. Each export here is
 * deprecated; nothing in wire uses them.
 */

const { ERROR, ...requestReplyTypes } = KademliaMessageType;

/**
 * Wire code of every built-in type, the realtime ones included.
 * @deprecated use `KademliaMessageType`, `RealtimeMessageType` or `codec.spec(type).code`.
 */
export const MessageType = { ...requestReplyTypes, ...RealtimeMessageType, ERROR } as const;
/**
 * A built-in type name, the realtime ones included.
 * @deprecated use `codec.types`, or the `type` of a message union.
 */
export type MessageTypeName = keyof typeof MessageType;

/**
 * Every built-in message, the realtime ones included.
 * @deprecated use `KademliaMessage`, `RealtimeMessage` or the message type of a codec.
 */
export type Message = KademliaMessage | RealtimeMessage;
/**
 * The built-in messages that expect a reply.
 * @deprecated use `KademliaRequestMessage` or `RealtimeRequestMessage`.
 */
export type RequestMessage = KademliaRequestMessage | RealtimeRequestMessage;
/**
 * The built-in messages that answer a request.
 * @deprecated use `KademliaResponseMessage` or `RealtimeResponseMessage`.
 */
export type ResponseMessage = KademliaResponseMessage | RealtimeResponseMessage;

/** The one module-level codec, built on first use. Bound: one codec per process. */
let shared: Codec<Message> | undefined;

function codec(): Codec<Message> {
  shared ??= createCodec({ messages: realtimeMessages });
  return shared;
}

/**
 * `createCodec({ messages: realtimeMessages }).encode`, on one codec for the whole process.
 * @deprecated use createCodec().
 * @throws WireEncodeError as `Codec.encode`.
 */
export function encode(message: Message): Uint8Array {
  return codec().encode(message);
}

/**
 * `createCodec({ messages: realtimeMessages }).decode`, on one codec for the whole process.
 * @deprecated use createCodec().
 * @throws WireDecodeError and nothing else, as `Codec.decode`.
 */
export function decode(bytes: Uint8Array): Message {
  return codec().decode(bytes);
}

/**
 * `createCodec({ messages: realtimeMessages }).tryDecode`: never throws.
 * @deprecated use createCodec().
 */
export function tryDecode(bytes: Uint8Array): DecodeResult<Message> {
  return codec().tryDecode(bytes);
}

/**
 * True for the request types (odd codes): messages that expect a reply.
 * @deprecated use createCodec() and `codec.isRequest`.
 */
export function isRequest(m: Message): m is RequestMessage {
  return codec().isRequest(m);
}

/**
 * True for the response types (even codes and ERROR): messages that answer a request by `rid`.
 * @deprecated use createCodec() and `codec.isResponse`.
 */
export function isResponse(m: Message): m is ResponseMessage {
  return codec().isResponse(m);
}
