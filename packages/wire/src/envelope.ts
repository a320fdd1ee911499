import { MessageType, type Message, type MessageTypeName } from "./messages.js";
import { REALTIME_FIELD_COUNT, REALTIME_REQUEST_TYPES } from "./realtime-codec.js";

/**
 * The envelope layout (docs/protocol.md, "Envelope"): each datagram is one MessagePack
 * array `[version, typeCode, rid, sender, ...fields, extensions?]`. Elements 0..3 are the
 * same for every type; the number of type-specific fields is fixed per type; an optional
 * trailing map carries extensions that v1 receivers ignore.
 */

/** Elements before the type-specific fields: version, type code, rid, sender. */
export const HEADER_ELEMENTS = 4;

/** Number of type-specific fields (after the header, before any extension map) per type. */
export const FIELD_COUNT: Readonly<Record<MessageTypeName, number>> = {
  PING: 0,
  PONG: 0,
  FIND_NODE: 1, // target
  NODES: 1, // contacts
  FIND_VALUE: 1, // key
  VALUE: 4, // key, value, ttlMs, publisher | nil
  STORE: 4, // key, value, ttlMs, publisher | nil
  STORED: 0,
  BROADCAST: 4, // id, origin, depth, data
  ACK: 0,
  ERROR: 2, // code, message
  ...REALTIME_FIELD_COUNT,
};

/** Type name by wire code; `undefined` for codes v1 does not know. 128 entries. */
export const TYPE_BY_CODE: ReadonlyArray<MessageTypeName | undefined> = (() => {
  const table = new Array<MessageTypeName | undefined>(128).fill(undefined);
  for (const [name, code] of Object.entries(MessageType)) table[code] = name as MessageTypeName;
  return table;
})();

const REQUEST_TYPES: ReadonlySet<string> = new Set(["PING", "FIND_NODE", "FIND_VALUE", "STORE", "BROADCAST",
  ...REALTIME_REQUEST_TYPES]);

/** The wire code of a type name, or `undefined` when `name` is not a v1 type. */
export function typeCodeOf(name: string): number | undefined {
  return Object.hasOwn(MessageType, name) ? MessageType[name as MessageTypeName] : undefined;
}

/** True when `type` names a request (a message that expects a reply). */
export function isRequestType(type: Message["type"]): boolean {
  return REQUEST_TYPES.has(type);
}
