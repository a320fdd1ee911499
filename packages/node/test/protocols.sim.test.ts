import { bytesEqual, isPlexusError } from "@plexus/core";
import { SeededRandom } from "@plexus/core/testing";
import { inPayload, outPayload } from "@plexus/wire";
import type { MessageHeader, MessageSpec } from "@plexus/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlexusNode, Protocol } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";
import type { Testnet } from "../src/testing/index.js";

const SEED = 33;

/** A layer's own request and reply: ECHO carries bytes, ECHOED returns them. */
interface EchoMessage extends MessageHeader { readonly type: "ECHO"; readonly data: Uint8Array }
interface EchoedMessage extends MessageHeader { readonly type: "ECHOED"; readonly data: Uint8Array }

const echoSpec: MessageSpec<EchoMessage> = {
  type: "ECHO", code: 0x41, kind: "request", fieldCount: 1,
  encodeFields: (m) => [outPayload(m.data, 64, "data")],
  decodeFields: (f, h) => ({ type: "ECHO", rid: h.rid, sender: h.sender, data: inPayload(f[0], 64, "data", h) }),
};
const echoedSpec: MessageSpec<EchoedMessage> = {
  type: "ECHOED", code: 0x42, kind: "response", fieldCount: 1,
  encodeFields: (m) => [outPayload(m.data, 64, "data")],
  decodeFields: (f, h) => ({ type: "ECHOED", rid: h.rid, sender: h.sender, data: inPayload(f[0], 64, "data", h) }),
};

/** Adds the echo layer to `node`; returns a way to call it. */
function addEcho(node: PlexusNode) {
  let host: Parameters<Parameters<PlexusNode["register"]>[0]>[0] | undefined;
  node.register((h): Protocol => {
    host = h;
    return {
      name: "echo",
      messages: [echoSpec, echoedSpec],
      handlers: new Map([["ECHO", (m, from) => h.reply(from, m.rid, { type: "ECHOED", data: (m as EchoMessage).data })]]),
    };
  });
  return (to: PlexusNode, data: Uint8Array) => host!.request<EchoedMessage>(to.address!, { type: "ECHO", data }, to.id);
}

describe(`a protocol layer added through the registry (seed ${SEED})`, () => {
  let net: Testnet;
  /** The echo call of each node that runs the layer (all but the last built). */
  const echo = new Map<PlexusNode, ReturnType<typeof addEcho>>();
  beforeAll(async () => {
    let built = 0;
    net = await createTestnet({ size: 30, seed: SEED, setup: (node) => { if (++built < 30) echo.set(node, addEcho(node)); } });
  }, 60_000);
  afterAll(async () => { await net?.stop(); });

  it("its requests reach its handlers and its replies come back, with the engine's retries and counters", async () => {
    const random = new SeededRandom(SEED * 1000 + 1);
    const [a, b] = [net.nodes[random.int(29)]!, net.nodes[random.int(29)]!];
    const data = random.bytes(20);
    const reply = await net.settle(echo.get(a)!(b, data));
    expect(reply.message.type).toBe("ECHOED");
    expect(bytesEqual(reply.message.data, data)).toBe(true);
    expect(b.stats().received.ECHO).toBeGreaterThanOrEqual(1);
    expect(a.stats().sent.ECHO).toBeGreaterThanOrEqual(1);
  });

  it("a node without the layer drops its requests (the requester times out)", async () => {
    const without = net.nodes[29]!;
    const before = without.stats().malformed + without.stats().unhandled;
    const err = await net.settle(echo.get(net.nodes[0]!)!(without, new Uint8Array(1))).catch((e: unknown) => e);
    expect(isPlexusError(err, "ERR_RPC_TIMEOUT")).toBe(true);
    expect(without.stats().malformed + without.stats().unhandled).toBeGreaterThan(before);
  });

  it("refuses a layer whose type name or code is taken, or whose handler is for no request of its own", () => {
    const node = net.nodes[0]!;
    const taken = (): Protocol => ({ name: "again", messages: [echoSpec], handlers: new Map() });
    const code = (): Protocol => ({ name: "code", messages: [{ ...echoSpec, type: "OTHER" }], handlers: new Map() });
    const stray = (): Protocol => ({
      name: "stray", messages: [{ ...echoSpec, type: "OTHER", code: 0x51 }], handlers: new Map([["ECHOED", () => undefined]]),
    });
    for (const factory of [taken, code, stray]) {
      let caught: unknown;
      try {
        node.register(factory);
      } catch (error) {
        caught = error;
      }
      expect(isPlexusError(caught, "ERR_INVALID_ARGUMENT")).toBe(true);
    }
  });
});
