import type { Address } from "@plexus/core";
import type { PingMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import { makeIdProof } from "../identity/id-proof.js";

/**
 * PING -> PONG (paper 2.3: "PING probes a node to see if it is online"). A PING with a
 * nonce asks for an id proof (docs/protocol.md T1); a node with an identity signs it.
 */
export function handlePing(ctx: NodeContext, message: PingMessage, from: Address): void {
  const { identity } = ctx;
  if (message.nonce !== undefined && identity !== undefined) {
    const proof = makeIdProof(identity, message.nonce, message.sender);
    ctx.reply(from, { type: "PONG", rid: message.rid, sender: ctx.self, proof });
    return;
  }
  ctx.reply(from, { type: "PONG", rid: message.rid, sender: ctx.self });
}
