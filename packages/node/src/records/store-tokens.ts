import { createHmac, timingSafeEqual } from "node:crypto";
import type { Address, Clock, Random } from "@plexus/core";

/** Length of the store tokens this node issues, in bytes (HMAC-SHA256 truncated). */
export const STORE_TOKEN_BYTES = 16;
/** How long a token secret is current; a token stays valid for one more period after. */
export const TOKEN_ROTATE_MS = 300_000;
/** Length of a token secret, in bytes. */
const SECRET_BYTES = 32;

/**
 * Store tokens (docs/protocol.md 10.3, after BEP 5's `token`): every NODES/VALUE reply
 * carries `HMAC-SHA256(secret, "ip|port")[0..16]` for the requester's address, and a
 * STORE is accepted only with a token that matches its source address under the current
 * or the previous secret. A STORE from a spoofed source address therefore fails: the
 * token went to the real owner of that address, never to the spoofer.
 *
 * Secrets rotate lazily on the injected Clock (no timer): the period is
 * `floor(now / TOKEN_ROTATE_MS)`; on a new period the current secret becomes the
 * previous one (or both are fresh after a longer gap). A token is valid 5 to 10 minutes.
 */
export class StoreTokens {
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #rotateMs: number;
  #period = Number.NaN;
  #current: Uint8Array;
  #previous: Uint8Array;

  constructor(clock: Clock, random: Random, rotateMs = TOKEN_ROTATE_MS) {
    this.#clock = clock;
    this.#random = random;
    this.#rotateMs = rotateMs;
    this.#current = new Uint8Array(0);
    this.#previous = new Uint8Array(0);
  }

  /** The token for `address` under the current secret. */
  issue(address: Address): Uint8Array {
    this.#rotate();
    return tokenFor(this.#current, address);
  }

  /** True when `token` was issued to `address` under the current or the previous secret. */
  check(token: Uint8Array | undefined, address: Address): boolean {
    if (token === undefined || token.length !== STORE_TOKEN_BYTES) return false;
    this.#rotate();
    return timingSafeEqual(token, tokenFor(this.#current, address))
      || timingSafeEqual(token, tokenFor(this.#previous, address));
  }

  #rotate(): void {
    const period = Math.floor(this.#clock.now() / this.#rotateMs);
    if (period === this.#period) return;
    if (period === this.#period + 1) this.#previous = this.#current;
    else this.#previous = this.#random.bytes(SECRET_BYTES).slice();
    this.#current = this.#random.bytes(SECRET_BYTES).slice();
    this.#period = period;
  }
}

function tokenFor(secret: Uint8Array, address: Address): Uint8Array {
  const mac = createHmac("sha256", secret).update(`${address.host}|${address.port}`).digest();
  return new Uint8Array(mac.buffer, mac.byteOffset, STORE_TOKEN_BYTES);
}
