import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Chat } from "../src/chat.js";
import { TerminalUi } from "../src/terminal.js";

/** A terminal on in-memory streams: what the chat writes is collected as text. */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk: Buffer) => { written += chunk.toString("utf8"); });
  const ui = new TerminalUi(input as unknown as NodeJS.ReadStream, output as unknown as NodeJS.WriteStream, false);
  ui.observe({ type: "ready", nick: "alice" } as Parameters<TerminalUi["observe"]>[0]);
  return { ui, input, text: () => written };
}

/** A chat that is never asked anything (Ctrl-C comes before any line). */
const idleChat = { run: () => Promise.resolve(true) } as unknown as Chat;

/** The text after the last line break: what the shell's prompt would follow. */
const lastLine = (text: string): string => text.slice(text.lastIndexOf("\n") + 1);

describe("TerminalUi leaves a clean line for the shell", () => {
  it("after Ctrl-C, what is printed while quitting has no prompt after it", async () => {
    const { ui, input, text } = terminal();
    const running = ui.run(idleChat);
    input.write("half typed");
    input.write("\x03"); // Ctrl-C
    await running;
    ui.print("* alice left #lobby");
    ui.close();
    ui.print("bye");
    const out = text();
    console.log(JSON.stringify(out.slice(-80)));
    expect(out).toContain("* alice left #lobby\n");
    expect(out.endsWith("bye\n")).toBe(true);
    expect(out.slice(out.lastIndexOf("* alice left"))).not.toContain("alice>");
  });

  it("a close from a signal removes the prompt and the partial input from its line", async () => {
    const { ui, input, text } = terminal();
    void ui.run(idleChat);
    input.write("half typed");
    ui.close();
    const out = text();
    console.log(JSON.stringify(out.slice(-80)));
    // Clear line (ESC[2K) then cursor to column 1 (ESC[1G): nothing of the prompt is left after it.
    expect(lastLine(out).endsWith("\x1b[2K\x1b[1G")).toBe(true);
  });
});
