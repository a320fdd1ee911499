import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Generous for a busy CI machine; each example takes a few seconds. */
const DEADLINE_MS = 45_000;

/** Runs an example as `pnpm example` does (one node process, TypeScript through tsx). */
function run(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = ["--conditions=@plexus/source", "--import", "tsx", join("examples", file)];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: DEADLINE_MS, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null; // null: killed at the deadline
      resolve({ code, stdout, stderr });
    });
  });
}

/** Each example with lines its output must contain (the values it reads back). */
const EXAMPLES: readonly (readonly [string, readonly (string | RegExp)[]])[] = [
  ["key-value.ts", [
    /^3 nodes joined through 127\.0\.0\.1:\d+$/m,
    'bob reads users/alice: {"name":"Alice","likes":["udp","kademlia"]}',
    "bob reads by hash: hello, content-addressed world",
    "bob reads a missing key: undefined",
    `bob reads alice's signed record: seq 2, "status: away"`,
  ]],
  ["topics.ts", ["alice", "bob", "carol"].flatMap((reader) =>
    ["alice", "bob", "carol"].map((from) => `${reader} got from ${from}: hello from ${from}`))],
  ["request-reply.ts", [
    /^calculator got a message from [0-9a-f]{8}: hello, calculator$/m,
    "client: message acknowledged",
    "client: sum(1, 2, 3, 4) = 10",
    "client: divide failed with ERR_REMOTE",
  ]],
  ["persistence.ts", [
    "same id: true",
    "second run, own copy: buy milk",
    "second run, from the network: buy milk",
  ]],
  ["custom-message.ts", [
    "b asks a to shout: HELLO, CUSTOM MESSAGE",
    "a answered SHOUT requests: 1",
  ]],
];

describe("examples/ run by themselves and print what they promise", () => {
  for (const [file, lines] of EXAMPLES) {
    it(file, async () => {
      const { code, stdout, stderr } = await run(file);
      console.log(`${file}:\n${stdout}${stderr}`);
      expect(code, stderr).toBe(0);
      for (const line of lines) {
        if (typeof line === "string") expect(stdout).toContain(line);
        else expect(stdout).toMatch(line);
      }
      expect(stdout.trimEnd().endsWith("done")).toBe(true);
    }, DEADLINE_MS + 15_000);
  }
});
