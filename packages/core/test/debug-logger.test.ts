import { describe, expect, it } from "vitest";
import { createDebugLogger, namespaceFilter, silentLog, silentLogger } from "../src/index.js";

describe("namespaceFilter (the DEBUG syntax of the debug package)", () => {
  it("enables nothing without DEBUG", () => {
    expect(namespaceFilter(undefined)("plexus:rpc")).toBe(false);
    expect(namespaceFilter("")("plexus:rpc")).toBe(false);
  });

  it("matches plexus:* and exact names, split by commas or spaces", () => {
    const on = namespaceFilter("plexus:*");
    expect(on("plexus:rpc")).toBe(true);
    expect(on("plexus:lookup")).toBe(true);
    expect(on("libp2p:dht")).toBe(false);
    expect(on("xplexus:rpc")).toBe(false);
    const some = namespaceFilter("plexus:rpc, plexus:lookup libp2p:*");
    expect(["plexus:rpc", "plexus:lookup", "plexus:udp", "libp2p:kad"].map(some)).toEqual([true, true, false, true]);
  });

  it("excludes names with a leading dash, whatever the order", () => {
    const on = namespaceFilter("-plexus:rpc,plexus:*");
    expect(on("plexus:rpc")).toBe(false);
    expect(on("plexus:routing")).toBe(true);
    expect(namespaceFilter("*,-plexus:*")("plexus:udp")).toBe(false);
    expect(namespaceFilter("-plexus:rpc")("plexus:rpc")).toBe(false);
  });

  it("treats regex characters in names literally", () => {
    expect(namespaceFilter("a.b")("axb")).toBe(false);
    expect(namespaceFilter("a.b")("a.b")).toBe(true);
  });
});

describe("createDebugLogger", () => {
  it("writes lines of enabled namespaces with label, level and fields", () => {
    const lines: string[] = [];
    const logger = createDebugLogger({ debug: "plexus:rpc", write: (l) => lines.push(l), label: "ab12cd34", timestamp: () => "T" });
    const rpc = logger.forComponent("plexus:rpc");
    expect(rpc.enabled).toBe(true);
    rpc.debug("request timed out", { type: "PING", to: "127.0.0.1:4000", timeoutMs: 1000, why: "no answer", err: Object.assign(new Error("x"), { code: "ERR_X" }) });
    rpc.warn("plain", { durationMs: 5.704036999999971 });
    expect(lines).toEqual([
      'T plexus:rpc ab12cd34 debug request timed out type=PING to=127.0.0.1:4000 timeoutMs=1000 why="no answer" err="ERR_X: x"\n',
      "T plexus:rpc ab12cd34 warn plain durationMs=5.704\n",
    ]);
  });

  it("gives disabled namespaces the shared silent log, for every level", () => {
    const lines: string[] = [];
    const logger = createDebugLogger({ debug: "plexus:rpc", write: (l) => lines.push(l) });
    const lookup = logger.forComponent("plexus:lookup");
    expect(lookup).toBe(silentLog);
    lookup.error("nothing");
    expect(lines).toEqual([]);
    expect(silentLogger.forComponent("plexus:rpc").enabled).toBe(false);
  });

  it("survives fields that JSON cannot write", () => {
    const lines: string[] = [];
    const log = createDebugLogger({ debug: "*", write: (l) => lines.push(l) }).forComponent("x");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    log.debug("m", { cyclic, big: 10n, obj: { a: 1 } });
    expect(lines[0]).toBe('x debug m cyclic=[unserializable] big=10 obj={"a":1}\n');
  });
});
