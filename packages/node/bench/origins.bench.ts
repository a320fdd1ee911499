/**
 * CPU cost of origin signatures (docs/protocol.md 10.7), per message:
 * - sign (the origin, once per message) and check (every receiver of a first copy: SHA-256
 *   of the key, the payload, one ed25519 verify) for 64 B and 960 B of data;
 * - the whole receiving check (OriginGuard: rate buckets, signature, replay window);
 * - one broadcast over a 200-node in-process network (transport-memory, zero latency,
 *   manual clock), verifying origins vs not: CPU time per broadcast, i.e. per 199 deliveries.
 * Run (measures the built package: build first, e.g. `pnpm turbo run build --filter=@plexus/node...`):
 *   node --import tsx packages/node/bench/origins.bench.ts
 */
import { performance } from "node:perf_hooks";
import { createTestnet } from "@plexus/node/testing";
import { checkOrigin, identityFromPrivateKey, NO_SCOPE, OriginGuard, OriginKind, signOrigin } from "@plexus/node";
import { ManualClock } from "@plexus/core/testing";

function perOp(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 200); i++) fn(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const us = ((performance.now() - start) * 1000) / n;
  console.log(`${label.padEnd(48)} ${us.toFixed(1).padStart(8)} µs/op  ${Math.round(1e6 / us).toLocaleString("en").padStart(9)} op/s`);
}

const identity = identityFromPrivateKey(new Uint8Array(32).fill(1));
const id = new Uint8Array(16).fill(5);
const N = 5_000;
for (const size of [64, 960]) {
  const fields = { origin: identity.id, id, scope: NO_SCOPE, data: new Uint8Array(size).fill(7) };
  perOp(`sign a broadcast (${size} B data)`, N, (i) => signOrigin(identity, OriginKind.BROADCAST, fields, i + 1));
  const auth = signOrigin(identity, OriginKind.BROADCAST, fields, 1);
  perOp(`check its signature (${size} B data)`, N, () => checkOrigin(auth, OriginKind.BROADCAST, fields));
}
const fields = { origin: identity.id, id, scope: NO_SCOPE, data: new Uint8Array(64).fill(7) };
const auths = Array.from({ length: N + 200 }, (_, i) => signOrigin(identity, OriginKind.BROADCAST, fields, i + 1));
const guard = new OriginGuard(new ManualClock(), { verify: true, perOriginPerSecond: Infinity, perSubnetPerSecond: Infinity });
const from = { host: "198.18.0.1", port: 1 };
perOp("OriginGuard.check, first copy (64 B data)", N, (i) => guard.check(OriginKind.BROADCAST, fields, auths[i], from));

async function broadcastCpu(verifyOrigins: boolean): Promise<number> {
  const net = await createTestnet({ size: 200, seed: 9, latency: { minMs: 0, maxMs: 0 }, init: { verifyOrigins } });
  const data = new Uint8Array(64).fill(1);
  const ROUNDS = 20;
  await net.settle(net.nodes[0]!.broadcast(data)); // warm-up
  await net.run(1_000);
  const start = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) {
    await net.settle(net.nodes[i % 200]!.broadcast(data));
    await net.run(1_000);
  }
  const used = process.cpuUsage(start);
  await net.stop();
  return (used.user + used.system) / 1000 / ROUNDS;
}
const off = await broadcastCpu(false);
const on = await broadcastCpu(true);
console.log(`one broadcast to 200 nodes (CPU, whole simulation): ${off.toFixed(1)} ms unverified, ${on.toFixed(1)} ms verified ` +
  `(+${(((on - off) * 1000) / 199).toFixed(0)} µs per delivery)`);
