import * as readline from "node:readline";
import type { Chat } from "./chat.js";
import { parseCommand } from "./commands.js";
import type { ChatEvent } from "./events.js";
import { nickColor } from "./render.js";

/**
 * The interactive terminal: a readline prompt (`[#room] nick> `). Output goes through
 * {@link TerminalUi.print}, which clears the line being typed, prints above it and redraws
 * the prompt with the partial input and cursor, so incoming messages never break typing.
 * Once closed (end of {@link TerminalUi.run}, or {@link TerminalUi.close} on a signal) the
 * prompt is gone for good: what is printed while quitting goes out as plain lines, and the
 * cursor is left at the start of an empty line for the shell's prompt.
 */
export class TerminalUi {
  readonly #rl: readline.Interface;
  readonly #out: NodeJS.WriteStream;
  readonly #color: boolean;
  #room = "";
  #nick = "";
  #closed = false;

  constructor(input: NodeJS.ReadStream, out: NodeJS.WriteStream, color: boolean) {
    this.#out = out;
    this.#color = color;
    this.#rl = readline.createInterface({ input, output: out, terminal: true, historySize: 200 });
  }

  /** Prints text above the prompt, keeping what the user is typing. */
  print(text: string): void {
    if (this.#closed) return void this.#out.write(`${text}\n`);
    readline.clearLine(this.#out, 0);
    readline.cursorTo(this.#out, 0);
    this.#out.write(`${text}\n`);
    this.#rl.prompt(true);
  }

  /** Tracks the room and nick shown in the prompt. */
  observe(event: ChatEvent): void {
    if (event.type === "ready") this.#nick = event.nick;
    else if (event.type === "join" && event.self) this.#room = event.room;
    else if (event.type === "leave" && event.self && event.room === this.#room) this.#room = "";
    else if (event.type === "nick" && event.self) this.#nick = event.nick;
    else return;
    const nick = this.#color ? `\x1b[${nickColor(this.#nick)}m${this.#nick}\x1b[0m` : this.#nick;
    this.#rl.setPrompt(`${this.#room === "" ? "" : `[${this.#room}] `}${nick}> `);
  }

  /** Reads lines until /quit, Ctrl-C or Ctrl-D; commands run one at a time, in order. */
  async run(chat: Chat): Promise<void> {
    const rl = this.#rl;
    rl.prompt();
    await new Promise<void>((resolve) => {
      let queue = Promise.resolve(true);
      rl.on("line", (line) => {
        queue = queue.then(async (running) => {
          if (!running) return false;
          const more = await chat.run(parseCommand(line));
          if (more) rl.prompt(true);
          else resolve();
          return more;
        });
      });
      rl.on("SIGINT", () => resolve());
      rl.on("close", () => resolve());
    });
    this.close();
  }

  /** Removes the prompt (the cursor stays at the start of its line) and releases the terminal; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    readline.clearLine(this.#out, 0);
    readline.cursorTo(this.#out, 0);
    this.#rl.close();
  }
}
