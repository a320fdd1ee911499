import { PlexusError } from "@plexus/core";
import type { MessageSpec } from "./message-spec.js";

/** Highest code a registered type may take; 0x7f is ERROR's. */
const MAX_EXTRA_CODE = 0x7e;

/** The message types one codec knows, by name and by wire code. */
export interface Registry {
  /** Bound: at most 127 specs (one per code). */
  readonly byType: ReadonlyMap<string, MessageSpec>;
  /** Spec by wire code (0x01..0x7f). Bound: as `byType`. */
  readonly byCode: ReadonlyMap<number, MessageSpec>;
  /** Every type name, built-in ones first, then in registration order. */
  readonly types: readonly string[];
}

function invalid(message: string): never {
  throw new PlexusError("ERR_INVALID_ARGUMENT", message);
}

/** Checks the shape of a spec given by a caller (the built-in ones are trusted). */
function checkSpec(spec: MessageSpec): void {
  if (typeof spec !== "object" || spec === null) invalid("a message spec must be an object");
  const { type, code, kind, fieldCount } = spec;
  if (typeof type !== "string" || type === "") invalid("a message spec needs a non-empty type name");
  if (!Number.isInteger(code) || code < 1 || code > MAX_EXTRA_CODE) {
    invalid(`${type}: the code must be an integer in 0x01..0x7e (0x7f is ERROR), not ${String(code)}`);
  }
  if (kind !== "request" && kind !== "response") invalid(`${type}: kind must be "request" or "response"`);
  if ((code % 2 === 1) !== (kind === "request")) {
    invalid(`${type}: requests have odd codes and responses even ones (code 0x${code.toString(16)} is ${kind})`);
  }
  if (!Number.isInteger(fieldCount) || fieldCount < 0) invalid(`${type}: fieldCount must be a non-negative integer`);
  if (typeof spec.encodeFields !== "function" || typeof spec.decodeFields !== "function") {
    invalid(`${type}: a message spec needs encodeFields and decodeFields`);
  }
}

/**
 * The registry of `builtIn` plus `extra` specs.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for an extra spec with a malformed shape, a
 *   code outside 0x01..0x7e or of the wrong parity for its kind, or a type name or code
 *   that is already taken.
 */
export function createRegistry(builtIn: readonly MessageSpec[], extra: readonly MessageSpec[]): Registry {
  if (!Array.isArray(extra)) invalid("messages must be an array of message specs");
  const byType = new Map<string, MessageSpec>();
  const byCode = new Map<number, MessageSpec>();
  for (const spec of builtIn) {
    byType.set(spec.type, spec);
    byCode.set(spec.code, spec);
  }
  for (const spec of extra) {
    checkSpec(spec);
    if (byType.has(spec.type)) invalid(`message type ${spec.type} is registered twice`);
    const taken = byCode.get(spec.code);
    if (taken !== undefined) invalid(`${spec.type}: code 0x${spec.code.toString(16)} is taken by ${taken.type}`);
    byType.set(spec.type, spec);
    byCode.set(spec.code, spec);
  }
  return { byType, byCode, types: [...byType.keys()] };
}
