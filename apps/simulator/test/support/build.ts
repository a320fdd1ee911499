import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
/** A cold build of the simulator and its workspace dependencies takes ~2-3 min on 2 busy cores. */
export const BUILD_TIMEOUT_MS = 600_000;

/**
 * Builds the simulator and the `@plexus/*` packages it uses (turbo: cached when nothing
 * changed), so `dist/replica-worker.js` is the current sources built. Tests run from
 * sources, but a replica's worker thread cannot load TypeScript (see src/replica/replica.ts).
 * @throws Error with turbo's output when the build fails.
 */
export function buildSimulator(): void {
  try {
    execFileSync("pnpm", ["exec", "turbo", "run", "build", "--filter=@plexus/simulator...", "--output-logs=errors-only"],
      { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`the simulator's build failed:\n${stdout}${stderr}`.trim());
  }
}
