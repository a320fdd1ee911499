import type { Contact, NodeId } from "@plexus/core";
import { bytesKey } from "../ids/bytes-key.js";
import type { NodeState, PublishedItem } from "./node-state.js";

/**
 * A {@link NodeState} in memory: survives a stop and start of the same process (and keeps
 * tests of restarts free of disk). Bound: the contacts saved last (the engine saves at most
 * `MAX_SAVED_CONTACTS`) and one item per published key (at most `maxPublishedItems` in use).
 */
export function createMemoryNodeState(): NodeState {
  let contacts: Contact[] = [];
  const published = new Map<string, PublishedItem>();
  return {
    contacts: () => contacts.map((c) => ({ id: c.id.slice(), host: c.host, port: c.port })),
    saveContacts: (list) => {
      contacts = list.map((c) => ({ id: c.id.slice(), host: c.host, port: c.port }));
      return Promise.resolve();
    },
    published: (limit) => [...published.values()].slice(0, limit),
    savePublished: (item) => {
      published.set(bytesKey(item.key), { key: item.key.slice(), value: item.value.slice(), ttlMs: item.ttlMs });
      return Promise.resolve();
    },
    deletePublished: (key: NodeId) => {
      published.delete(bytesKey(key));
      return Promise.resolve();
    },
  };
}
