import { toHex } from "@plexus/core";
import type { Contact } from "@plexus/core";

/**
 * A peer as the `Node`'s events carry it: a plain frozen object whose id is hex, the form
 * of every id in the seed-style API (the original library's; `broadcast` origins, `message`
 * senders). The promise API (`findNode`, `put`, `subscribe`, `onRequest`) uses 32-byte
 * `Uint8Array`s, as the engine does.
 */
export interface HexContact {
  /** The node id, 64 lowercase hex characters. */
  readonly id: string;
  readonly host: string;
  readonly port: number;
}

/** `contact` as a frozen {@link HexContact}. */
export function hexContact(contact: Contact): HexContact {
  return Object.freeze({ id: toHex(contact.id), host: contact.host, port: contact.port });
}
