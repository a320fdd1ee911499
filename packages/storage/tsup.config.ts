import { defineConfig } from "tsup";

export default defineConfig({
  entry: { "index": "src/index.ts", "lmdb/index": "src/lmdb/index.ts", "testing/index": "src/testing/index.ts" },
  format: ["esm"],
  dts: true,
  target: "node20",
  sourcemap: true,
  clean: true,
  // The contract suite runs inside the caller's vitest and lmdb ships a native addon: never bundle them.
  external: ["vitest", "lmdb"],
});
