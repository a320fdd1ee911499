/**
 * A replica's thread (see `Scenario.workers`): builds the scenario's network, makes its
 * stores, says "ready", waits for "go", runs its share of the lookup phase and posts the
 * samples. The parent terminates it then.
 */
import { parentPort, workerData } from "node:worker_threads";
import { collectGarbage } from "../gc.js";
import { lookupShare } from "../measure/lookups.js";
import { storePhase } from "../measure/storage.js";
import { churnEventsOf } from "../scenario.js";
import type { Scenario } from "../scenario.js";
import { World } from "../world.js";
import type { ReplicaMessage, ReplicaStart } from "./protocol.js";

const port = parentPort!;
const { scenario, index } = workerData as ReplicaStart;
const post = (message: ReplicaMessage): void => port.postMessage(message);

async function main(s: Scenario): Promise<void> {
  const world = new World(s);
  await world.build();
  await storePhase(world, s.stores);
  const go = new Promise<void>((resolve) => port.once("message", () => resolve()));
  // As on the first replica: the build's garbage is not charged to the timed lookup window.
  collectGarbage();
  post({ type: "ready" });
  await go;
  const { samples } = await lookupShare(world, s.lookups, s.durationMs, s.k, churnEventsOf(s), { index, of: s.workers });
  post({ type: "samples", samples });
}

main(scenario).catch((err: unknown) => {
  post({ type: "error", message: err instanceof Error ? err.stack ?? err.message : String(err) });
});
