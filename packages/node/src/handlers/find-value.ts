import type { Address, Clock, RecordStore } from "@plexus/core";
import type { FindValueMessage } from "@plexus/wire";
import type { StoreTokens } from "../records/store-tokens.js";
import type { Responder } from "../rpc/responder.js";
import { closestFor } from "./find-node.js";
import type { ClosestParts } from "./find-node.js";
import type { RequestHandler } from "./handler.js";

/** What FIND_VALUE answers use. */
export interface FindValueParts extends ClosestParts {
  readonly responder: Responder;
  readonly tokens: StoreTokens;
  readonly store: RecordStore;
  readonly clock: Clock;
}

/**
 * FIND_VALUE -> VALUE when the store holds the key, else NODES like FIND_NODE (paper 2.3).
 * Both carry a store token for the requester's address (docs/protocol.md 10.3).
 */
export function findValueHandler(parts: FindValueParts): RequestHandler<FindValueMessage> {
  return (message: FindValueMessage, from: Address): void => {
    const record = parts.store.get(message.key);
    const ttlMs = record ? Math.floor(record.expiresAt - parts.clock.now()) : 0;
    if (record && ttlMs > 0) {
      parts.responder.send(from, {
        type: "VALUE", rid: message.rid, sender: parts.responder.self, key: record.key, value: record.value, ttlMs,
        ...(record.publisher ? { publisher: record.publisher } : {}),
        token: parts.tokens.issue(from),
      });
      return;
    }
    parts.responder.send(from, {
      type: "NODES", rid: message.rid, sender: parts.responder.self, contacts: closestFor(parts, message.key, message.sender, from, message.alt), token: parts.tokens.issue(from),
    });
  };
}
