import { defineConfig } from "tsup";

export default defineConfig({
  // The replica worker is its own file: `new Worker(new URL("./replica-worker.js", import.meta.url))`.
  entry: { "index": "src/index.ts", "replica-worker": "src/replica/worker.ts" },
  format: ["esm"],
  dts: true,
  target: "node20",
  sourcemap: true,
  clean: true,
});
