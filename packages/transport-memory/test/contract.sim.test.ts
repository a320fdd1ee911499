import type { TransportHarness } from "@plexus/core/contract";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { transportContract } from "@plexus/core/contract";
import { PlexusError } from "@plexus/core";
import type { LatencyModel, MemoryNetwork } from "../src/index.js";
import { createMemoryNetwork } from "../src/index.js";

function harness(seed: number, latency: LatencyModel): TransportHarness {
  let clock = new ManualClock();
  let network: MemoryNetwork | undefined;
  return {
    beforeEach() {
      clock = new ManualClock();
      network = createMemoryNetwork({ clock, random: new SeededRandom(seed), latency });
    },
    create() {
      return network!.createTransport();
    },
    async within<T>(promise: Promise<T>, deadlineMs: number): Promise<T> {
      let settled = false;
      const mark = (): void => {
        settled = true;
      };
      promise.then(mark, mark);
      await clock.runUntil(() => settled, deadlineMs);
      if (!settled) throw new PlexusError("ERR_TIMEOUT", `not settled within ${deadlineMs} ms of clock time`);
      return promise;
    },
    async settle() {
      const done = await clock.runUntil(() => network!.stats().inFlight === 0, 60_000);
      if (!done) throw new PlexusError("ERR_TIMEOUT", "datagrams still in flight");
    },
  };
}

transportContract("transport-memory, seed 1, fixed 10 ms", harness(1, 10));
transportContract("transport-memory, seed 2, per-link 5..80 ms", harness(2, { minMs: 5, maxMs: 80 }));
transportContract("transport-memory, seed 3, zero latency", harness(3, 0));
transportContract("transport-memory, seed 4, 20 ± 15 ms jitter", harness(4, { meanMs: 20, jitterMs: 15 }));
