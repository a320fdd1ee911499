import { defineConfig } from "tsup";

export default defineConfig({
  // main.ts spawns `node dist/child.js` per library and round.
  entry: ["src/main.ts", "src/child.ts"],
  format: ["esm"],
  dts: false,
  target: "node20",
  sourcemap: true,
  clean: true,
  // devDependencies would be bundled; the libraries compared run from node_modules as
  // published, as plexus (a dependency, so external already) runs from its dist.
  external: ["bittorrent-dht", "hyperdht", "hyperswarm", "libp2p", /^@libp2p\//, /^@multiformats\//],
});
