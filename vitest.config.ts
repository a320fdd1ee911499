import { defineConfig } from "vitest/config";
import { project, sourceConditions } from "@plexus/vitest-config";

// Three tiers (STYLE.md): unit (pure), sim (transport-memory + manual clock),
// integration (real UDP on 127.0.0.1, port 0).
export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    projects: [
      project("unit", ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"], {
        exclude: ["**/*.sim.test.ts", "**/*.int.test.ts", "**/node_modules/**"],
      }),
      project("sim", ["packages/*/test/**/*.sim.test.ts", "apps/*/test/**/*.sim.test.ts"], {
        testTimeout: 120_000,
      }),
      project("integration", ["packages/*/test/**/*.int.test.ts", "apps/*/test/**/*.int.test.ts"], {
        testTimeout: 60_000,
        fileParallelism: false,
      }),
    ],
  },
});
