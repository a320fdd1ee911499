import { describe, expect, it } from "vitest";
import { Chat } from "../src/chat.js";
import { parseCommand } from "../src/commands.js";
import { EventLog, FakeHub } from "./support/fake-network.js";

const PRESENCE_MS = 20;

interface Client {
  readonly id: string;
  readonly chat: Chat;
  readonly log: EventLog;
  readonly run: (line: string) => Promise<boolean>;
}

async function client(hub: FakeHub, nick: string): Promise<Client> {
  const log = new EventLog();
  const net = hub.node();
  const chat = new Chat(net, { nick, presenceMs: PRESENCE_MS }, log.sink);
  await chat.start();
  return { id: net.idHex, chat, log, run: (line) => chat.run(parseCommand(line)) };
}

describe("Chat on a fake network", () => {
  it("talks in a room, renames, sends direct messages and shows history to a late joiner", async () => {
    const hub = new FakeHub();
    const alice = await client(hub, "alice");
    const bob = await client(hub, "bob");
    await alice.log.waitFor("join", (e) => e.nick === "bob" && !e.self);

    await alice.run("hello");
    expect(await bob.log.waitFor("message", (e) => e.from === "alice")).toMatchObject({ text: "hello", room: "#lobby", self: false });
    await alice.log.waitFor("sent", (e) => e.stored === 1);

    await bob.run("/nick robert");
    await alice.log.waitFor("nick", (e) => e.old === "bob" && e.nick === "robert");
    await bob.run("/msg alice psst");
    expect(await alice.log.waitFor("direct")).toMatchObject({ from: "robert", text: "psst" });

    const carol = await client(hub, "carol");
    const history = await carol.log.waitFor("history");
    expect(history.messages.map((m) => `${m.from}: ${m.text}`)).toEqual(["alice: hello"]);

    // Rooms are separate: a message in #dev does not reach #lobby, and /msg finds nicks through the directory.
    await carol.run("/join dev");
    await carol.log.waitFor("history", (e) => e.room === "#dev");
    await alice.log.waitFor("leave", (e) => e.nick === "carol" && e.reason === "leave");
    await carol.run("in dev");
    await alice.run("/msg carol are you in dev?");
    await carol.log.waitFor("direct", (e) => e.from === "alice");
    expect(alice.log.events.some((e) => e.type === "message" && e.text === "in dev")).toBe(false);

    const mark = alice.log.events.length;
    await alice.run("/who");
    const who = await alice.log.waitFor("presence", () => true, mark);
    expect(who.members.map((m) => m.nick)).toEqual(["alice", "robert"]);

    for (const c of [alice, bob, carol]) await c.chat.quit();
  });

  it("reports errors as events and keeps running", async () => {
    const hub = new FakeHub();
    const alice = await client(hub, "alice");
    await alice.run("/msg nobody hi");
    await alice.log.waitFor("error", (e) => e.code === "ERR_UNKNOWN_NICK");
    await alice.run("/nope");
    await alice.log.waitFor("error", (e) => e.code === "ERR_UNKNOWN_COMMAND");
    await alice.run("/leave");
    await alice.run("anyone?");
    await alice.log.waitFor("error", (e) => e.code === "ERR_NOT_IN_ROOM");
    expect(await alice.run("/quit")).toBe(false);
    await alice.log.waitFor("quit");
    expect(await alice.run("after quit")).toBe(false);
  });

  it("drops a member that stops beating, then tells /who", async () => {
    const hub = new FakeHub();
    const alice = await client(hub, "alice");
    const bob = await client(hub, "bob");
    await alice.log.waitFor("join", (e) => e.nick === "bob");
    hub.silence(bob.id);
    const left = await alice.log.waitFor("leave", (e) => e.nick === "bob");
    expect(left.reason).toBe("timeout");
    const mark = alice.log.events.length;
    await alice.run("/who");
    expect((await alice.log.waitFor("presence", () => true, mark)).members.map((m) => m.nick)).toEqual(["alice"]);
    await Promise.all([alice.chat.quit(), bob.chat.quit()]);
  });
});
