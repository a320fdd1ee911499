import { Worker } from "node:worker_threads";
import type { LookupSample } from "../measure/lookup.js";
import type { Scenario } from "../scenario.js";
import type { ReplicaMessage, ReplicaStart } from "./protocol.js";

/**
 * Running from TypeScript sources (tsx): the worker starts from `boot.mjs`, which loads
 * `worker.ts` through tsx, and resolves `@plexus/*` to their sources as this thread does.
 */
const FROM_SOURCE = import.meta.url.endsWith(".ts");

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
    this.#worker = new Worker(new URL(FROM_SOURCE ? "./boot.mjs" : "./replica-worker.js", import.meta.url), {
      workerData: start,
      execArgv: FROM_SOURCE ? ["--conditions=@plexus/source"] : [],
    });
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
