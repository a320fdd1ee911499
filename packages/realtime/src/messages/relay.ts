import { ID_BYTES, bytesToIp, ipToBytes } from "@plexus/core";
import type { Address } from "@plexus/core";
import {
  inBytes, inPayload, inUint, isBin, originAuthExtensions, outBytes, outPayload, outUint, rejectField, withOriginAuth,
  type MessageSpec, type WireHeader,
} from "@plexus/wire";
import { MAX_MESSAGE_DATA_BYTES, MAX_RESERVE_FLAGS, MAX_RESERVE_TTL_MS, MESSAGE_ID_BYTES } from "./constants.js";
import { RealtimeMessageType } from "./message-type.js";
import type { ConnectedMessage, ConnectMessage, PunchMessage, RelayMessage, ReservedMessage, ReserveMessage } from "./relay-types.js";

/**
 * RESERVE `[1, 0x15, rid, sender, id, ttl_ms, flags]` (+ key 7), RESERVED `[1, 0x16, rid,
 * sender, ttl_ms]`, CONNECT `[1, 0x17, rid, sender, target]`, CONNECTED `[1, 0x18, rid,
 * sender, ip, port, flags]`, PUNCH `[1, 0x19, rid, sender, peer, ip, port]`, RELAY `[1, 0x1b,
 * rid, sender, target, kind, id, origin, data]` (+ key 7) (docs/protocol.md, section 13).
 */

const outIp = (address: Address): Uint8Array => {
  try {
    return ipToBytes(address.host);
  } catch {
    return outBytes(undefined, 4, "ip");
  }
};
const inIp = (v: unknown, h: WireHeader): string => (isBin(v, 4) || isBin(v, 16) ? bytesToIp(v) : rejectField("ip", "must be a 4- or 16-byte bin", h));
const inAddress = (ip: unknown, port: unknown, h: WireHeader): Address => ({ host: inIp(ip, h), port: inUint(port, 0xffff, "port", h) });

export const reserveSpec: MessageSpec<ReserveMessage> = {
  type: "RESERVE",
  code: RealtimeMessageType.RESERVE,
  kind: "request",
  fieldCount: 3,
  encodeFields: (m) => [outBytes(m.id, MESSAGE_ID_BYTES, "id"), outUint(m.ttlMs, MAX_RESERVE_TTL_MS, "ttlMs"), outUint(m.flags, MAX_RESERVE_FLAGS, "flags")],
  encodeExtensions: (m) => originAuthExtensions(m.auth),
  decodeFields: (f, h, ext) => withOriginAuth({
    type: "RESERVE" as const, rid: h.rid, sender: h.sender, id: inBytes(f[0], MESSAGE_ID_BYTES, "id", h),
    ttlMs: inUint(f[1], MAX_RESERVE_TTL_MS, "ttlMs", h), flags: inUint(f[2], MAX_RESERVE_FLAGS, "flags", h),
  }, ext),
};

export const reservedSpec: MessageSpec<ReservedMessage> = {
  type: "RESERVED",
  code: RealtimeMessageType.RESERVED,
  kind: "response",
  fieldCount: 1,
  encodeFields: (m) => [outUint(m.ttlMs, MAX_RESERVE_TTL_MS, "ttlMs")],
  decodeFields: (f, h) => ({ type: "RESERVED", rid: h.rid, sender: h.sender, ttlMs: inUint(f[0], MAX_RESERVE_TTL_MS, "ttlMs", h) }),
};

export const connectSpec: MessageSpec<ConnectMessage> = {
  type: "CONNECT",
  code: RealtimeMessageType.CONNECT,
  kind: "request",
  fieldCount: 1,
  encodeFields: (m) => [outBytes(m.target, ID_BYTES, "target")],
  decodeFields: (f, h) => ({ type: "CONNECT", rid: h.rid, sender: h.sender, target: inBytes(f[0], ID_BYTES, "target", h) }),
};

export const connectedSpec: MessageSpec<ConnectedMessage> = {
  type: "CONNECTED",
  code: RealtimeMessageType.CONNECTED,
  kind: "response",
  fieldCount: 3,
  encodeFields: (m) => [outIp(m.address), outUint(m.address.port, 0xffff, "port"), outUint(m.flags, MAX_RESERVE_FLAGS, "flags")],
  decodeFields: (f, h) => ({
    type: "CONNECTED", rid: h.rid, sender: h.sender, address: inAddress(f[0], f[1], h), flags: inUint(f[2], MAX_RESERVE_FLAGS, "flags", h),
  }),
};

export const punchSpec: MessageSpec<PunchMessage> = {
  type: "PUNCH",
  code: RealtimeMessageType.PUNCH,
  kind: "request",
  fieldCount: 3,
  encodeFields: (m) => [outBytes(m.peer, ID_BYTES, "peer"), outIp(m.address), outUint(m.address.port, 0xffff, "port")],
  decodeFields: (f, h) => ({ type: "PUNCH", rid: h.rid, sender: h.sender, peer: inBytes(f[0], ID_BYTES, "peer", h), address: inAddress(f[1], f[2], h) }),
};

/** The wrapped types a RELAY may carry: DIRECT and REQUEST. */
const RELAYABLE = new Set<number>([RealtimeMessageType.DIRECT, RealtimeMessageType.REQUEST]);

export const relaySpec: MessageSpec<RelayMessage> = {
  type: "RELAY",
  code: RealtimeMessageType.RELAY,
  kind: "request",
  fieldCount: 5,
  encodeFields: (m) => [
    outBytes(m.target, ID_BYTES, "target"), RELAYABLE.has(m.kind) ? m.kind : outUint(-1, 0, "kind"),
    outBytes(m.id, MESSAGE_ID_BYTES, "id"), outBytes(m.origin, ID_BYTES, "origin"), outPayload(m.data, MAX_MESSAGE_DATA_BYTES, "data"),
  ],
  encodeExtensions: (m) => originAuthExtensions(m.auth),
  decodeFields(f, h, ext) {
    const target = inBytes(f[0], ID_BYTES, "target", h);
    const kind = inUint(f[1], 0xff, "kind", h);
    if (!RELAYABLE.has(kind)) rejectField("kind", "must be 0x11 (DIRECT) or 0x13 (REQUEST)", h);
    const id = inBytes(f[2], MESSAGE_ID_BYTES, "id", h);
    const origin = inBytes(f[3], ID_BYTES, "origin", h);
    return withOriginAuth({ type: "RELAY" as const, rid: h.rid, sender: h.sender, target, kind, id, origin, data: inPayload(f[4], MAX_MESSAGE_DATA_BYTES, "data", h) }, ext);
  },
};
