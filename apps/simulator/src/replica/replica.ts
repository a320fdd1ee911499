import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LookupSample } from "../measure/lookup.js";
import type { Scenario } from "../scenario.js";
import type { ReplicaMessage, ReplicaStart } from "./protocol.js";

/**
 * The worker's entry, always built JS: `replica-worker.js` beside this module in `dist/`.
 * From the TypeScript sources (vitest), the one in this package's `dist/`: a worker thread
 * cannot load TypeScript on Node 20 (the parent's loader hooks do not reach it), so code
 * that starts replicas from sources needs a build first (the tests make one, see
 * test/support/build.ts).
 */
const WORKER_ENTRY = new URL(import.meta.url.endsWith(".ts") ? "../../dist/replica-worker.js" : "./replica-worker.js", import.meta.url);

/**
 * A copy of the scenario's network in a worker thread that runs one share of the lookup
 * phase (see `Scenario.workers`). Its build starts at once, alongside the caller's.
 */
export class Replica {
  readonly #worker: Worker;
  readonly #ready: Promise<void>;
  readonly #samples: Promise<(LookupSample | null)[]>;
  #finished = false;

  constructor(scenario: Scenario, index: number) {
    const start: ReplicaStart = { scenario, index };
    if (!existsSync(WORKER_ENTRY)) {
      throw new Error(`simulator: ${fileURLToPath(WORKER_ENTRY)} is missing; build first: pnpm turbo run build --filter=@plexus/simulator...`);
    }
    this.#worker = new Worker(WORKER_ENTRY, { workerData: start, execArgv: [] });
    let onReady!: () => void;
    let onSamples!: (samples: (LookupSample | null)[]) => void;
    let onFail!: (err: Error) => void;
    const failed = new Promise<never>((_resolve, reject) => { onFail = reject; });
    this.#ready = Promise.race([new Promise<void>((resolve) => { onReady = resolve; }), failed]);
    this.#samples = Promise.race([new Promise<(LookupSample | null)[]>((resolve) => { onSamples = resolve; }), failed]);
    // Observed through ready() / samples(); these keep an early failure from going unhandled.
    this.#ready.catch(() => undefined);
    this.#samples.catch(() => undefined);
    this.#worker.on("message", (message: ReplicaMessage) => {
      if (message.type === "ready") onReady();
      else if (message.type === "samples") {
        this.#finished = true;
        onSamples(message.samples);
      } else onFail(new Error(`simulator: replica ${index} failed: ${message.message}`));
    });
    this.#worker.once("error", (err) => onFail(err));
    this.#worker.once("exit", (code) => {
      if (!this.#finished) onFail(new Error(`simulator: replica ${index} exited (code ${code}) before it finished`));
    });
  }

  /** Resolves once its network is built and its stores are made. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Starts its share of the lookup phase. */
  go(): void {
    this.#worker.postMessage("go");
  }

  /** Its share's samples, in lookup order. */
  samples(): Promise<(LookupSample | null)[]> {
    return this.#samples;
  }

  /** Ends the thread (and frees its network). */
  async stop(): Promise<void> {
    this.#finished = true;
    await this.#worker.terminate();
  }
}
