import { concatBytes } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { Packr } from "msgpackr";
import { createCodec, MAX_DATAGRAM_BYTES, MAX_SIGNED_DATA_BYTES, type WireDecodeErrorCode } from "@plexus/wire";
import { MAX_MESSAGE_DATA_BYTES, RealtimeMessageType as MessageType, realtimeMessages, type RealtimeMessage } from "../src/index.js";

/** A plain msgpackr for hand-made datagrams, with the codec's options. */
const msgpack = new Packr({ useRecords: false, mapsAsObjects: false, int64AsType: "number" });
const idOf = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);

/** Realtime messages (topics, direct messages): sizes, encode refusals, hostile datagrams. */

const { decode, encode, isRequest, tryDecode } = createCodec({ messages: realtimeMessages });

const rid = 0xffff_ffff;
const sender = idOf(0xee);
const id16 = new Uint8Array(16).fill(9);
const maxData = new Uint8Array(MAX_MESSAGE_DATA_BYTES).fill(0xff);
const p = (value: unknown): Uint8Array => msgpack.pack(value);
const arr = (...items: Uint8Array[]): Uint8Array => concatBytes(new Uint8Array([0x90 + items.length]), ...items);
const env = (type: number, ...fields: Uint8Array[]): Uint8Array => arr(p(1), p(type), p(7), p(sender), ...fields);

const largest: RealtimeMessage[] = [
  { type: "SUBSCRIBE", rid, sender, topic: idOf(1), ttlMs: 0xffff_ffff, rendezvous: Array.from({ length: 8 }, (_, i) => idOf(i)) },
  { type: "PUBLISH", rid, sender, topic: idOf(1), id: id16, origin: idOf(2), hops: 255, data: maxData },
  { type: "DELIVER", rid, sender, topic: idOf(1), id: id16, origin: idOf(2), data: maxData },
  { type: "DIRECT", rid, sender, id: id16, origin: idOf(2), data: maxData },
  { type: "REQUEST", rid, sender, id: id16, origin: idOf(2), data: maxData },
  { type: "REPLY", rid, sender, data: maxData },
];

describe("realtime messages", () => {
  it("the largest of each type fits one datagram and round-trips", () => {
    for (const m of largest) {
      const bytes = encode(m);
      expect(bytes.length).toBeLessThanOrEqual(MAX_DATAGRAM_BYTES);
      expect(decode(bytes)).toEqual(m);
    }
    // PUBLISH is the largest: 1157 bytes, leaving 75 for extensions.
    expect(encode(largest[1]!).length).toBe(1157);
  });

  it("the largest signed message fits one datagram: PUBLISH with 960 bytes and the longest signature, 1205 bytes", () => {
    const auth = { publicKey: idOf(3), seq: Number.MAX_SAFE_INTEGER, signature: new Uint8Array(64).fill(4) };
    const data = new Uint8Array(MAX_SIGNED_DATA_BYTES).fill(0xff);
    const publish: RealtimeMessage = { type: "PUBLISH", rid, sender, topic: idOf(1), id: id16, origin: idOf(2), hops: 255, data, auth };
    const bytes = encode(publish);
    expect(decode(bytes)).toEqual(publish);
    expect(bytes.length).toBe(1205);
    // The signature extension: map (1) + key 7 (1) + array (1) + key (34) + uint 64 seq (9) + signature (66).
    expect(bytes.length - encode({ ...publish, auth: undefined } as unknown as RealtimeMessage).length).toBe(112);
    expect(bytes.length).toBeLessThanOrEqual(MAX_DATAGRAM_BYTES);
  });

  it("classifies requests and replies", () => {
    for (const type of ["SUBSCRIBE", "PUBLISH", "DELIVER", "DIRECT", "REQUEST"] as const) {
      expect(isRequest({ type } as RealtimeMessage)).toBe(true);
    }
    for (const type of ["SUBSCRIBED", "PUBLISHED", "REPLY"] as const) expect(isRequest({ type } as RealtimeMessage)).toBe(false);
  });

  const refusals: Array<[string, RealtimeMessage, string]> = [
    ["data over 1024", { type: "DIRECT", rid: 1, sender, id: id16, origin: sender, data: new Uint8Array(1025) }, "ERR_VALUE_TOO_LARGE"],
    ["reply over 1024", { type: "REPLY", rid: 1, sender, data: new Uint8Array(1025) }, "ERR_VALUE_TOO_LARGE"],
    ["publish id of 32 bytes", { type: "PUBLISH", rid: 1, sender, topic: sender, id: sender, origin: sender, hops: 0, data: maxData }, "ERR_INVALID_ARGUMENT"],
    ["hops 256", { type: "PUBLISH", rid: 1, sender, topic: sender, id: id16, origin: sender, hops: 256, data: maxData }, "ERR_INVALID_ARGUMENT"],
    ["topic of 31 bytes", { type: "DELIVER", rid: 1, sender, topic: new Uint8Array(31), id: id16, origin: sender, data: maxData }, "ERR_INVALID_ARGUMENT"],
    ["ttl over uint32", { type: "SUBSCRIBE", rid: 1, sender, topic: sender, ttlMs: 2 ** 32, rendezvous: [] }, "ERR_INVALID_ARGUMENT"],
    ["nine rendezvous", { type: "SUBSCRIBE", rid: 1, sender, topic: sender, ttlMs: 1, rendezvous: Array.from({ length: 9 }, () => sender) }, "ERR_INVALID_ARGUMENT"],
    ["negative subscriber count", { type: "PUBLISHED", rid: 1, sender, subscribers: -1 }, "ERR_INVALID_ARGUMENT"],
  ];
  for (const [name, message, code] of refusals) {
    it(`encode refuses ${name} with ${code}`, () => {
      expect(() => encode(message)).toThrow(expect.objectContaining({ code }) as Error);
    });
  }

  const ok = { topic: p(idOf(1)), id: p(id16), origin: p(idOf(2)), data: p(new Uint8Array(2)) };
  const hostile: Array<[string, Uint8Array, WireDecodeErrorCode]> = [
    ["SUBSCRIBE ttl negative", env(MessageType.SUBSCRIBE, ok.topic, p(-1), p([])), "ERR_WIRE_BAD_FIELD"],
    ["SUBSCRIBE ttl float", env(MessageType.SUBSCRIBE, ok.topic, p(1.5), p([])), "ERR_WIRE_BAD_FIELD"],
    ["SUBSCRIBE rendezvous not an array", env(MessageType.SUBSCRIBE, ok.topic, p(1), p(idOf(3))), "ERR_WIRE_BAD_FIELD"],
    ["SUBSCRIBE nine rendezvous", env(MessageType.SUBSCRIBE, ok.topic, p(1), p(Array.from({ length: 9 }, () => idOf(3)))), "ERR_WIRE_BAD_FIELD"],
    ["SUBSCRIBE rendezvous id of 31 bytes", env(MessageType.SUBSCRIBE, ok.topic, p(1), p([new Uint8Array(31)])), "ERR_WIRE_BAD_FIELD"],
    ["SUBSCRIBE missing a field", env(MessageType.SUBSCRIBE, ok.topic, p(1)), "ERR_WIRE_BAD_ENVELOPE"],
    ["PUBLISH data 1025 bytes", env(MessageType.PUBLISH, ok.topic, ok.id, ok.origin, p(0), p(new Uint8Array(1025))), "ERR_WIRE_BAD_FIELD"],
    ["REPLY data 1030 bytes", env(MessageType.REPLY, p(new Uint8Array(1030))), "ERR_WIRE_BAD_FIELD"],
    ["PUBLISH hops 256", env(MessageType.PUBLISH, ok.topic, ok.id, ok.origin, p(256), ok.data), "ERR_WIRE_BAD_FIELD"],
    ["PUBLISH data as str", env(MessageType.PUBLISH, ok.topic, ok.id, ok.origin, p(0), p("hi")), "ERR_WIRE_BAD_FIELD"],
    ["DELIVER id of 15 bytes", env(MessageType.DELIVER, ok.topic, p(new Uint8Array(15)), ok.origin, ok.data), "ERR_WIRE_BAD_FIELD"],
    ["DIRECT origin nil", env(MessageType.DIRECT, ok.id, p(null), ok.data), "ERR_WIRE_BAD_FIELD"],
    ["REQUEST with an extra non-map element", env(MessageType.REQUEST, ok.id, ok.origin, ok.data, p(1)), "ERR_WIRE_BAD_ENVELOPE"],
    ["PUBLISHED count over uint32", env(MessageType.PUBLISHED, p(2 ** 32)), "ERR_WIRE_BAD_FIELD"],
    ["reserved code 0x10", env(0x10), "ERR_WIRE_UNKNOWN_TYPE"],
    ["reserved code 0x12", env(0x12, ok.data), "ERR_WIRE_UNKNOWN_TYPE"],
  ];
  for (const [name, bytes, code] of hostile) {
    it(`decode refuses ${name} with ${code}`, () => {
      expect(tryDecode(bytes)).toMatchObject({ ok: false, error: { code } });
    });
  }

  it("keeps the header of a bad realtime request, so the node can answer BAD_REQUEST", () => {
    const result = tryDecode(env(MessageType.DIRECT, ok.id, ok.origin, p(7)));
    expect(result).toMatchObject({ ok: false, error: { code: "ERR_WIRE_BAD_FIELD", header: { typeCode: MessageType.DIRECT, rid: 7 } } });
  });
});
