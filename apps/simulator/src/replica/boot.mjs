// Starts the replica worker from the TypeScript sources (runs from source: `pnpm sim`, tests).
// A worker does not inherit the parent's `--import tsx` loader hooks on Node 20, so it
// loads the worker module through tsx's API instead.
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
