/**
 * A throwaway network of Linux network namespaces for tests that need more than one host
 * (root only): hosts on one bridge, addressed from 198.18.0.0/15 (and whatever a test routes
 * from 198.19.0.0/16), with child processes run inside a host by `ip netns exec`.
 * Everything is named `plx<pid>-...` and removed by {@link Lab.destroy}, which tests call
 * in `afterAll` (also on failure); deleting a namespace removes its links and routes.
 */
import { execFileSync, spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";

const run = (args: readonly string[]): string => execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** A host: one namespace with `eth0` on the lab's bridge. */
export interface Host {
  readonly ns: string;
  readonly address: string;
}

/** A child process in a host, read line by line. */
export class Child {
  readonly #process: ChildProcessWithoutNullStreams;
  readonly #lines: string[] = [];
  readonly #waiters = new Set<() => void>();
  #exited = false;
  stderr = "";

  constructor(child: ChildProcessWithoutNullStreams) {
    this.#process = child;
    createInterface({ input: child.stdout }).on("line", (line) => {
      this.#lines.push(line);
      for (const wake of this.#waiters) wake();
    });
    child.stderr.on("data", (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-4_000); });
    child.on("exit", () => {
      this.#exited = true;
      for (const wake of this.#waiters) wake();
    });
  }

  /** How many unread JSON lines of `kind` arrived. */
  seen(kind: string): number {
    return this.#lines.filter((line) => line.startsWith("{") && (JSON.parse(line) as { kind?: string }).kind === kind).length;
  }

  /** Sends one command line on stdin. */
  send(line: string): void {
    this.#process.stdin.write(`${line}\n`);
  }

  /** The next unread line parsed as JSON that has `kind`, within `timeoutMs`. */
  async next<T = Record<string, unknown>>(kind: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.#lines.findIndex((line) => line.startsWith("{") && (JSON.parse(line) as { kind?: string }).kind === kind);
      if (index >= 0) return JSON.parse(this.#lines.splice(index, 1)[0]!) as T;
      const left = deadline - Date.now();
      if (left <= 0 || this.#exited) throw new Error(`no "${kind}" line (${this.#exited ? "exited" : "timed out"}); stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const wake = (): void => { this.#waiters.delete(wake); clearTimeout(timer); resolve(); };
        const timer = setTimeout(wake, left);
        this.#waiters.add(wake);
      });
    }
  }

  /** Asks `command` and waits for the line of `kind` that answers it. */
  async ask<T = Record<string, unknown>>(command: string, kind: string, timeoutMs?: number): Promise<T> {
    this.send(command);
    return this.next<T>(kind, timeoutMs);
  }

  kill(): void {
    if (!this.#exited) this.#process.kill("SIGKILL");
  }
}

/** The lab: a bridge namespace and hosts; every name it made, to remove. */
export class Lab {
  readonly #prefix = `plx${process.pid % 100_000}`;
  readonly #namespaces: string[] = [];
  readonly #children: Child[] = [];
  readonly #bridge: string;

  constructor() {
    this.#bridge = this.#namespace("br");
    run(["-n", this.#bridge, "link", "add", "br0", "type", "bridge"]);
    run(["-n", this.#bridge, "link", "set", "br0", "up"]);
  }

  #namespace(name: string): string {
    const ns = `${this.#prefix}-${name}`;
    run(["netns", "add", ns]);
    this.#namespaces.push(ns);
    run(["-n", ns, "link", "set", "lo", "up"]);
    return ns;
  }

  /** A host named `name` at `address`/24 on the bridge. */
  host(name: string, address: string): Host {
    const ns = this.#namespace(name);
    const port = `p${this.#namespaces.length}`;
    run(["link", "add", `${this.#prefix}${name}`.slice(0, 15), "netns", ns, "type", "veth", "peer", "name", port, "netns", this.#bridge]);
    run(["-n", this.#bridge, "link", "set", port, "master", "br0", "up"]);
    run(["-n", ns, "link", "set", `${this.#prefix}${name}`.slice(0, 15), "name", "eth0"]);
    run(["-n", ns, "link", "set", "eth0", "up"]);
    run(["-n", ns, "addr", "add", `${address}/24`, "dev", "eth0"]);
    return { ns, address };
  }

  /** Any address of `prefix` is local to `host` (Linux "AnyIP"): it may bind and send from each. */
  ownRange(host: Host, prefix: string): void {
    run(["-n", host.ns, "route", "add", "local", prefix, "dev", "lo"]);
  }

  /** `host` sends traffic for `prefix` to `gateway` (another host on the bridge). */
  routeVia(host: Host, prefix: string, gateway: Host): void {
    run(["-n", host.ns, "route", "add", prefix, "via", gateway.address]);
  }

  /** Runs a TypeScript fixture in `host` with the workspace's source condition. */
  spawn(host: Host, script: string, args: readonly string[], cwd: string): Child {
    const child = new Child(spawn("ip", ["netns", "exec", host.ns, process.execPath, "--conditions=@plexus/source", "--import", "tsx", script, ...args], { cwd }));
    this.#children.push(child);
    return child;
  }

  /** Kills every child and removes every namespace (links and routes go with them). */
  destroy(): void {
    for (const child of this.#children) child.kill();
    for (const ns of this.#namespaces.reverse()) {
      try { run(["netns", "del", ns]); } catch { /* already gone */ }
    }
  }
}
