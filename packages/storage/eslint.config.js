import { plexus } from "@plexus/eslint-config";

export default [
  ...plexus({ layer: "storage" }),
  {
    // The ./lmdb entry is Node-only by nature (a native addon); its loader alone needs
    // node:module to require the optional peer dependency lazily (load-lmdb.ts).
    files: ["src/lmdb/load-lmdb.ts"],
    rules: { "no-restricted-imports": "off" },
  },
];
