import type { Log, LogFields, Logger } from "./contracts.js";
import { namespaceFilter } from "./log-namespaces.js";

/** Options of {@link createDebugLogger}. */
export interface DebugLoggerOptions {
  /** The `DEBUG` value naming the enabled namespaces (see `namespaceFilter`). */
  readonly debug: string | undefined;
  /** Receives each finished line, newline included (stderr in a process). */
  readonly write: (line: string) => void;
  /** Shown after the namespace on every line: which node speaks (a short id). @default none */
  readonly label?: string | undefined;
  /**
   * The timestamp at the start of each line (an ISO string, as `debug` prints when stderr
   * is not a terminal). @default none
   */
  readonly timestamp?: () => string;
}

/**
 * A {@link Logger} writing `debug` lines of the namespaces `debug` enables, and `info`,
 * `warn` and `error` lines of the same namespaces, as
 * `[timestamp ]namespace[ label] level message key=value ...`. Warnings and errors of a
 * disabled namespace are dropped too: without `DEBUG` a library stays silent.
 */
export function createDebugLogger(options: DebugLoggerOptions): Logger {
  if (options.debug === undefined || options.debug.trim() === "") return silentLogger; // shared: nothing per node
  const enabled = namespaceFilter(options.debug);
  return { forComponent: (namespace) => (enabled(namespace) ? new LineLog(namespace, options) : silentLog) };
}

/** A log that writes nothing (a disabled namespace, a node told to be quiet). */
export const silentLog: Log = Object.freeze({
  enabled: false, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined,
});

/** A logger whose every namespace is silent. */
export const silentLogger: Logger = Object.freeze({ forComponent: () => silentLog });

class LineLog implements Log {
  readonly enabled = true;
  readonly #prefix: string;
  readonly #options: DebugLoggerOptions;

  constructor(namespace: string, options: DebugLoggerOptions) {
    this.#prefix = options.label === undefined ? namespace : `${namespace} ${options.label}`;
    this.#options = options;
  }

  debug(message: string, fields?: LogFields): void { this.#line("debug", message, fields); }
  info(message: string, fields?: LogFields): void { this.#line("info", message, fields); }
  warn(message: string, fields?: LogFields): void { this.#line("warn", message, fields); }
  error(message: string, fields?: LogFields): void { this.#line("error", message, fields); }

  #line(level: string, message: string, fields: LogFields | undefined): void {
    const time = this.#options.timestamp?.();
    let line = `${time === undefined ? "" : `${time} `}${this.#prefix} ${level} ${message}`;
    if (fields) for (const [key, value] of Object.entries(fields)) line += ` ${key}=${formatValue(value)}`;
    this.#options.write(`${line}\n`);
  }
}

/** One field's value on a line: strings with spaces quoted, errors by code and message, fractions to 3 decimals. */
function formatValue(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return JSON.stringify(typeof code === "string" ? `${code}: ${value.message}` : value.message);
  }
  if (typeof value === "object" && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return "[unserializable]";
    }
  }
  return String(value);
}
