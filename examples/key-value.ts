/**
 * Key/value on a three-node network on 127.0.0.1:
 *  - a named key ("users/alice" is hashed to 32 bytes) written by one node, read by another;
 *  - a content-addressed item (the key is the SHA-256 of the value, so readers check it);
 *  - a signed mutable record (BEP 44 style): owned by a key pair, updated by a higher seq.
 * Run: pnpm example examples/key-value.ts
 */
import { Node } from "plexus";

const localhost = "127.0.0.1";
const seed = new Node({ host: localhost, port: 0 }); // port 0: the system picks a free port
const { port } = await seed.listen();
const alice = new Node({ host: localhost, port: 0 });
const bob = new Node({ host: localhost, port: 0 });
try {
  // Joining through any one known node is enough; connect() resolves once joined.
  await alice.connect({ host: localhost, port });
  await bob.connect({ host: localhost, port });
  console.log(`3 nodes joined through ${localhost}:${port}`);

  // A named key: anyone may write it; a read returns what most of its k closest nodes hold.
  await alice.put("users/alice", { name: "Alice", likes: ["udp", "kademlia"] });
  console.log("bob reads users/alice:", JSON.stringify(await bob.get("users/alice")));

  // Content-addressed: no key given, the key is the hash of the encoded value.
  const { key } = await alice.put(undefined, "hello, content-addressed world");
  console.log("bob reads by hash:", await bob.get(key));

  // A key nobody wrote reads as undefined.
  console.log("bob reads a missing key:", await bob.get("users/nobody"));

  // Signed mutable record: stored under SHA-256(public key); only the owner can update it.
  const text = new TextEncoder();
  await alice.engine.putMutable({ value: text.encode("status: online"), seq: 1 });
  await alice.engine.putMutable({ value: text.encode("status: away"), seq: 2 });
  const record = await bob.engine.getMutable(alice.identity!.publicKey);
  console.log(`bob reads alice's signed record: seq ${record?.seq}, "${new TextDecoder().decode(record?.value)}"`);
} finally {
  await Promise.all([alice.close(), bob.close(), seed.close()]);
}
console.log("done");
