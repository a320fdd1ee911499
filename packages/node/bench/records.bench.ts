/**
 * Costs of trusted storage (docs/protocol.md "Trusted storage"):
 * - ed25519 sign / verify per mutable record, and one id-proof check;
 * - get on a 32-node in-process network (transport-memory, zero latency, manual clock):
 *   plain getValue (no verification) vs getImmutable (SHA-256 per reply) vs getMutable
 *   (ed25519 verify per reply, asks the k closest instead of stopping at the first value).
 * Run (measures the built package: build first, e.g. `pnpm turbo run build --filter=@plexus/node...`):
 *   node --import tsx packages/node/bench/records.bench.ts
 * LMDB put/get rates: packages/storage/bench/lmdb.bench.ts (`pnpm --filter @plexus/storage bench`).
 */
import { performance } from "node:perf_hooks";
import { createTestnet } from "@plexus/node/testing";
import {
  checkIdProof, identityFromPrivateKey, makeIdProof, parseMutableRecord, sha256, signMutableRecord, verifyMutableRecord,
} from "@plexus/node";

function perOp(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 200); i++) fn(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const us = ((performance.now() - start) * 1000) / n;
  console.log(`${label.padEnd(44)} ${us.toFixed(1).padStart(8)} µs/op  ${Math.round(1e6 / us).toLocaleString("en").padStart(9)} op/s`);
}

const identity = identityFromPrivateKey(new Uint8Array(32).fill(1));
const value = new Uint8Array(800).fill(7);
const salt = new TextEncoder().encode("bench");
const N = 5_000;
perOp("sign mutable record (800 B value)", N, (i) => signMutableRecord(identity, { value, seq: i, salt }));
const signed = signMutableRecord(identity, { value, seq: 1, salt });
perOp("parse + verify mutable record", N, () => verifyMutableRecord(parseMutableRecord(signed.bytes)!));
perOp("sha256 of an 800 B value (immutable check)", N, () => sha256(value));
const nonce = new Uint8Array(16).fill(3), pinger = new Uint8Array(32).fill(9);
perOp("make id proof (responder)", N, () => makeIdProof(identity, nonce, pinger));
const proof = makeIdProof(identity, nonce, pinger);
perOp("check id proof (pinger, per admission)", N, () => checkIdProof(proof, identity.id, nonce, pinger));
const seeds = Array.from({ length: N }, (_, i) => new Uint8Array(32).fill(i % 251).map((b, j) => b ^ j));
perOp("identity from a 32-byte seed (default node)", N, (i) => identityFromPrivateKey(seeds[i]!));

const net = await createTestnet({ size: 32, seed: 42, latency: { minMs: 0, maxMs: 0 } });
const writer = net.nodes[0]!;
const owner = identityFromPrivateKey(new Uint8Array(32).fill(2));
const KEYS = 100;
const plainKeys: Uint8Array[] = [];
for (let i = 0; i < KEYS; i++) {
  const v = new Uint8Array(800).fill(i);
  plainKeys.push(sha256(v));
  await net.settle(writer.putImmutable(v)); // stored under SHA-256(v): readable by getValue and getImmutable
}
// Mutable records are signed off-node (by an owner that is not the writer) and stored as plain STOREs
// with their envelope: storing nodes recognise and verify the envelope by content.
const mutableKeys: Uint8Array[] = [];
for (let i = 0; i < KEYS; i++) {
  const rec = signMutableRecord(owner, { value, seq: 1, salt: new Uint8Array([i]) });
  mutableKeys.push(rec.key);
  await net.settle(writer.putValue(rec.key, rec.bytes));
}
async function timeGets(label: string, run: (i: number) => Promise<unknown>): Promise<void> {
  const start = performance.now();
  let found = 0;
  for (let i = 0; i < KEYS; i++) if (await net.settle(run(i))) found++;
  const us = ((performance.now() - start) * 1000) / KEYS;
  console.log(`${label.padEnd(44)} ${us.toFixed(0).padStart(8)} µs/get (${found}/${KEYS} found, CPU of a lookup on 32 nodes)`);
}
const readers = net.nodes.slice(1);
await timeGets("get: getValue (no verification)", (i) => readers[i % readers.length]!.getValue(plainKeys[i]!));
await timeGets("get: getImmutable (SHA-256 per reply)", (i) => readers[i % readers.length]!.getImmutable(plainKeys[i]!));
await timeGets("get: getValue of a mutable key (no verify)", (i) => readers[i % readers.length]!.getValue(mutableKeys[i]!));
await timeGets("get: getMutable (verify, ask k closest)", (i) => readers[i % readers.length]!.getMutable(owner.publicKey, { salt: new Uint8Array([i]) }));
await net.stop();
