import type { LookupSample } from "../measure/lookup.js";
import type { Scenario } from "../scenario.js";

/** What a replica's thread starts with (its `workerData`). */
export interface ReplicaStart {
  readonly scenario: Scenario;
  /** Its share of the lookups: those with `i % scenario.workers === index` (1 and up). */
  readonly index: number;
}

/** What a replica's thread posts to its parent, in this order. */
export type ReplicaMessage =
  | { readonly type: "ready" }
  | { readonly type: "samples"; readonly samples: (LookupSample | null)[] }
  | { readonly type: "error"; readonly message: string };
