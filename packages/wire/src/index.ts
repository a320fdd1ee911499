/**
 * @plexus/wire: the Plexus wire format. `createCodec()` returns a codec for the Kademlia
 * message types plus any a package registers (`MessageSpec`); `encode` turns a message into
 * one datagram, `decode` / `tryDecode` turn hostile bytes into a validated message or a
 * `WireDecodeError` with a code. No sockets, routing or retries. The format is specified
 * in docs/protocol.md.
 * @packageDocumentation
 */
export * from "./public-api.js";
