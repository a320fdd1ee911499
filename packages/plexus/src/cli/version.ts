/** The package's version, read from its package.json (one level above src/ and dist/). */
import { readFileSync } from "node:fs";

function readVersion(): string {
  for (const path of ["../../package.json", "../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "plexus" && typeof manifest.version === "string") return manifest.version;
    } catch {
      // try the next location
    }
  }
  return "0.0.0";
}

/** `plexus --version`. */
export const VERSION = readVersion();
