// The README examples, verbatim between the markers; readme.test.ts checks both agree.
// --- example start
import { randomBytes } from "node:crypto";
import { createCodec, type KademliaMessage } from "@plexus/wire";

const codec = createCodec(); // the Kademlia types; one codec per node
const me = new Uint8Array(randomBytes(32));
const request: KademliaMessage = { type: "FIND_NODE", rid: 42, sender: me, target: new Uint8Array(32) };
const datagram = codec.encode(request); // Uint8Array, at most 1232 bytes

// On receipt: decode once, count and drop what fails.
const result = codec.tryDecode(datagram);
if (result.ok && codec.isRequest(result.message)) {
  console.log(result.message.type, result.message.rid); // FIND_NODE 42
} else if (!result.ok) {
  console.log("dropped", result.error.code); // e.g. ERR_WIRE_TRUNCATED
}

// decode() is the throwing form: WireDecodeError with a code, nothing else.
const nodes = codec.decode(codec.encode({ type: "NODES", rid: 42, sender: me, contacts: [{ id: me, host: "::1", port: 4000 }] }));
// --- example end
// --- spec example start
import { inPayload, outPayload, type MessageHeader, type MessageSpec } from "@plexus/wire";

/** ECHO `[1, 0x41, rid, sender, data]`, answered with ECHOED `[1, 0x42, rid, sender, data]`. */
interface EchoMessage extends MessageHeader {
  readonly type: "ECHO" | "ECHOED";
  readonly data: Uint8Array;
}
const echoSpec = (type: EchoMessage["type"], code: number): MessageSpec<EchoMessage> => ({
  type,
  code, // requests odd, responses even; 0x01..0x7e, not taken
  kind: code % 2 === 1 ? "request" : "response",
  fieldCount: 1,
  encodeFields: (m) => [outPayload(m.data, 64, "data")], // validate, in wire order
  decodeFields: (fields, h) => ({ type, rid: h.rid, sender: h.sender, data: inPayload(fields[0], 64, "data", h) }),
});

const echoCodec = createCodec({ messages: [echoSpec("ECHO", 0x41), echoSpec("ECHOED", 0x42)] });
const echo = echoCodec.decode(echoCodec.encode({ type: "ECHO", rid: 7, sender: me, data: new Uint8Array([1, 2]) }));
// --- spec example end
export { datagram, echo, echoCodec, nodes };
