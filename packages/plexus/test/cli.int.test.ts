/**
 * The `plexus` command end to end, in child processes over real UDP on 127.0.0.1:
 * `testnet`, `node` and every client command against them, exit codes, help and errors.
 */
import { createSocket } from "node:dgram";
import type { Socket } from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliRunner } from "../support/cli.js";
import type { CliProcess } from "../support/cli.js";

const START_MS = 30_000;
const RUN_MS = 30_000;
const cli = cliRunner();
let testnet: CliProcess;
let node: CliProcess;
let bootstrap = "";
let nodeAddress = "";
let nodeId = "";
let silent: Socket;
let silentPort = 0;

beforeAll(async () => {
  silent = createSocket("udp4"); // bound, never answers: a "node" that is not there
  silentPort = await new Promise<number>((resolve) => silent.bind(0, "127.0.0.1", () => resolve(silent.address().port)));
  testnet = cli.start(["testnet", "--nodes", "6", "--port", "0"]);
  bootstrap = (await testnet.waitFor(/^127\.0\.0\.1:\d+$/, START_MS, "stdout")).trim();
  node = cli.start(["node", "--port", "0", "--bootstrap", bootstrap, "--json", "--metrics", "0", "--log-interval", "0.5"]);
  // With --json, stdout's first line is the bound address as JSON (a plain run prints host:port).
  const listening = JSON.parse(await node.waitFor(/"event":"listening"/, START_MS, "stdout")) as { id: string; port: number };
  nodeAddress = `127.0.0.1:${listening.port}`;
  nodeId = listening.id;
  await node.waitFor(/"event":"joined"/, START_MS, "stderr");
}, 2 * START_MS);

afterAll(() => {
  cli.killAll();
  silent.close();
});

/** Runs a client command through the testnet. */
const client = (...args: string[]) => cli.run([...args, "--bootstrap", bootstrap], RUN_MS);

describe("help, version, usage errors", () => {
  it("--help lists every command and exits 0; each command has its own help", async () => {
    const top = await cli.run(["--help"], RUN_MS);
    expect(top.code).toBe(0);
    for (const c of ["node", "testnet", "put", "get", "find-node", "ping", "publish", "subscribe", "send", "stats"]) {
      expect(top.stdout).toContain(`  ${c} `);
    }
    expect(top.stdout).toContain("Exit codes");
    const put = await cli.run(["put", "--help"], RUN_MS);
    expect(put.code).toBe(0);
    expect(put.stdout).toContain("--bootstrap");
    expect(put.stdout).toContain("Exit: 0 stored");
  });

  it("--version prints the package version", async () => {
    const r = await cli.run(["--version"], RUN_MS);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("usage errors exit 2 and say what to do", async () => {
    const missing = await cli.run(["put"], RUN_MS);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument");
    const unknown = await cli.run(["get", "k", "--nope"], RUN_MS);
    expect(unknown.code).toBe(2);
    const noBootstrap = await cli.run(["get", "k"], RUN_MS);
    expect(noBootstrap.code).toBe(2);
    expect(noBootstrap.stderr).toContain("plexus testnet");
    const badAddress = await cli.run(["get", "k", "--bootstrap", "example.com:9000"], RUN_MS);
    expect(badAddress.code).toBe(2);
    expect(badAddress.stderr).toContain("not host:port");
  });
});

describe("client commands against the testnet", () => {
  it("put prints the key; get finds it (exit 0) and misses another (exit 1)", async () => {
    const put = await client("put", "hello from the cli");
    expect(put.code).toBe(0);
    const key = put.stdout.trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const got = await client("get", key);
    expect(got).toMatchObject({ code: 0, stdout: "hello from the cli\n" });
    const named = await client("put", "{\"n\":1}", "--key", "cli/test", "--json-input", "--json");
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({ stored: expect.any(Number) as number });
    const json = await client("get", "cli/test", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ found: true, value: { n: 1 } });
    const miss = await client("get", "nobody/stored/this");
    expect(miss.code).toBe(1);
    expect(miss.stderr).toContain("no node holds");
  });

  it("find-node puts the node itself first; ping answers with its id", async () => {
    const found = await client("find-node", nodeId);
    expect(found.code).toBe(0);
    expect(found.stdout.split("\n")[0]).toBe(`${nodeId} ${nodeAddress} *`);
    const pong = await cli.run(["ping", nodeAddress], RUN_MS);
    expect(pong.code).toBe(0);
    expect(pong.stdout).toContain(`pong from ${nodeId}`);
  });

  it("stats sees the network: 7 nodes (testnet + node), contacts and traffic", async () => {
    const r = await client("stats", "--json");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { contacts: number; estimatedSize: number; stats: { transport: { datagramsSent: number } } };
    console.log(`plexus stats on a 7-node network: ${r.stdout.slice(0, 80)}...`);
    expect(s.estimatedSize).toBeGreaterThanOrEqual(6);
    expect(s.contacts).toBeGreaterThanOrEqual(6);
    expect(s.stats.transport.datagramsSent).toBeGreaterThan(0);
  });

  it("subscribe prints what publish sends, and exits after --count", async () => {
    const sub = cli.start(["subscribe", "cli-room", "--count", "1", "--json", "--bootstrap", bootstrap]);
    await sub.waitFor(/"event":"subscribed"/, RUN_MS, "stderr");
    const pub = await client("publish", "cli-room", "hi room");
    expect(pub.code).toBe(0);
    expect(pub.stdout).toMatch(/^published [0-9a-f]+ to cli-room \(/);
    expect(await sub.exited).toBe(0);
    expect(JSON.parse(sub.stdout())).toMatchObject({ topic: "cli-room", data: "hi room" });
  });

  it("send reaches the node (it logs the message); --request prints its echo", async () => {
    const sent = await client("send", nodeId, "psst");
    expect(sent).toMatchObject({ code: 0, stdout: `delivered to ${nodeId}\n` });
    await node.waitFor(/"event":"message".*"data":"psst"/, RUN_MS, "stderr");
    const reply = await client("send", nodeId, "{\"q\":42}", "--request", "--json-input");
    expect(reply).toMatchObject({ code: 0, stdout: "{\"q\":42}\n" });
    const nobody = await client("send", "ab".repeat(32), "hello?", "--timeout", "20");
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("ERR_");
  });

  it("the node logs activity and serves Prometheus text on --metrics", async () => {
    const line = await node.waitFor(/"event":"metrics"/, RUN_MS, "stderr");
    const { port } = JSON.parse(line) as { port: number };
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/^plexus_routing_table_contacts \d+$/m);
    expect(text).toMatch(/^plexus_rpc_rtt_seconds_bucket\{le="\+Inf"\} \d+$/m);
    expect(text).toMatch(/^plexus_messages_received_total\{type="PING"\} \d+$/m);
    await node.waitFor(/"event":"activity"/, RUN_MS, "stderr");
  });
});

describe("failures and shutdown", () => {
  it("a bootstrap that does not answer: exit 3 with what to do", async () => {
    const r = await cli.run(["get", "k", "--bootstrap", `127.0.0.1:${silentPort}`, "--timeout", "3"], RUN_MS);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`could not join through 127.0.0.1:${silentPort}`);
    expect(r.stderr).toContain(`plexus node --port ${silentPort}`);
  });

  it("ping of a silent address exits 1", async () => {
    const r = await cli.run(["ping", `127.0.0.1:${silentPort}`], RUN_MS);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no answer");
  });

  it("SIGINT closes the node and the testnet gracefully (exit 0)", async () => {
    node.child.kill("SIGINT");
    expect(await node.exited).toBe(0);
    expect(node.stderr()).toContain("\"event\":\"closed\"");
    testnet.child.kill("SIGINT");
    expect(await testnet.exited).toBe(0);
    expect(testnet.stderr()).toContain("closed");
  });
});
