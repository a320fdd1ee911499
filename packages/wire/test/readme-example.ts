// The README example, verbatim between the markers; readme.test.ts checks both agree.
// --- example start
import { randomBytes } from "node:crypto";
import { decode, encode, tryDecode, isRequest, type Message } from "@plexus/wire";

const me = new Uint8Array(randomBytes(32));
const request: Message = { type: "FIND_NODE", rid: 42, sender: me, target: new Uint8Array(32) };
const datagram = encode(request); // Uint8Array, at most 1232 bytes

// On receipt: decode once, count and drop what fails.
const result = tryDecode(datagram);
if (result.ok && isRequest(result.message)) {
  console.log(result.message.type, result.message.rid); // FIND_NODE 42
} else if (!result.ok) {
  console.log("dropped", result.error.code); // e.g. ERR_WIRE_TRUNCATED
}

// decode() is the throwing form: WireDecodeError with a code, nothing else.
const nodes = decode(encode({ type: "NODES", rid: 42, sender: me, contacts: [{ id: me, host: "::1", port: 4000 }] }));
// --- example end
export { datagram, nodes };
