import { defineConfig } from "tsup";

export default defineConfig({
  entry: { "index": "src/index.ts", "testing/index": "src/testing/index.ts", contract: "src/testing/transport-contract.ts" },
  format: ["esm"],
  dts: true,
  target: "node20",
  sourcemap: true,
  clean: true,
  external: ["vitest"],
});
