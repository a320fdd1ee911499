import fc from "fast-check";
import { toHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import {
  decode, encode, isRequest, isResponse, KademliaMessageType, MessageType, RealtimeMessageType, tryDecode,
  type Message, type RequestMessage,
} from "../src/index.js";
import { anyMessage } from "./arbitraries.js";
import { codec, idOf } from "./fixtures.js";

/**
 * The deprecated module-level functions, kept while callers move to createCodec(): the same
 * bytes, messages and classification as a codec of the Kademlia and realtime types.
 */
describe("module-level codec (deprecated)", () => {
  it("encodes, decodes and classifies as createCodec({ messages: realtimeMessages })", () => {
    fc.assert(
      fc.property(anyMessage, (m) => {
        const bytes = encode(m);
        expect(toHex(bytes)).toBe(toHex(codec.encode(m)));
        expect(decode(bytes)).toEqual(m);
        expect(tryDecode(bytes)).toEqual({ ok: true, message: m });
        expect([isRequest(m), isResponse(m)]).toEqual([codec.isRequest(m), codec.isResponse(m)]);
      }),
      { numRuns: 300, seed: 0xde9 },
    );
  }, 30_000);

  it("keeps MessageType: every built-in code, in the old order", () => {
    expect(MessageType).toEqual({ ...KademliaMessageType, ...RealtimeMessageType });
    expect(Object.keys(MessageType).at(-1)).toBe("ERROR");
    expect(Object.keys(MessageType).sort()).toEqual([...codec.types].sort());
  });

  it("narrows with isRequest", () => {
    const m: Message = { type: "FIND_NODE", rid: 1, sender: idOf(1), target: idOf(2) };
    const request: RequestMessage | undefined = isRequest(m) ? m : undefined;
    expect(request).toBe(m);
    expect(tryDecode(new Uint8Array(0))).toMatchObject({ ok: false, error: { code: "ERR_WIRE_EMPTY" } });
  });
});
