// Shared vitest settings: resolve workspace packages to their TypeScript sources through
// the "@plexus/source" export condition, so tests need no prior build.
import { fileURLToPath } from "node:url";

export const sourceConditions = ["@plexus/source", "import", "module", "node", "default"];

/** Sets one fast-check seed for every property test that passes none (fast-check-seed.js). */
export const fastCheckSetup = fileURLToPath(new URL("./fast-check-seed.js", import.meta.url));

/** Base options for one vitest project. */
export function project(name, include, extra = {}) {
  return {
    extends: false,
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: { name, include, environment: "node", setupFiles: [fastCheckSetup], ...extra },
  };
}
