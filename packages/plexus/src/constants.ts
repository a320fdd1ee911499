/** Defaults of the facade; units in the names. */

/** Host a {@link Node} binds when none is given: loopback, so nothing is exposed by accident. */
export const DEFAULT_HOST = "127.0.0.1";
/** Port a {@link Node} binds when none is given (the original library's default). */
export const DEFAULT_PORT = 8080;
/** How often a node with `dataDir` saves its routing table (also after each join and on close). */
export const TABLE_SAVE_INTERVAL_MS = 60_000;
/** Bytes of a key or node id. */
export const KEY_BYTES = 32;

/**
 * First byte of an encoded value: how to turn the rest back into what was stored.
 * - `BYTES`: the rest is the value itself, returned as a `Uint8Array`;
 * - `STRING`: the rest is UTF-8 text, returned as a `string`;
 * - `MSGPACK`: the rest is one MessagePack value (objects, arrays, numbers, ...).
 */
export const ValueKind = {
  BYTES: 0x00,
  STRING: 0x01,
  MSGPACK: 0x02,
} as const;
/** One of the {@link ValueKind} bytes. */
export type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];
