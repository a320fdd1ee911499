import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { RealtimeCounters } from "../src/stats.js";
import { TopicRegistry } from "../src/topics/subscriber-table.js";

function registry(share = 1 / 8, exemptLoopback = true) {
  const clock = new ManualClock();
  const counters = new RealtimeCounters();
  const table = new TopicRegistry({
    clock, counters, maxTopics: 64, maxSubscribersPerTopic: 16, maxSubscribeSharePerSubnet: share, exemptLoopback,
  });
  return { clock, counters, table };
}

const random = new SeededRandom(18);
const contact = (host: string) => ({ id: random.bytes(32).slice(), host, port: 1 });

describe("TopicRegistry shares", () => {
  it("one /24 creates at most its share of topics; honest topics (4 per /24) evict its oldest when full", () => {
    const { counters, table } = registry();
    const flood: Uint8Array[] = [];
    for (let i = 0; i < 100; i++) {
      const topic = random.bytes(32).slice();
      if (table.subscribe(topic, contact(`198.19.7.${i % 200}`), 60_000, [])) flood.push(topic);
    }
    expect(flood.length).toBe(8); // 64 / 8
    const honest: Uint8Array[] = [];
    for (let i = 0; i < 60; i++) {
      const topic = random.bytes(32).slice();
      expect(table.subscribe(topic, contact(`198.18.${i % 15}.1`), 60_000, [])).toBe(true);
      honest.push(topic);
    }
    expect(table.topics).toBe(64);
    expect(honest.every((t) => table.live(t).length === 1)).toBe(true);
    expect(flood.filter((t) => table.live(t).length > 0).length).toBe(4);
    expect([counters.topicsEvicted, counters.subscribesOverShare]).toEqual([4, 92]);
  });

  it("one /24 holds at most its share of a topic; a full topic evicts the heaviest subnet's oldest", () => {
    const { counters, table } = registry(1 / 4);
    const topic = random.bytes(32).slice();
    let flood = 0;
    for (let i = 0; i < 10; i++) if (table.subscribe(topic, contact("198.19.7.1"), 60_000, [])) flood++;
    expect(flood).toBe(4); // 16 / 4
    for (let i = 0; i < 12; i++) expect(table.subscribe(topic, contact(`198.18.${i % 4}.1`), 60_000, [])).toBe(true);
    expect(table.live(topic).length).toBe(16);
    expect(table.subscribe(topic, contact("198.18.9.1"), 60_000, [])).toBe(true);
    expect(counters.subscribersEvicted).toBe(1);
    expect(table.live(topic).filter((s) => s.contact.host === "198.19.7.1").length).toBe(3);
  });

  it("loopback is one exempt source unless told otherwise", () => {
    const exempt = registry().table, counted = registry(1 / 8, false).table;
    let a = 0, b = 0;
    for (let i = 0; i < 20; i++) {
      if (exempt.subscribe(random.bytes(32).slice(), contact("127.0.0.1"), 60_000, [])) a++;
      if (counted.subscribe(random.bytes(32).slice(), contact("127.0.0.1"), 60_000, [])) b++;
    }
    expect([a, b]).toEqual([20, 8]);
  });
});
