import { PlexusError, assertObject, bytesEqual, toHex } from "@plexus/core";
import type { Address } from "@plexus/core";
import { drain } from "@plexus/node";
import type { BroadcastResult, PlexusNode } from "@plexus/node";
import type { Realtime } from "@plexus/realtime";
import { MAX_BROADCAST_DATA_BYTES } from "@plexus/wire";
import { FindRequest } from "../find-request.js";
import { handled } from "../handled.js";
import { prepareItem, toKey } from "../key.js";
import type { KeyLike } from "../key.js";
import type { OperationOptions, Run } from "../in-flight.js";
import { parseAddresses } from "../options.js";
import type { AddressLike } from "../options.js";
import { encodeData } from "../realtime.js";
import { StoreRequest } from "../store-request.js";
import { WatchedPromise } from "../unheard.js";
import type { Observable } from "../unheard.js";
import type { CallOptions, PutOptions } from "../types.js";
import { decodeValue, encodeValue } from "../value-codec.js";
import { wallClock } from "../wall-clock.js";
import { ConnectRequest } from "./connect-request.js";
import { contactAt, seedContact } from "./contact.js";
import { JoinGate } from "./join-gate.js";
import { seedNodeId } from "./named-id.js";
import type { FindArgs, FoundItem, MessageArgs, SeedContact, SeedItem, StoreArgs } from "./types.js";

/** What the seed-style calls use of the node that composes them. */
export interface SeedParts {
  readonly engine: PlexusNode;
  readonly realtime: Realtime;
  readonly maxValueBytes: number;
  /** The address the node was asked to bind (its `self` before binding). */
  readonly bind: Address;
  /** Runs a call as the node's other calls (bound, options checked, settled by `close()`; marked handled). */
  readonly run: Run;
  /**
   * Reports the failure of a call whose result may be ignored: the node's `error` event, else
   * a warning unless the caller handled `call` (README "Errors and listeners").
   */
  readonly report: (error: unknown, call?: Observable) => void;
  /** After a join: the node's `connected` event per bootstrap node that answered, then `connect`. */
  readonly joined: (contacts: readonly SeedContact[]) => void;
}

/**
 * The original library's calls (`connect`, `store`, `find`, `broadcast`, `message`,
 * `self`): results that may be ignored, events, ids and keys as strings. Each call made
 * while a `connect()` is in flight waits for it (see {@link JoinGate}), so the documented
 * order connect-store-find-broadcast works without awaiting anything.
 */
export class SeedApi {
  readonly #p: SeedParts;
  readonly #gate = new JoinGate();

  constructor(parts: SeedParts) {
    this.#p = parts;
  }

  /** This node as a contact: its id and its bound address (the requested one before binding). */
  self(): SeedContact {
    return seedContact(this.#p.engine.id, this.#p.engine.address ?? this.#p.bind);
  }

  connect(to: AddressLike | readonly AddressLike[], options: CallOptions): ConnectRequest {
    const { engine, run, report, joined } = this.#p;
    const joining = run(async (o) => {
      const list = parseAddresses(to);
      await engine.join(list, o);
      const contacts = list.map((address) => contactAt(engine.table, address)).filter((c) => c !== undefined);
      joined(contacts);
      return contacts;
    }, options);
    this.#gate.join(joining);
    const request = new ConnectRequest(joining);
    joining.catch((error: unknown) => report(error, request));
    return request;
  }

  store<V>(args: StoreArgs<V>, options: PutOptions): StoreRequest<V> {
    assertObject(args, "store arguments");
    const { key, encoded } = prepareItem(args.key, args.value, this.#p.maxValueBytes);
    if (args.republish !== undefined && typeof args.republish !== "boolean") {
      throw new PlexusError("ERR_INVALID_ARGUMENT", "republish must be a boolean");
    }
    const item: SeedItem<V> = {
      key: seedKey(args.key, key), value: args.value, publisher: toHex(this.#p.engine.id), timestamp: Math.floor(wallClock.now()),
    };
    const result = this.#after(this.#gate.joined(), options,
      (o) => this.#p.engine.putValue(key, encoded, { ...o, republish: args.republish === true }));
    this.#gate.store(toHex(key), result);
    const request = new StoreRequest(item, result);
    result.catch((error: unknown) => this.#p.report(error, request));
    return request;
  }

  find(args: FindArgs, options: CallOptions): FindRequest<FoundItem> | FindRequest<SeedContact> {
    assertObject(args, "find arguments");
    const type = args.type === undefined ? "item" : typeof args.type === "string" ? args.type.toLowerCase() : "";
    if (type === "node") return this.#findNode(seedNodeId(args.key), options);
    if (type !== "item") throw new PlexusError("ERR_INVALID_ARGUMENT", `find type must be "item" or "node", got ${String(args.type)}`);
    const key = toKey(args.key);
    const waited = Promise.all([this.#gate.joined(), this.#gate.stored(toHex(key))]);
    return new FindRequest(key, this.#after(waited, options, async (o) => {
      const result = await drain(this.#p.engine.get(key, o));
      if (!result.found) return undefined;
      const publisher = result.publisher === undefined ? undefined : toHex(result.publisher);
      return { key: seedKey(args.key, key), value: decodeValue(result.value), publisher, ttlMs: result.ttlMs };
    }));
  }

  broadcast(data: unknown, options: CallOptions): Promise<BroadcastResult> {
    const bytes = encodeValue(data);
    if (bytes.length > MAX_BROADCAST_DATA_BYTES) {
      throw new PlexusError("ERR_VALUE_TOO_LARGE", `broadcast data encodes to ${bytes.length} bytes, more than ${MAX_BROADCAST_DATA_BYTES}`);
    }
    return this.#watched(this.#after(this.#gate.joined(), options, (o) => this.#p.engine.broadcast(bytes, o)));
  }

  message(args: MessageArgs, options: CallOptions): Promise<void> {
    assertObject(args, "message arguments");
    const id = seedNodeId(args.id);
    const bytes = encodeData(args.message);
    return this.#watched(this.#after(this.#gate.joined(), options, (o) => this.#p.realtime.send(id, bytes, o)));
  }

  #findNode(id: Uint8Array, options: CallOptions): FindRequest<SeedContact> {
    return new FindRequest(id, this.#after(this.#gate.joined(), options, async (o) => {
      if (bytesEqual(id, this.#p.engine.id)) return this.self();
      const closest = await this.#p.engine.findNode(id, o);
      const first = closest[0];
      return first !== undefined && bytesEqual(first.id, id) ? seedContact(first.id, first) : undefined;
    }));
  }

  /**
   * Runs `fn` through the node (bound, not closed, `options` checked) once `waited` settled:
   * a node closed meanwhile rejects with `ERR_STOPPED` rather than calling a stopped engine.
   */
  #after<T>(waited: Promise<unknown>, options: CallOptions, fn: (o: OperationOptions) => Promise<T>): Promise<T> {
    return handled(waited.then(() => this.#p.run(fn, options)));
  }

  /** `promise` as a seed-style call returns it: its failure is reported unless the caller handles it. */
  #watched<T>(promise: Promise<T>): Promise<T> {
    const watched = WatchedPromise.of(promise);
    promise.catch((error: unknown) => this.#p.report(error, watched));
    return watched;
  }
}

/** A key in the seed API's form: the string given, else the hex of the key bytes. */
function seedKey(given: KeyLike | undefined, key: Uint8Array): string {
  return typeof given === "string" ? given : toHex(key);
}
