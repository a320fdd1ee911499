// Shared flat config. `plexus({ layer })` adds the dependency-direction rules of
// docs/ARCHITECTURE.md: each layer may import only the packages listed for it.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const PLEXUS = ["@plexus/core", "@plexus/wire", "@plexus/storage", "@plexus/node", "@plexus/realtime",
  "@plexus/transport-udp", "@plexus/transport-memory", "plexus"];

/** Which workspace packages each layer may import (besides itself). */
const ALLOWED = {
  core: [],
  wire: ["@plexus/core"],
  storage: ["@plexus/core"],
  "transport-memory": ["@plexus/core"],
  "transport-udp": ["@plexus/core"],
  // transport-memory only for @plexus/node/testing (createTestnet); src/ proper gets its transport injected.
  node: ["@plexus/core", "@plexus/wire", "@plexus/storage", "@plexus/transport-memory"],
  // A protocol layer on the engine's registry.
  realtime: ["@plexus/core", "@plexus/wire", "@plexus/node"],
  facade: PLEXUS,
  app: PLEXUS,
};

function restrictions(layer) {
  const allowed = new Set(ALLOWED[layer] ?? PLEXUS);
  const banned = PLEXUS.filter((p) => !allowed.has(p) && `@plexus/${layer}` !== p);
  const patterns = banned.map((name) => ({
    group: [name, `${name}/*`],
    message: `The ${layer} layer must not depend on ${name} (see docs/ARCHITECTURE.md).`,
  }));
  if (layer === "core") {
    patterns.push({ group: ["node:*"], message: "@plexus/core is pure: no Node built-ins." });
    patterns.push({ group: ["msgpackr"], message: "@plexus/core has no runtime dependencies." });
  }
  if (["wire", "storage", "transport-memory"].includes(layer)) {
    patterns.push({ group: ["node:*"], message: `${layer} stays portable: no Node built-ins.` });
  }
  return patterns;
}

/** @param {{ layer: keyof typeof ALLOWED }} options */
export function plexus({ layer }) {
  const pure = layer === "core";
  return tseslint.config(
    { ignores: ["dist/**", "coverage/**", "out/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      files: ["**/*.ts"],
      rules: {
        "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        "@typescript-eslint/consistent-type-imports": "error",
        "no-restricted-syntax": ["error", { selector: "TSEnumDeclaration", message: "Use an `as const` object, not an enum." }],
      },
    },
    {
      files: ["src/**/*.ts"],
      rules: {
        "no-restricted-imports": ["error", { patterns: restrictions(layer) }],
        ...(pure
          ? {
              "no-restricted-globals": ["error",
                { name: "Date", message: "Time comes from the injected Clock." },
                { name: "setTimeout", message: "Timers come from the injected Clock." },
                { name: "setInterval", message: "Timers come from the injected Clock." },
                { name: "Buffer", message: "Use Uint8Array." },
                { name: "process", message: "@plexus/core is pure." }],
              "no-restricted-properties": ["error",
                { object: "Math", property: "random", message: "Randomness comes from the injected Random." }],
            }
          : {}),
      },
    },
  );
}

export default plexus({ layer: "app" });
