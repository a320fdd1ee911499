/**
 * A message type of your own, added through the engine's registry (the way
 * @plexus/realtime adds topics and direct messages): a SHOUT request carrying text and a
 * SHOUTED reply with the text in capitals. The layer gets the engine's RPC (retries,
 * timeouts, request ids), codec (envelope, size limits, validation) and counters.
 * Run: pnpm example examples/custom-message.ts
 */
import type { Protocol, ProtocolHost } from "@plexus/node";
import { inText, outText } from "@plexus/wire";
import type { MessageHeader, MessageSpec } from "@plexus/wire";
import { Node } from "plexus";

/** At most this many UTF-8 bytes of text per message (a datagram holds about 1,200 bytes). */
const MAX_TEXT_BYTES = 256;

interface ShoutMessage extends MessageHeader { readonly type: "SHOUT"; readonly text: string }
interface ShoutedMessage extends MessageHeader { readonly type: "SHOUTED"; readonly text: string }

// Wire codes: a request is odd, its reply the next even code. 0x61/0x62 are not registered
// in docs/protocol.md (section 11): fine for an experiment; register a code before you ship.
const shoutSpec: MessageSpec<ShoutMessage> = {
  type: "SHOUT", code: 0x61, kind: "request", fieldCount: 1,
  encodeFields: (m) => [outText(m.text, MAX_TEXT_BYTES, "text")],
  // Decoding validates every field; a bad one drops the datagram (counted, never thrown at you).
  decodeFields: (f, h) => ({ type: "SHOUT", rid: h.rid, sender: h.sender, text: inText(f[0], MAX_TEXT_BYTES, "text", h) }),
};
const shoutedSpec: MessageSpec<ShoutedMessage> = {
  type: "SHOUTED", code: 0x62, kind: "response", fieldCount: 1,
  encodeFields: (m) => [outText(m.text, MAX_TEXT_BYTES, "text")],
  decodeFields: (f, h) => ({ type: "SHOUTED", rid: h.rid, sender: h.sender, text: inText(f[0], MAX_TEXT_BYTES, "text", h) }),
};

/** The layer: its messages, the handler of its request, and a method to call a peer. */
interface ShoutLayer extends Protocol {
  shout(to: Node, text: string): Promise<string>;
}

function shoutLayer(host: ProtocolHost): ShoutLayer {
  return {
    name: "shout",
    messages: [shoutSpec, shoutedSpec],
    handlers: new Map([
      ["SHOUT", (m, from) => host.reply(from, m.rid, { type: "SHOUTED", text: (m as ShoutMessage).text.toUpperCase() })],
    ]),
    async shout(to, text) {
      // expectId: the reply must come from that node id (the engine checks it).
      const reply = await host.request<ShoutedMessage>(to.address!, { type: "SHOUT", text }, to.id);
      return reply.message.text;
    },
  };
}

const localhost = "127.0.0.1";
const a = new Node({ host: localhost, port: 0 });
const b = new Node({ host: localhost, port: 0 });
try {
  // Both nodes must run the layer: a node without it drops SHOUT (the caller times out).
  const layers = [a, b].map((node) => node.engine.register(shoutLayer));
  const { port } = await a.listen();
  await b.connect({ host: localhost, port });
  console.log("b asks a to shout:", await layers[1]!.shout(a, "hello, custom message"));
  console.log("a answered SHOUT requests:", a.engine.stats().received.SHOUT ?? 0);
} finally {
  await Promise.all([a.close(), b.close()]);
}
console.log("done");
