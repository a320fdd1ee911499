import { bytesToIp, ipToBytes } from "@plexus/core";
import type { Address } from "@plexus/core";
import type { ExtensionMap } from "../codec/message-spec.js";
import { WireEncodeError } from "../errors.js";
import { extensionBytes, isBin } from "../fields/extension-fields.js";
import { isUint } from "../fields/incoming-fields.js";
import { outUint } from "../fields/outgoing-fields.js";
import { DIAL_NONCE_BYTES, ExtensionKey } from "./extensions.js";
import type { DialTarget } from "./messages.js";

/**
 * The reachability extensions of requests (docs/protocol.md 10.8 and 10.10): the client flag
 * (key 10 on PING, FIND_NODE, FIND_VALUE) and the dial-back keys of PING (16, 17, 18).
 */

function refuse(field: string, rule: string): never {
  throw new WireEncodeError("ERR_INVALID_ARGUMENT", `${field} ${rule}`);
}

/** Adds key 10 to `ext` when `client` is set (it must be `true`). */
export function outClient(ext: Map<number, unknown>, client: unknown): void {
  if (client === undefined) return;
  if (client !== true) refuse("client", "must be true or absent");
  ext.set(ExtensionKey.CLIENT, true);
}

/** `{ client: true }` when key 10 is `true`, else `{}`. */
export function readClient(ext: ExtensionMap | undefined): { client?: true } {
  return ext?.get(ExtensionKey.CLIENT) === true ? { client: true } : {};
}

/** Adds the flags of a request: key 10 (`client`) and key 19 (`alt`), when set. */
export function outRequestFlags(ext: Map<number, unknown>, m: { client?: unknown; alt?: Address }): void {
  outClient(ext, m.client);
  if (m.alt !== undefined) ext.set(ExtensionKey.ALT_ADDRESS, [outIp(m.alt.host, "alt.host"), outUint(m.alt.port, 0xffff, "alt.port")]);
}

/** The flags of a request: `client` (key 10) and `alt` (key 19); ill-typed ones are absent. */
export function readRequestFlags(ext: ExtensionMap | undefined): { client?: true; alt?: Address } {
  if (ext === undefined) return {};
  const value = ext.get(ExtensionKey.ALT_ADDRESS);
  let alt: Address | undefined;
  if (Array.isArray(value) && value.length === 2) {
    const [ip, port] = value as unknown[];
    if ((isBin(ip, 4) || isBin(ip, 16)) && isUint(port, 0xffff) && port !== 0) alt = { host: bytesToIp(ip), port };
  }
  return { ...readClient(ext), ...(alt ? { alt } : {}) };
}

/** An IP literal as 4 or 16 bytes, refused otherwise. */
function outIp(host: string, field: string): Uint8Array {
  try {
    return ipToBytes(host);
  } catch {
    return refuse(field, "must be an IP literal");
  }
}

/** An 8-byte nonce, refused otherwise. */
function outNonce(nonce: unknown, field: string): Uint8Array {
  if (!isBin(nonce, DIAL_NONCE_BYTES)) refuse(field, `must be ${DIAL_NONCE_BYTES} bytes`);
  return nonce;
}

/** The dial-back fields of a PING (keys 16, 17, 18) into `ext`. */
export function outDialFields(ext: Map<number, unknown>, m: { dialBack?: unknown; dialTo?: DialTarget; dialNonce?: unknown }): void {
  if (m.dialBack !== undefined) ext.set(ExtensionKey.DIAL_BACK, outNonce(m.dialBack, "dialBack"));
  if (m.dialTo !== undefined) {
    const { host, port, nonce } = m.dialTo;
    ext.set(ExtensionKey.DIAL_TO, [outIp(host, "dialTo.host"), outUint(port, 0xffff, "dialTo.port"), outNonce(nonce, "dialTo.nonce")]);
  }
  if (m.dialNonce !== undefined) ext.set(ExtensionKey.DIAL_NONCE, outNonce(m.dialNonce, "dialNonce"));
}

/** The dial-back fields of a PING's extension map, each copied; ill-typed ones are absent. */
export function readDialFields(ext: ExtensionMap): { dialBack?: Uint8Array; dialTo?: DialTarget; dialNonce?: Uint8Array } {
  const dialBack = extensionBytes(ext, ExtensionKey.DIAL_BACK, DIAL_NONCE_BYTES);
  const dialNonce = extensionBytes(ext, ExtensionKey.DIAL_NONCE, DIAL_NONCE_BYTES);
  const dialTo = readDialTo(ext.get(ExtensionKey.DIAL_TO));
  return { ...(dialBack ? { dialBack } : {}), ...(dialTo ? { dialTo } : {}), ...(dialNonce ? { dialNonce } : {}) };
}

function readDialTo(value: unknown): DialTarget | undefined {
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [ip, port, nonce] = value as unknown[];
  if (!(isBin(ip, 4) || isBin(ip, 16)) || !isUint(port, 0xffff) || !isBin(nonce, DIAL_NONCE_BYTES)) return undefined;
  const address: Address = { host: bytesToIp(ip), port };
  return { ...address, nonce: nonce.slice() };
}
