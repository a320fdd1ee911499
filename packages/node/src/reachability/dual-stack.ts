import { addressScope, isIPv4 } from "@plexus/core";
import type { Address } from "@plexus/core";
import { AddressObserver } from "./address-observer.js";
import { socketHosts } from "../platform/local-hosts.js";

/**
 * The addresses of a dual-stack node, one per IP family (docs/protocol.md 10.11): a node bound
 * to `::` (a dual-stack socket) is reachable over both, and tells each peer its address in the
 * other family than the one it talks to it over (request key 19). Per family: the address its
 * observers of that family agree on (10.8), else, bound to `::`, the host's own address of
 * that family (not loopback, not link-local) with the bound port. Only a node bound to `::` has
 * one: a socket bound to one address speaks one family.
 */
export class DualStack {
  /** Made at the first observation of a node bound to `::`: any other node never reads them. */
  #observers: { readonly v4: AddressObserver; readonly v6: AddressObserver } | undefined;
  readonly #quorum: number;
  readonly #bound: () => Address | undefined;
  readonly #localHosts: () => readonly string[];
  /** The answer of {@link addresses} until the next observation or bind: every request asks. */
  #cache: { readonly bound: Address | undefined; readonly v4: Address | undefined; readonly v6: Address | undefined } | undefined;

  constructor(quorum: number, bound: () => Address | undefined, localHosts: () => readonly string[]) {
    this.#quorum = quorum;
    this.#bound = bound;
    this.#localHosts = localHosts;
  }

  /** `observer` reported `observed` (a PONG key 9). */
  observe(observer: Address, observed: Address): void {
    if (this.#bound()?.host !== "::") return;
    const quorum = this.#quorum;
    const observers = this.#observers ??= { v4: new AddressObserver({ quorum }), v6: new AddressObserver({ quorum }) };
    (isIPv4(observed.host) ? observers.v4 : observers.v6).observe(observer, observed);
    this.#cache = undefined;
  }

  /** This node's address in the other family than `to`'s, or `undefined` (not dual-stack, or not known). */
  altFor(to: Address): Address | undefined {
    const bound = this.#bound();
    if (bound?.host !== "::") return undefined;
    if (this.#cache?.bound !== bound) this.#cache = { bound, v4: this.#own("v4", bound), v6: this.#own("v6", bound) };
    return isIPv4(to.host) ? this.#cache.v6 : this.#cache.v4;
  }

  #own(family: "v4" | "v6", bound: Address): Address | undefined {
    const agreed = this.#observers?.[family].agreed();
    if (agreed && !agreed.symmetric) return agreed.address;
    const host = socketHosts(bound.host, this.#localHosts).find((h) => (family === "v4") === isIPv4(h) && addressScope(h) !== "loopback" && !/^fe[89ab]/i.test(h));
    return host === undefined ? undefined : { host, port: bound.port };
  }
}
