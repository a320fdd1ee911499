import { bytesToIp, ID_BYTES, ipToBytes, type Contact } from "@plexus/core";
import { WireEncodeError, type WireHeader } from "../errors.js";
import { inBytes, inUint, isUint, rejectField } from "./incoming-fields.js";
import { outBytes, outUint } from "./outgoing-fields.js";

/**
 * Contact lists (docs/protocol.md, section 3 "Contact"): each contact is `[id, ip, port]`
 * on the wire, optionally followed by an extension map that v1 ignores; `ip` is 4 or 16
 * bytes in network order, and the message holds it as text (dotted quad or RFC 5952).
 */

// Field names such as `contacts[3].id` are built only on the error path.

function outContact(c: unknown, field: string, i: number): unknown[] {
  if (typeof c !== "object" || c === null) {
    throw new WireEncodeError("ERR_INVALID_ARGUMENT", `${field}[${i}] must be a contact { id, host, port }`);
  }
  const { id, host, port } = c as Partial<Contact>;
  let ip: Uint8Array;
  try {
    if (typeof host !== "string") throw new TypeError("host must be a string");
    ip = ipToBytes(host);
  } catch (cause) {
    throw new WireEncodeError("ERR_INVALID_ARGUMENT", `${field}[${i}].host is not an IP literal`, { cause });
  }
  if (!(id instanceof Uint8Array) || id.length !== ID_BYTES) outBytes(id, ID_BYTES, `${field}[${i}].id`);
  if (!isUint(port, 0xffff)) outUint(port, 0xffff, `${field}[${i}].port`);
  return [id, ip, port];
}

/**
 * A list of at most `maxCount` contacts, as wire arrays `[id, ip, port]`.
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for a non-array, too many contacts, an id
 *   not 32 bytes, a host that is not an IP literal or a port above 65535.
 */
export function outContacts(value: unknown, maxCount: number, field: string): unknown[][] {
  if (!Array.isArray(value)) throw new WireEncodeError("ERR_INVALID_ARGUMENT", `${field} must be an array`);
  if (value.length > maxCount) throw new WireEncodeError("ERR_INVALID_ARGUMENT", `${field} has more than ${maxCount} contacts`);
  const out = new Array<unknown[]>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = outContact(value[i], field, i);
  return out;
}

function inContact(v: unknown, field: string, i: number, h: WireHeader): Contact {
  if (!Array.isArray(v) || (v.length !== 3 && !(v.length === 4 && v[3] instanceof Map))) {
    rejectField(`${field}[${i}]`, "must be an array [id, ip, port]", h);
  }
  const rawId: unknown = v[0];
  const id = rawId instanceof Uint8Array && rawId.length === ID_BYTES ? rawId.slice() : inBytes(rawId, ID_BYTES, `${field}[${i}].id`, h);
  const ip: unknown = v[1];
  if (!(ip instanceof Uint8Array) || (ip.length !== 4 && ip.length !== 16)) {
    rejectField(`${field}[${i}].ip`, "must be a 4- or 16-byte bin", h);
  }
  const port: unknown = v[2];
  return { id, host: bytesToIp(ip), port: isUint(port, 0xffff) ? port : inUint(port, 0xffff, `${field}[${i}].port`, h) };
}

/**
 * An array of at most `maxCount` contacts, each with a copied id and its address as text.
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` otherwise.
 */
export function inContacts(v: unknown, maxCount: number, field: string, header: WireHeader): Contact[] {
  if (!Array.isArray(v) || v.length > maxCount) rejectField(field, `must be an array of at most ${maxCount}`, header);
  const out = new Array<Contact>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = inContact(v[i], field, i, header);
  return out;
}
