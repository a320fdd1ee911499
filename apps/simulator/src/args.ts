import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { DEFAULT_SCENARIO, SWEEPABLE, parseLatency, validateScenario } from "./scenario.js";
import type { Scenario, Study, SweepKey } from "./scenario.js";

/** Parsed command line. */
export interface CliOptions {
  readonly study: Study;
  /** Output directory as given (resolved by the caller), or undefined for out/<name>. */
  readonly out: string | undefined;
  readonly quiet: boolean;
  readonly help: boolean;
}

/** `--flag` name to scenario field. */
const FLAGS: Record<string, keyof Scenario> = {
  "name": "name", "seed": "seed", "nodes": "nodes", "join": "join", "join-batch": "joinBatch",
  "latency": "latency", "loss": "loss", "churn": "churn", "kill": "kill", "lookups": "lookups",
  "kill-lookups": "killLookups", "stores": "stores", "gets": "gets", "broadcasts": "broadcasts",
  "topics": "topics", "subscribers": "subscribers", "publishes": "publishes", "directs": "directs",
  "k": "k", "alpha": "alpha", "redundancy": "redundancy", "duration-ms": "durationMs",
  "workers": "workers", "route-cache": "routeCache", "one-hop": "oneHop", "repeats": "repeats",
};

/** Usage text of `pnpm sim -- --help`. */
export const USAGE = `Usage: pnpm sim -- [--scenario file.json] [flags]

Scenario flags (defaults in brackets; a flag marked * may take a comma list, which sweeps it):
  --nodes N *          nodes built by real joins [${DEFAULT_SCENARIO.nodes}]
  --join random|bootstrap   join through a random joined node or always the first [random]
  --join-batch N *     nodes joining at once while building (1 = sequential) [16]
  --latency M          30 | 5-50 (per link) | 5-50+10 (jitter) | 40~10 (mean±) [5-50]
  --loss P *           datagram loss probability [0]
  --churn F *          fraction of nodes replaced during the lookup phase [0]
  --kill F *           fraction killed at once after the lookup phase [${DEFAULT_SCENARIO.kill}]
  --lookups N          lookups over --duration-ms [${DEFAULT_SCENARIO.lookups}]
  --kill-lookups N     lookups right after the kill [${DEFAULT_SCENARIO.killLookups}]
  --stores N, --gets N values put before, got after the kill [${DEFAULT_SCENARIO.stores}, ${DEFAULT_SCENARIO.gets}]
  --broadcasts N       broadcasts after the kill [${DEFAULT_SCENARIO.broadcasts}]
  --topics N           topics for the realtime phase (0 and --directs 0: none) [0]
  --subscribers N      subscribers per topic [20]
  --publishes N        publications per topic, before a 10% churn (+1 after) [5]
  --directs N          direct messages before and after the 10% churn [0]
  --k N *, --alpha N *, --redundancy N *   protocol settings [20, 3, 2]
  --duration-ms MS     simulated length of the lookup/churn phase [${DEFAULT_SCENARIO.durationMs}]
  --route-cache N *    route cache entries per node (engine routeCache.maxEntries; 0 off) [${DEFAULT_SCENARIO.routeCache}]
  --one-hop N *        one-hop mode, full table of up to N nodes (engine oneHop; 0 off) [${DEFAULT_SCENARIO.oneHop}]
  --repeats N          keys put twice by one node and got twice by another, before the
                       kill: requests and clock time of first and repeat operations,
                       and the nodes' network size estimates ("repeat" in results.json) [0]
  --workers N          replicas of the network sharing the lookup phase, one thread
                       each (memory x N; use 1 for 100,000 nodes) [${DEFAULT_SCENARIO.workers}]
  --verify-identities  nodes carry ed25519 identities and prove their ids before
                       others admit them (the engine's default; off here for speed)
  --seed N             [1]
  --name NAME          study name [scenario file name, or default]
Output:
  --out DIR            [apps/simulator/out/<name>]
  --quiet              no progress bar, no summary
`;

function parseValue(field: keyof Scenario, text: string): unknown {
  if (field === "name" || field === "join") return text;
  if (field === "latency") return parseLatency(text);
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) throw new Error(`--${field}: not a number: ${text}`);
  return n;
}

/** Splits a field given as a list (JSON array or comma list) into a sweep. */
function takeSweep(raw: Record<string, unknown>, current: Study["sweep"]): Study["sweep"] {
  let sweep = current;
  for (const [field, value] of Object.entries(raw)) {
    if (!Array.isArray(value)) continue;
    if (!SWEEPABLE.includes(field as SweepKey)) throw new Error(`${field} cannot be swept (sweepable: ${SWEEPABLE.join(", ")})`);
    if (sweep && sweep.key !== field) throw new Error(`only one field may take a list (${sweep.key} and ${field})`);
    const values = value.map(Number);
    if (values.length === 0 || values.some((v) => !Number.isFinite(v))) throw new Error(`${field}: bad list`);
    sweep = { key: field as SweepKey, values };
    raw[field] = values[0];
  }
  return sweep;
}

/**
 * Parses `argv` (without node and script): a scenario file first, flags over it.
 * @throws Error on an unknown flag or a bad value.
 */
export function parseArgs(argv: readonly string[]): CliOptions {
  let file: Record<string, unknown> = {};
  let fileName: string | undefined;
  const flags: Record<string, unknown> = {};
  let out: string | undefined, quiet = false, help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    if (arg === "--help" || arg === "-h") { help = true; continue; }
    if (arg === "--quiet") { quiet = true; continue; }
    if (arg === "--verify-identities") { flags.verifyIdentities = true; continue; }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") ? arg.slice(2, eq === -1 ? undefined : eq) : "";
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (name === "scenario") {
      file = JSON.parse(readFileSync(value, "utf8")) as Record<string, unknown>;
      fileName = basename(value, extname(value));
    } else if (name === "out") {
      out = value;
    } else if (name in FLAGS) {
      const field = FLAGS[name]!;
      const parts = value.split(",");
      flags[field] = parts.length > 1 ? parts.map((p) => parseValue(field, p)) : parseValue(field, value);
    } else {
      throw new Error(`unknown flag ${arg} (see --help)`);
    }
  }
  if (typeof file.latency === "string") file.latency = parseLatency(file.latency);
  // A list on the command line replaces a list in the file; a single value overrides it.
  const fileSweep = takeSweep(file, undefined);
  const sweep = takeSweep(flags, undefined) ?? (fileSweep && !(fileSweep.key in flags) ? fileSweep : undefined);
  const name = (flags.name ?? file.name ?? fileName ?? (sweep ? `sweep-${sweep.key}` : "default")) as string;
  const base = validateScenario({ ...DEFAULT_SCENARIO, ...file, ...flags, name } as Scenario);
  if (sweep) for (const v of sweep.values) validateScenario({ ...base, [sweep.key]: v });
  return { study: { base, sweep }, out, quiet, help };
}
