/**
 * The agent: runs inside one emulated host (`ip netns exec`), owns one real `plexus` node
 * with its defaults, and obeys JSON commands on stdin, one per line, answering each with
 * one JSON line on stdout (`{ seq, ok, ...result }` or `{ seq, ok: false, error }`).
 * stdin/stdout are the control channel: pipes to the controller, outside the emulated network.
 */
import { createInterface } from "node:readline";
import { Node } from "plexus";
import { perform } from "./commands.js";
import type { AgentState, Command } from "./commands.js";

const state: AgentState = { node: undefined, heard: [] };
const print = (line: object): void => { process.stdout.write(`${JSON.stringify(line)}\n`); };

createInterface({ input: process.stdin })
  .on("line", (line) => {
    let command: Command;
    try {
      command = JSON.parse(line) as Command;
    } catch {
      print({ seq: -1, ok: false, error: "bad json" });
      return;
    }
    const signal = AbortSignal.timeout(command.timeoutMs ?? 10_000);
    perform(state, command, signal, (options) => new Node(options)).then(
      (result) => print({ seq: command.seq, ok: true, ...result }),
      (error: unknown) => print({ seq: command.seq, ok: false, error: (error as { code?: string }).code ?? String(error) }),
    );
  })
  .on("close", () => {
    void (state.node?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
print({ seq: 0, ok: true, ready: true });
