/**
 * A strict reader of the Prometheus text exposition format 0.0.4 (the rules of
 * prometheus/docs "Exposition formats"), for tests: it throws on anything the format does
 * not allow or that Prometheus would reject at scrape time.
 */
export interface Family {
  readonly name: string;
  readonly help: string | undefined;
  readonly type: string;
  readonly samples: Array<{ name: string; labels: Record<string, string>; value: number }>;
}

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const FLOAT = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

export function parsePrometheus(text: string): Map<string, Family> {
  if (!text.endsWith("\n")) throw new Error("the text must end with a newline");
  const families = new Map<string, Family>();
  const closed = new Set<string>();
  const seen = new Set<string>();
  let current: Family | undefined;
  const lines = text.slice(0, -1).split("\n");
  for (const [n, line] of lines.entries()) {
    const fail = (why: string): never => { throw new Error(`line ${n + 1}: ${why}: ${JSON.stringify(line)}`); };
    if (line === "") fail("empty line");
    const comment = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (comment) {
      const [, kind, name, rest] = comment as unknown as [string, string, string, string];
      if (!METRIC.test(name)) fail("bad metric name");
      if (closed.has(name)) fail("family appears twice");
      if (current && current.name !== name) { closed.add(current.name); current = undefined; }
      const family = current ?? { name, help: undefined, type: "untyped", samples: [] };
      if (family.samples.length > 0) fail(`${kind} after samples`);
      if (kind === "HELP") {
        if (family.help !== undefined) fail("second HELP");
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ""))) fail("bad escape in HELP");
        (family as { help: string }).help = rest;
      } else {
        if (!TYPES.has(rest)) fail("unknown TYPE");
        (family as { type: string }).type = rest;
      }
      families.set(name, family);
      current = family;
      continue;
    }
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line) ?? fail("bad sample");
    const [, name, labelText, valueText] = m as unknown as [string, string, string | undefined, string];
    if (!FLOAT.test(valueText)) fail("bad value");
    const labels = parseLabels(labelText ?? "", fail);
    const base = current && (name === current.name || (current.type === "histogram" && /_(bucket|sum|count)$/.test(name)
      && name.replace(/_(bucket|sum|count)$/, "") === current.name)) ? current : undefined;
    if (!base) fail("sample outside its family (or before its TYPE)");
    const key = `${name}{${Object.entries(labels).sort().map(([k, v]) => `${k}=${v}`).join(",")}}`;
    if (seen.has(key)) fail("duplicate sample");
    seen.add(key);
    base!.samples.push({ name, labels, value: Number(valueText.replace("Inf", "Infinity")) });
  }
  for (const family of families.values()) checkFamily(family);
  return families;
}

function parseLabels(text: string, fail: (why: string) => never): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest !== "") {
    const m = /^([^=]+)="((?:[^"\\]|\\[\\"n])*)"(,?)/.exec(rest) ?? fail("bad labels");
    const [all, name, raw, comma] = m as unknown as [string, string, string, string];
    if (!LABEL.test(name) || name in labels) fail(`bad or repeated label ${name}`);
    labels[name] = raw.replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));
    rest = rest.slice(all.length);
    if (comma === "" && rest !== "") fail("missing comma");
  }
  return labels;
}

function checkFamily(f: Family): void {
  if (f.type === "counter") {
    if (!f.name.endsWith("_total")) throw new Error(`${f.name}: counter without _total`);
    for (const s of f.samples) if (!(s.value >= 0)) throw new Error(`${f.name}: negative counter`);
  }
  if (f.type !== "histogram") return;
  const buckets = f.samples.filter((s) => s.name.endsWith("_bucket"));
  const count = f.samples.find((s) => s.name.endsWith("_count"));
  if (!count || !f.samples.some((s) => s.name.endsWith("_sum"))) throw new Error(`${f.name}: no _sum or _count`);
  let previousLe = -Infinity;
  let previous = 0;
  for (const b of buckets) {
    const le = b.labels.le === "+Inf" ? Infinity : Number(b.labels.le);
    if (b.labels.le === undefined || !(le > previousLe)) throw new Error(`${f.name}: le missing or not ascending`);
    if (b.value < previous) throw new Error(`${f.name}: buckets not cumulative`);
    previousLe = le;
    previous = b.value;
  }
  if (previousLe !== Infinity || previous !== count.value) throw new Error(`${f.name}: +Inf bucket missing or not equal to _count`);
}
