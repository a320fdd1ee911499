import { defineConfig } from "tsup";

export default defineConfig({
  // `pnpm sim` runs dist/cli.js. The replica worker is its own file:
  // `new Worker(new URL("./replica-worker.js", import.meta.url))`.
  entry: { "index": "src/index.ts", "cli": "src/cli.ts", "replica-worker": "src/replica/worker.ts" },
  format: ["esm"],
  dts: true,
  target: "node20",
  sourcemap: true,
  clean: true,
});
