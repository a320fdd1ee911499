import { addressKey, setNewest } from "@plexus/core";
import type { Address, Clock } from "@plexus/core";
import { subnetOf } from "../routing/subnet-limits.js";

/**
 * How long a token another node gave is presented again: tokens live 5 to 10 minutes at
 * their issuer (docs/protocol.md 10.3), so 4 minutes never presents a stale one knowingly.
 */
const TOKEN_REUSE_MS = 4 * 60_000;
/** Addresses whose token is kept (~150 B each with the Map entry: ~0.6 MiB); the oldest goes first. */
const MAX_TOKENS = 4096;

/**
 * The address tokens other nodes gave this node (in NODES, VALUE and ERROR
 * RETRY_WITH_TOKEN; docs/protocol.md 10.3 and 10.6), by the address that gave them: a
 * request to that address presents its token, which proves this node's address there and
 * spares a RETRY_WITH_TOKEN round trip. Loopback peers are not tracked (they never ask for
 * one). Bound: MAX_TOKENS entries.
 */
export class AddressTokens {
  readonly #clock: Clock;
  /** addressKey -> token and when it came. Bound: MAX_TOKENS, oldest first. Made on the first token. */
  #tokens: Map<string, { readonly token: Uint8Array; readonly at: number }> | undefined;

  readonly #exemptLoopback: boolean;

  /** `exemptLoopback`: loopback peers are not tracked (NodeInit.exemptLoopback). */
  constructor(clock: Clock, exemptLoopback = true) {
    this.#clock = clock;
    this.#exemptLoopback = exemptLoopback;
  }

  /** `from` gave this node `token`. */
  remember(from: Address, token: Uint8Array): void {
    if (subnetOf(from.host, this.#exemptLoopback) === undefined) return;
    const key = addressKey(from);
    const tokens = (this.#tokens ??= new Map());
    setNewest(tokens, key, { token, at: this.#clock.now() }, MAX_TOKENS);
  }

  /** The token to present to `to`, or `undefined` when none is fresh. */
  get(to: Address): Uint8Array | undefined {
    const tokens = this.#tokens;
    if (tokens === undefined || tokens.size === 0) return undefined;
    const key = addressKey(to);
    const entry = tokens.get(key);
    if (entry === undefined) return undefined;
    if (this.#clock.now() - entry.at < TOKEN_REUSE_MS) return entry.token;
    tokens.delete(key);
    return undefined;
  }

  /** Forgets the token of `to` (its issuer refused it). */
  forget(to: Address): void {
    this.#tokens?.delete(addressKey(to));
  }
}
