import { PlexusError, addressKey, toHex } from "@plexus/core";
import type { Address, Log } from "@plexus/core";
import { OriginGuard, OriginKind } from "@plexus/node";
import type { OriginFields, OriginKindCode, ProtocolHost } from "@plexus/node";
import { MAX_SIGNED_DATA_BYTES } from "@plexus/wire";
import type { OriginAuth } from "@plexus/wire";
import { MAX_MESSAGE_DATA_BYTES } from "./messages/index.js";
import type { RealtimeCounters } from "./stats.js";

/**
 * Origin authentication of the realtime messages (docs/protocol.md 10.7): the sending side
 * signs PUBLISH, DIRECT and REQUEST with the node's identity (a DELIVER carries the
 * publisher's signature unchanged); the receiving side checks them with an
 * {@link OriginGuard} and counts what it drops.
 */

/**
 * Checks an outgoing payload and the node's ability to sign it.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for a non-Uint8Array, `ERR_VALUE_TOO_LARGE` over
 *   MAX_SIGNED_DATA_BYTES (MAX_MESSAGE_DATA_BYTES unsigned), `ERR_NO_IDENTITY` when origins
 *   are verified and the node has no identity.
 */
export function checkOutgoing(host: ProtocolHost, data: Uint8Array): void {
  if (!(data instanceof Uint8Array)) throw new PlexusError("ERR_INVALID_ARGUMENT", "data must be a Uint8Array");
  const max = host.canSign ? MAX_SIGNED_DATA_BYTES : MAX_MESSAGE_DATA_BYTES;
  if (data.length > max) throw new PlexusError("ERR_VALUE_TOO_LARGE", `data has ${data.length} bytes, more than ${max}`);
  if (!host.canSign && host.verifyOrigins) {
    throw new PlexusError("ERR_NO_IDENTITY", "realtime messages are signed by their origin: give the node an identity");
  }
}

/** `body` with this node's origin signature for `kind`, when it has an identity. */
export function signed<B extends object>(host: ProtocolHost, kind: OriginKindCode, fields: OriginFields, body: B): B & { auth?: OriginAuth } {
  const auth = host.signOrigin(kind, fields);
  return auth === undefined ? body : { ...body, auth };
}

/** A guard without rate limits (DELIVER, DIRECT, REQUEST: signatures and replays only). */
export function verifyingGuard(host: ProtocolHost): OriginGuard {
  return new OriginGuard(host.clock, { verify: host.verifyOrigins, perOriginPerSecond: Infinity, perSubnetPerSecond: Infinity });
}

/** The log namespace of the realtime layer. */
export const REALTIME_LOG = "plexus:realtime";

/** Names of the origin kinds, for logs. */
const KIND_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(OriginKind).map(([name, code]) => [code, name]));

/**
 * Runs `guard` on an arriving message; true when it may be delivered, else the refusal is
 * counted in `counters` (and logged to `log`).
 */
export function admit(guard: OriginGuard, counters: RealtimeCounters, kind: OriginKindCode, fields: OriginFields,
  auth: OriginAuth | undefined, from: Address, log: Log): boolean {
  const verdict = guard.check(kind, fields, auth, from);
  if (verdict !== "ok" && log.enabled) {
    log.debug("message refused", { kind: KIND_NAMES[kind] ?? kind, reason: verdict, origin: toHex(fields.origin), from: addressKey(from) });
  }
  switch (verdict) {
    case "ok": return true;
    case "unsigned": counters.originsUnsigned++; break;
    case "forged": counters.originsForged++; break;
    case "replayed": counters.originsReplayed++; break;
    case "limited": counters.publishesLimited++; break;
  }
  return false;
}
