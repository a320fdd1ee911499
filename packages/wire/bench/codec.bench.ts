/**
 * Codec benchmark: encode and decode rates and encoded sizes for a FIND_NODE request and
 * NODES replies with 20 contacts, for Plexus (with validation), plain msgpackr and JSON.
 * Bounded: each cell runs for about MEASURE_MS. Run with `pnpm bench`.
 */
import { fromHex, toHex, type Contact } from "@plexus/core";
import { Packr } from "msgpackr";
import { decode, encode, type Message } from "../src/index.js";

const WARMUP_MS = 40;
const MEASURE_MS = 150;

const id = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);
const contacts = (v6: boolean): Contact[] =>
  Array.from({ length: 20 }, (_, i) => ({
    id: id(i + 1),
    host: v6 ? `2001:db8::${(i + 1).toString(16)}:1` : `203.0.113.${i + 1}`,
    port: 40000 + i,
  }));

const messages: Array<[string, Message]> = [
  ["FIND_NODE request", { type: "FIND_NODE", rid: 0x1234_5678, sender: id(0xee), target: id(0x77) }],
  ["NODES, 20 IPv4 contacts", { type: "NODES", rid: 0x1234_5678, sender: id(0xee), contacts: contacts(false) }],
  ["NODES, 20 IPv6 contacts", { type: "NODES", rid: 0x1234_5678, sender: id(0xee), contacts: contacts(true) }],
];

interface Codec {
  name: string;
  encode(m: Message): Uint8Array | string;
  decode(wire: Uint8Array | string): unknown;
  size(wire: Uint8Array | string): number;
}

const plain = new Packr({ useRecords: false });
const BYTE_FIELDS = new Set(["sender", "target", "id"]);
const utf8 = new TextEncoder();

const codecs: Codec[] = [
  {
    name: "Plexus encode / decode (validated)",
    encode: (m) => encode(m),
    decode: (w) => decode(w as Uint8Array),
    size: (w) => (w as Uint8Array).length,
  },
  {
    name: "msgpackr pack / unpack (same object, no validation)",
    encode: (m) => plain.pack(m),
    decode: (w) => plain.unpack(w as Uint8Array),
    size: (w) => (w as Uint8Array).length,
  },
  {
    name: "JSON stringify / parse (bytes as hex)",
    encode: (m) => JSON.stringify(m, (_k, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v)),
    decode: (w) => JSON.parse(w as string, (k, v: unknown) => (BYTE_FIELDS.has(k) && typeof v === "string" ? fromHex(v) : v)),
    size: (w) => utf8.encode(w as string).length,
  },
];

let sink = 0;

/** Operations per second of `fn`, run for about MEASURE_MS after a short warm-up. */
function rate(fn: () => unknown): number {
  const until = (ms: number) => {
    const start = performance.now();
    let ops = 0;
    let batch = 16;
    while (performance.now() - start < ms) {
      for (let i = 0; i < batch; i++) if (fn() !== undefined) sink++;
      ops += batch;
      if (batch < 4096) batch *= 2;
    }
    return ops / ((performance.now() - start) / 1000);
  };
  until(WARMUP_MS);
  return until(MEASURE_MS);
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

const rows: string[] = [];
for (const [label, message] of messages) {
  for (const codec of codecs) {
    const wire = codec.encode(message);
    const enc = rate(() => codec.encode(message));
    const dec = rate(() => codec.decode(wire));
    rows.push(`| ${label} | ${codec.name} | ${fmt(enc)} | ${fmt(dec)} | ${codec.size(wire)} |`);
  }
}

console.log(`Plexus wire codec benchmark (node ${process.version}, ${MEASURE_MS} ms per cell)\n`);
console.log("| message | codec | encode ops/s | decode ops/s | bytes |");
console.log("| --- | --- | ---: | ---: | ---: |");
for (const row of rows) console.log(row);
console.log(
  "\nJSON bytes are hex strings (converted back to Uint8Array by a reviver); msgpackr packs the" +
    "\nmessage object as a map with string keys; Plexus packs the positional envelope and" +
    "\nvalidates every field on decode (contacts: IP bytes <-> text). Sink: " + (sink > 0 ? "ok" : "0"),
);
