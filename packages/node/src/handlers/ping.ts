import { addressScope } from "@plexus/core";
import type { Address } from "@plexus/core";
import type { PingMessage } from "@plexus/wire";
import { makeIdProof } from "../identity/id-proof.js";
import type { NodeIdentity } from "../identity/identity.js";
import type { Responder } from "../rpc/responder.js";
import type { RequestHandler } from "./handler.js";

/** The body of a bare PING (admission, eviction, `ping()`; no fields: shared). */
export const PING = { type: "PING" } as const;

/** What the PING handler uses. */
export interface PingParts {
  readonly responder: Responder;
  readonly identity: NodeIdentity | undefined;
  /** Whether this node declares itself a client (docs/protocol.md 10.8). */
  readonly reachability: { readonly isClient: boolean; pinged?(message: PingMessage, from: Address): boolean };
}

/**
 * PING -> PONG (paper 2.3: "PING probes a node to see if it is online"). A PING with a
 * nonce asks for an id proof (docs/protocol.md 10.2); a node with an identity signs it.
 * The PONG tells a proven pinger the address it came from (key 9) and, from a client,
 * says so (key 10; docs/protocol.md 10.8). Only to a proven address: the bytes an
 * unproven one may get back are what it sent (10.6).
 */
export function pingHandler(parts: PingParts): RequestHandler<PingMessage> {
  const { responder, identity, reachability } = parts;
  return (message: PingMessage, from: Address): void => {
    const proof = message.nonce !== undefined && identity !== undefined ? makeIdProof(identity, message.nonce, message.sender, responder.self) : undefined;
    // Loopback pingers share this host's addresses: nothing to learn there.
    const proven = responder.isProven(from) && addressScope(from.host) !== "loopback";
    const dialBack = reachability.pinged?.(message, from) === true;
    const client = reachability.isClient;
    responder.send(from, {
      type: "PONG", rid: message.rid, sender: responder.self,
      ...(proof ? { proof } : {}), ...(proven ? { observed: { host: from.host, port: from.port } } : {}), ...(client ? { client: true as const } : {}),
      ...(dialBack ? { dialBack: true as const } : {}),
    });
  };
}
