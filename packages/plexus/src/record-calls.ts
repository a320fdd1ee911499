import type { PlexusNode } from "@plexus/node";
import { handled } from "./handled.js";
import { prepareItem, toKey } from "./key.js";
import type { KeyLike } from "./key.js";
import type { Run } from "./in-flight.js";
import type { CallOptions, PutOptions, StoredItem } from "./types.js";
import { decodeValue } from "./value-codec.js";

/**
 * The promise-style record calls of the facade (`put`, `get`): keys and values checked and
 * encoded here, the work done by the engine. A bad argument is a rejection, never a throw.
 */
export class RecordCalls {
  readonly #engine: PlexusNode;
  readonly #maxValueBytes: number;
  readonly #run: Run;

  /** `run` runs a call as the node's other calls (bound, options checked, settled by `close()`). */
  constructor(engine: PlexusNode, maxValueBytes: number, run: Run) {
    this.#engine = engine;
    this.#maxValueBytes = maxValueBytes;
    this.#run = run;
  }

  put<V>(key: KeyLike | undefined, value: V, options: PutOptions): Promise<StoredItem<V>> {
    try {
      const prepared = prepareItem(key, value, this.#maxValueBytes);
      return this.#run(async (o) => {
        // With a dataDir the engine saves the item before this resolves (its publisher duty survives restarts).
        const result = await this.#engine.putValue(prepared.key, prepared.encoded, o);
        return { key: prepared.key, value, stored: result.stored, failed: result.failed, local: result.local };
      }, options);
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }

  get<V>(key: KeyLike, options: CallOptions): Promise<V | undefined> {
    try {
      const bytes = toKey(key);
      return this.#run(async (o) => {
        const value = await this.#engine.getValue(bytes, o);
        return value === undefined ? undefined : (decodeValue(value) as V);
      }, options);
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }
}
