import { bytesEqual } from "@plexus/core";
import type { Address, NodeId, Random } from "@plexus/core";
import { NONCE_BYTES } from "@plexus/wire";
import type { Rpc } from "../rpc/rpc.js";
import { checkIdProof } from "./id-proof.js";

/** What {@link proveIdentity} needs from the node. */
export interface ProverDeps {
  readonly self: NodeId;
  readonly rpc: Rpc;
  readonly random: Random;
  readonly retries: number;
}

/**
 * Challenges the node at `address` to prove it owns `id` (docs/protocol.md 10.2): a PING
 * with a fresh 16-byte nonce; true when the PONG comes from `id` with a public key that
 * hashes to `id` and a valid signature over (nonce, our id, `id`). False on a timeout, a
 * missing or invalid proof. Costs one round trip and one ed25519 verify.
 */
export async function proveIdentity(deps: ProverDeps, address: Address, id: NodeId): Promise<boolean> {
  const nonce = deps.random.bytes(NONCE_BYTES).slice(0, NONCE_BYTES);
  try {
    const reply = await deps.rpc.request(address, { type: "PING", nonce }, id, { retries: deps.retries });
    const m = reply.message;
    return m.type === "PONG" && bytesEqual(m.sender, id) && checkIdProof(m.proof, id, nonce, deps.self);
  } catch {
    return false;
  }
}
