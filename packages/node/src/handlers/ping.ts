import type { Address } from "@plexus/core";
import type { PingMessage } from "@plexus/wire";
import { makeIdProof } from "../identity/id-proof.js";
import type { NodeIdentity } from "../identity/identity.js";
import type { Responder } from "../rpc/responder.js";
import type { RequestHandler } from "./handler.js";

/**
 * PING -> PONG (paper 2.3: "PING probes a node to see if it is online"). A PING with a
 * nonce asks for an id proof (docs/protocol.md 10.2); a node with an identity signs it.
 */
export function pingHandler(parts: { responder: Responder; identity: NodeIdentity | undefined }): RequestHandler<PingMessage> {
  const { responder, identity } = parts;
  return (message: PingMessage, from: Address): void => {
    if (message.nonce !== undefined && identity !== undefined) {
      const proof = makeIdProof(identity, message.nonce, message.sender);
      responder.send(from, { type: "PONG", rid: message.rid, sender: responder.self, proof });
      return;
    }
    responder.send(from, { type: "PONG", rid: message.rid, sender: responder.self });
  };
}
