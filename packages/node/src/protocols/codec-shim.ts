// TEMPORARY until @plexus/wire exports createCodec (in progress): the module-level codec.
import { MessageType, encode, isResponse, tryDecode } from "@plexus/wire";
import type { DecodeResult, Message } from "@plexus/wire";

export interface MessageSpec { readonly type: string; readonly kind: "request" | "response" }
export interface Codec {
  readonly types: readonly string[];
  encode(message: { readonly type: string }): Uint8Array;
  tryDecode(bytes: Uint8Array): DecodeResult;
  isResponse(message: { readonly type: string }): boolean;
}
export function createCodec(_options?: { messages?: readonly MessageSpec[] }): Codec {
  return {
    types: Object.keys(MessageType),
    encode: (m) => encode(m as Message),
    tryDecode,
    isResponse: (m) => isResponse(m as Message),
  };
}
const REQ = ["SUBSCRIBE", "PUBLISH", "DELIVER", "DIRECT", "REQUEST"];
export const realtimeMessages: readonly MessageSpec[] = [...REQ.map((type) => ({ type, kind: "request" as const })),
  ...["SUBSCRIBED", "PUBLISHED", "REPLY"].map((type) => ({ type, kind: "response" as const }))];
