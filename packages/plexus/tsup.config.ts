import { defineConfig } from "tsup";

export default defineConfig({
  // The library, the plexus/testnet subpath, and the `plexus` command (bin: dist/cli/main.js,
  // its shebang kept by esbuild; tsup marks it executable).
  entry: { index: "src/index.ts", testnet: "src/testnet.ts", "cli/main": "src/cli/main.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts", testnet: "src/testnet.ts" } },
  target: "node20",
  sourcemap: true,
  clean: true,
});
