import { defineConfig } from "tsup";

export default defineConfig({
  // `pnpm testbed` runs dist/cli.js; every emulated host runs dist/agent.js in its namespace.
  entry: { "index": "src/index.ts", "cli": "src/cli.ts", "agent": "src/agent/main.ts" },
  format: ["esm"],
  dts: true,
  target: "node20",
  sourcemap: true,
  clean: true,
});
