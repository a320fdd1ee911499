/**
 * A throwaway network of Linux network namespaces: one bridge for "the internet", hosts and
 * routers attached to it or to a router's LAN, child processes run inside a namespace. Every
 * name starts with the lab's prefix (`plx<pid>`); {@link Lab.destroy} removes everything the
 * lab made (deleting a namespace removes its links, routes, rules and conntrack state), and
 * {@link sweepStale} removes what a killed run left behind.
 */
import { sh } from "./shell.js";

/** Whether `ns` looks like a testbed namespace whose creating process is gone. */
function isStale(ns: string): boolean {
  const match = /^plx(\d+)-/.exec(ns);
  if (!match) return false;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch {
    return true;
  }
}

/** Removes namespaces of earlier runs whose process died (a SIGKILL skips `destroy`). */
export function sweepStale(): number {
  const names = sh("ip", ["netns", "list"]).split("\n").map((line) => line.split(" ")[0]!).filter(Boolean);
  const stale = names.filter(isStale);
  for (const ns of stale) sh("ip", ["netns", "del", ns]);
  return stale.length;
}

export class Lab {
  readonly prefix = `plx${process.pid}`;
  readonly #namespaces: string[] = [];
  #links = 0;

  /** A new namespace with loopback up; `name` is short (it becomes part of interface names). */
  namespace(name: string): string {
    const ns = `${this.prefix}-${name}`;
    sh("ip", ["netns", "add", ns]);
    this.#namespaces.push(ns);
    sh("ip", ["-n", ns, "link", "set", "lo", "up"]);
    return ns;
  }

  /** A bridge `br0` in `ns`, up. */
  bridge(ns: string): void {
    sh("ip", ["-n", ns, "link", "add", "br0", "type", "bridge"]);
    sh("ip", ["-n", ns, "link", "set", "br0", "up"]);
  }

  /**
   * A veth pair: `nameA` in `nsA`, `nameB` in `nsB`, both up; a side named `bridge:<port>`
   * is enslaved to `br0` of its namespace.
   */
  link(nsA: string, nameA: string, nsB: string, nameB: string): void {
    const tmpA = `v${process.pid % 10_000}a${this.#links}`, tmpB = `v${process.pid % 10_000}b${this.#links++}`;
    sh("ip", ["link", "add", tmpA, "netns", nsA, "type", "veth", "peer", "name", tmpB, "netns", nsB]);
    for (const [ns, tmp, name] of [[nsA, tmpA, nameA], [nsB, tmpB, nameB]] as const) {
      const [port, bridged] = name.startsWith("bridge:") ? [name.slice(7), true] : [name, false];
      sh("ip", ["-n", ns, "link", "set", tmp, "name", port]);
      if (bridged) sh("ip", ["-n", ns, "link", "set", port, "master", "br0"]);
      sh("ip", ["-n", ns, "link", "set", port, "up"]);
    }
  }

  /** Adds `cidr` to `dev` in `ns` (IPv6 without duplicate address detection, so it is usable at once). */
  address(ns: string, dev: string, cidr: string): void {
    sh("ip", ["-n", ns, "addr", "add", cidr, "dev", dev, ...(cidr.includes(":") ? ["nodad"] : [])]);
  }

  /** A route in `ns`: `prefix` (or "default") via `gateway`. */
  route(ns: string, prefix: string, gateway: string): void {
    sh("ip", ["-n", ns, ...(gateway.includes(":") ? ["-6"] : []), "route", "add", prefix, "via", gateway]);
  }

  /** Every address of `prefix` is local to `ns` (Linux "AnyIP"): it may bind to and send from each. */
  localRange(ns: string, prefix: string): void {
    sh("ip", ["-n", ns, "route", "add", "local", prefix, "dev", "lo"]);
  }

  /** Removes every namespace the lab made. Safe to call twice. */
  destroy(): void {
    for (const ns of this.#namespaces.splice(0).reverse()) {
      try { sh("ip", ["netns", "del", ns]); } catch { /* already gone */ }
    }
  }
}
