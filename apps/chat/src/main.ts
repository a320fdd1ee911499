import * as readline from "node:readline";
import type { CliOptions } from "./args.js";
import { USAGE, parseCli } from "./args.js";
import { Chat } from "./chat.js";
import type { ChatNetwork } from "./chat-network.js";
import { parseCommand } from "./commands.js";
import { describeError } from "./errors.js";
import type { ChatEvent } from "./events.js";
import { createNetwork } from "./network.js";
import { renderJson, renderText, useColor } from "./render.js";
import { TerminalUi } from "./terminal.js";

/** The chat CLI: parses arguments, binds a node, joins, then runs the terminal or the script reader. */
async function main(argv: readonly string[]): Promise<number> {
  let cli: CliOptions;
  try {
    cli = parseCli(argv);
  } catch (error) {
    process.stderr.write(`${describeError(error).message}\n${USAGE}\n`);
    return 2;
  }
  if (cli.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && !cli.json;
  const color = !cli.json && useColor(process.stdout, process.env);
  const ui = interactive ? new TerminalUi(process.stdin, process.stdout, color) : undefined;
  const emit = (event: ChatEvent): void => {
    if (cli.json) return void process.stdout.write(`${renderJson(event)}\n`);
    ui?.observe(event);
    const text = renderText(event, { color });
    if (text === undefined) return;
    if (ui) ui.print(text);
    else process.stdout.write(`${text}\n`);
  };
  let net: ChatNetwork;
  try {
    net = await createNetwork(cli.network, { host: cli.host, port: cli.port });
    await net.join(cli.bootstrap).catch(async (error: unknown) => {
      await net.close();
      throw error;
    });
  } catch (error) {
    const { code, message } = describeError(error);
    const via = cli.bootstrap.map((a) => `${a.host}:${a.port}`).join(", ");
    emit({ type: "error", code, message: code === "ERR_JOIN_FAILED" ? `could not join through ${via}: ${message}` : message });
    ui?.close();
    return 1;
  }
  const chat = new Chat(net, { nick: cli.nick, presenceMs: cli.presenceMs }, emit);
  // A signal from outside (kill, or Ctrl-C while stdin is not the terminal): the prompt goes first.
  const stop = (): void => {
    ui?.close();
    void chat.quit().then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  await chat.start(cli.room);
  if (ui) await ui.run(chat);
  else await runScript(chat, cli.stay);
  await chat.quit();
  ui?.close();
  return 0;
}

/**
 * Script mode (stdin not a terminal, or --json): one command or message per line, run in
 * order. At end of input it quits, unless `stay`: then it runs until /quit or a signal.
 */
async function runScript(chat: Chat, stay: boolean): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    if (!(await chat.run(parseCommand(line)))) return;
  }
  if (stay) await new Promise<never>(() => undefined); // the socket keeps the process alive; SIGTERM quits
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`chat: ${String(error)}\n`);
  process.exit(1);
});
