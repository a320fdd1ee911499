import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { Node, isPlexusError } from "../src/index.js";

const DEADLINE_MS = 5_000;
/** Far below the 7.8 s a connect to a dead bootstrap took to reject after close() (issue 17). */
const SETTLE_BOUND_MS = 1_500;
const deadline = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(DEADLINE_MS) });

/** How each promise settled: "ERR_..." for a PlexusError, "ok" when it resolved. */
async function outcomes(promises: readonly PromiseLike<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(promises);
  return settled.map((s) => (s.status === "fulfilled" ? "ok" : isPlexusError(s.reason) ? s.reason.code : String(s.reason)));
}

describe("close() settles everything in flight with ERR_STOPPED", () => {
  it("an in-flight connect() to a dead bootstrap rejects at once", async () => {
    const dead = new Node({ port: 0, autoListen: false });
    const deadAddress = await dead.listen();
    await dead.close();
    const node = new Node({ port: 0 });
    await node.ready;
    const errors: Error[] = [];
    node.on("error", (error) => errors.push(error));
    const joining = node.connect(deadAddress);
    const started = performance.now();
    await node.close();
    const [outcome] = await outcomes([joining]);
    const elapsedMs = performance.now() - started;
    console.log(`connect() settled ${elapsedMs.toFixed(0)} ms after close()`);
    expect(outcome).toBe("ERR_STOPPED");
    expect(elapsedMs).toBeLessThan(SETTLE_BOUND_MS);
    expect(errors).toEqual([]); // ERR_STOPPED after close() is not reported as an `error` event
  });

  it("put, get, find, findNode, request, publish and a subscription waiting on a silent peer", async () => {
    const seed = new Node({ port: 0 });
    const peer = new Node({ port: 0 });
    const node = new Node({ port: 0, requestTimeoutMs: 4_000, requestRetries: 2 });
    const seedAddress = await seed.ready;
    await Promise.all([peer.connect(seedAddress, deadline()), node.connect(seedAddress, deadline())]);
    await Promise.all([seed.close(), peer.close()]); // now nobody answers `node`
    const sub = node.subscribe("room");
    const pending = [
      node.put("k", "v"), node.get("k"), node.find({ key: "k" }), node.findNode(peer.id),
      node.request(peer.id, "hi"), node.send(peer.id, "hi"), node.publish("room", "x"), node.broadcast({ data: "b" }),
      sub.next(),
    ];
    const started = performance.now();
    await node.close();
    const results = await outcomes(pending);
    const elapsedMs = performance.now() - started;
    console.log(`${pending.length} calls settled ${elapsedMs.toFixed(0)} ms after close():`, results);
    expect(results).toEqual(pending.map(() => "ERR_STOPPED"));
    expect(elapsedMs).toBeLessThan(SETTLE_BOUND_MS);
    await expect(node.put("k", "v")).rejects.toMatchObject({ code: "ERR_STOPPED" });
  });

  it("find() emits timeout (and error when listened to) when the node closes under it", async () => {
    const node = new Node({ port: 0 });
    await node.ready;
    const lookup = node.find({ key: "anything" });
    const failed = once(lookup, "error", deadline());
    await node.close();
    const [error] = await failed;
    expect(isPlexusError(error, "ERR_STOPPED")).toBe(true);
  });
});
