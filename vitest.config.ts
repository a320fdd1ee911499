import { defineConfig } from "vitest/config";
import { project, sourceConditions } from "@plexus/vitest-config";

// Five tiers (STYLE.md): unit (pure), sim (transport-memory + manual clock), integration
// (real UDP on 127.0.0.1, port 0), fuzz (the 100,000-input and differential suites,
// seeded) and netns (root: hosts in network namespaces the test builds and removes).
// `vitest run` (pnpm test, CI) runs every project. Timeouts are generous so the suite
// passes on a busy machine; a heavy test still sets its own.
const tier = (suffix: string): string[] =>
  [`packages/*/test/**/*${suffix}`, `apps/*/test/**/*${suffix}`, `examples/test/**/*${suffix}`];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    projects: [
      project("unit", tier(".test.ts"), {
        exclude: ["**/*.sim.test.ts", "**/*.int.test.ts", "**/*.fuzz.test.ts", "**/*.netns.test.ts", "**/node_modules/**"],
        testTimeout: 30_000,
      }),
      project("sim", tier(".sim.test.ts"), {
        testTimeout: 120_000,
      }),
      project("integration", tier(".int.test.ts"), {
        testTimeout: 60_000,
        fileParallelism: false,
      }),
      project("fuzz", tier(".fuzz.test.ts"), {
        testTimeout: 120_000,
      }),
      project("netns", tier(".netns.test.ts"), {
        testTimeout: 120_000,
        fileParallelism: false,
      }),
    ],
  },
});
