import { bytesEqual } from "@plexus/core";
import type { Address, NodeId, Random } from "@plexus/core";
import { NONCE_BYTES } from "@plexus/wire";
import type { Rpc } from "../rpc/rpc.js";
import { checkIdProof } from "./id-proof.js";

/** Padding of an id challenge (see proveIdentity). */
const CHALLENGE_PAD = new Uint8Array(2);

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
    // Padded by 2 bytes: a peer that has not proven our address yet can then afford to answer
    // RETRY_WITH_TOKEN (64 bytes against the 62 of a bare challenge; docs/protocol.md 10.6).
    const reply = await deps.rpc.request(address, { type: "PING", nonce, pad: CHALLENGE_PAD }, id, { retries: deps.retries });
    const m = reply.message;
    return m.type === "PONG" && bytesEqual(m.sender, id) && checkIdProof(m.proof, id, nonce, deps.self);
  } catch {
    return false;
  }
}
