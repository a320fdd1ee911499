// Shared vitest settings: resolve workspace packages to their TypeScript sources through
// the "@plexus/source" export condition, so tests need no prior build.
export const sourceConditions = ["@plexus/source", "import", "module", "node", "default"];

/** Base options for one vitest project. */
export function project(name, include, extra = {}) {
  return {
    extends: false,
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: { name, include, environment: "node", ...extra },
  };
}
