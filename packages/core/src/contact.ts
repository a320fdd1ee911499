import type { Address } from "./address.js";
import type { NodeId } from "./id.js";

/** A peer we can reach: its node id and where it answered from. */
export interface Contact extends Address {
  readonly id: NodeId;
}
