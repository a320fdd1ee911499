import { afterAll, describe, expect, it } from "vitest";
import type { JsonEvent } from "./support/chat-process.js";
import { ChatProcess } from "./support/chat-process.js";

// Real UDP on 127.0.0.1, port 0. Heartbeats every 300 ms: a member missing 3 expires.
const PRESENCE = ["--presence-ms", "300"];
const running: ChatProcess[] = [];

function start(network: string, name: string, bootstrap?: JsonEvent): ChatProcess {
  const address = bootstrap?.["address"] as { host: string; port: number } | undefined;
  const chat = new ChatProcess(name, [...PRESENCE, "--port", "0", "--network", network,
    ...(address ? ["--bootstrap", `${address.host}:${address.port}`] : [])]);
  running.push(chat);
  return chat;
}

const ready = (chat: ChatProcess): Promise<JsonEvent> => chat.waitFor("ready", (e) => e.type === "ready");
const joined = (chat: ChatProcess, nick: string): Promise<JsonEvent> =>
  chat.waitFor(`join of ${nick}`, (e) => e.type === "join" && e["nick"] === nick && e["self"] === false);
const said = (chat: ChatProcess, from: string, text: string): Promise<JsonEvent> =>
  chat.waitFor(`"${text}" from ${from}`, (e) => e.type === "message" && e["from"] === from && e["text"] === text);

afterAll(async () => {
  await Promise.all(running.map((chat) => chat.kill("SIGKILL")));
});

// Both network adapters: the facade's topics and direct messages, and the broadcast fallback.
describe.each(["topics", "broadcast"])("chat over real UDP, %s adapter (four processes on 127.0.0.1)", (network) => {
  it("rooms, direct messages, history for a late joiner, presence expiry and clean quit", async () => {
    const alice = start(network, "alice");
    const aliceReady = await ready(alice);
    expect(aliceReady).toMatchObject({ address: { host: "127.0.0.1" }, network });
    const bob = start(network, "bob", aliceReady);
    const carol = start(network, "carol", aliceReady);
    await Promise.all([ready(bob), ready(carol)]);

    // Everyone sees everyone in #lobby.
    await Promise.all([joined(alice, "bob"), joined(alice, "carol"), joined(bob, "alice"), joined(bob, "carol"),
      joined(carol, "alice"), joined(carol, "bob")]);

    // Room messages reach every member; the author's copy is stored in the DHT ("sent").
    alice.write("hello from alice");
    await Promise.all([said(bob, "alice", "hello from alice"), said(carol, "alice", "hello from alice")]);
    bob.write("hi from bob");
    await Promise.all([said(alice, "bob", "hi from bob"), said(carol, "bob", "hi from bob")]);
    const stored = (chat: ChatProcess): Promise<JsonEvent> =>
      chat.waitFor("stored line", (e) => e.type === "sent" && e["room"] === "#lobby" && (e["stored"] as number) > 0);
    await Promise.all([stored(alice), stored(bob)]);

    // A direct message reaches only its recipient.
    bob.write("/msg carol psst, carol");
    const direct = await carol.waitFor("direct from bob", (e) => e.type === "direct");
    expect(direct).toMatchObject({ from: "bob", text: "psst, carol" });
    await bob.waitFor("direct sent", (e) => e.type === "sent" && e["to"] === "carol");
    expect(alice.events.some((e) => e.type === "direct")).toBe(false);

    // A late joiner (through bob) gets the room's recent history from the DHT.
    const dave = start(network, "dave", bob.events.find((e) => e.type === "ready"));
    const history = await dave.waitFor("history", (e) => e.type === "history");
    const lines = (history["messages"] as { from: string; text: string }[]).map((m) => `${m.from}: ${m.text}`);
    expect(lines).toEqual(["alice: hello from alice", "bob: hi from bob"]);
    await joined(alice, "dave");

    // A killed member expires from presence and from /who.
    await carol.kill("SIGKILL");
    const gone = await alice.waitFor("carol timing out", (e) => e.type === "leave" && e["nick"] === "carol");
    expect(gone["reason"]).toBe("timeout");
    const mark = alice.mark();
    alice.write("/who");
    const who = await alice.waitFor("/who", (e) => e.type === "presence", 5_000, mark);
    expect((who["members"] as { nick: string }[]).map((m) => m.nick)).toEqual(["alice", "bob", "dave"]);

    // A direct message to the dead member fails with a clear error, in bounded time.
    const bobMark = bob.mark();
    bob.write("/msg carol are you there?");
    const failed = await bob.waitFor("error", (e) => e.type === "error", 15_000, bobMark);
    expect(["ERR_UNREACHABLE", "ERR_TIMEOUT", "ERR_UNKNOWN_NICK"]).toContain(failed["code"]);

    // Unknown commands are errors; a clean /quit is announced to the room.
    const daveMark = dave.mark();
    dave.write("/frobnicate");
    await dave.waitFor("unknown command", (e) => e.type === "error" && e["code"] === "ERR_UNKNOWN_COMMAND", 5_000, daveMark);
    alice.write("/quit");
    const left = await bob.waitFor("alice quitting", (e) => e.type === "leave" && e["nick"] === "alice");
    expect(left["reason"]).toBe("quit");
    expect(await alice.exit()).toBe(0);
    for (const chat of [bob, dave]) chat.write("/quit");
    expect(await Promise.all([bob.exit(), dave.exit()])).toEqual([0, 0]);
  });
});
