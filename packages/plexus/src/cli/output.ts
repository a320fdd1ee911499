/**
 * Where the `plexus` command writes: results on stdout (plain text, or one JSON object per
 * line with `--json`), logs on stderr (a readable line, or one JSON object per line).
 */
import { toHex } from "@plexus/core";

/** A log line's fields: plain values only (bytes become hex). */
export type LogFields = Readonly<Record<string, unknown>>;

/** The writer each command receives: `result()` for what it answers, `log()` for what happens. */
export interface Output {
  readonly json: boolean;
  /** A result on stdout: `text` in plain mode, `fields` as one JSON line with `--json`. */
  result(text: string, fields: LogFields): void;
  /** A log line on stderr: `event` and a readable message, or one JSON line with `--json`. */
  log(event: string, message: string, fields?: LogFields): void;
}

/** The streams an {@link Output} writes to (a test can pass its own). */
export interface OutputStreams {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
}

/** Makes the writer; `json` picks one JSON object per line on both streams. */
export function createOutput(json: boolean, streams: OutputStreams = process): Output {
  return {
    json,
    result(text, fields) {
      streams.stdout.write(json ? `${JSON.stringify(plain(fields))}\n` : `${text}\n`);
    },
    log(event, message, fields = {}) {
      const time = new Date().toISOString();
      streams.stderr.write(json
        ? `${JSON.stringify({ time, event, ...(plain(fields) as LogFields) })}\n`
        : `${time.slice(11, 23)} ${event.padEnd(10)} ${message}\n`);
    },
  };
}

/** A copy that JSON can carry: `Uint8Array` as hex, `bigint` as a string, nested objects copied (depth 8). */
export function plain(value: unknown, depth = 0): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (typeof value === "bigint") return value.toString();
  if (depth >= 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]));
}

/** A value as one line of text: strings as they are, bytes as `0x` + hex, anything else as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return `0x${toHex(value)}`;
  return JSON.stringify(plain(value));
}

/** The first 8 hex characters of an id, for readable logs. */
export function shortId(id: Uint8Array | string): string {
  return (typeof id === "string" ? id : toHex(id)).slice(0, 8);
}
