/**
 * The direct-versus-relayed table: request and send per class of pairing (public -> NAT,
 * NAT -> NAT, ...; "NAT" is every host behind a router: cone, symmetric, firewall), per phase:
 * `ok/tried: d direct, p punched, r relayed`.
 */
import type { RunResult } from "./run.js";

const classOf = (kind: string): string => (kind === "public" ? "public" : "NAT");

export function viaTable(result: RunResult): string[][] {
  const cells = result.cells.filter((c) => c.feature === "request" || c.feature === "send");
  const kind = (i: number): string => result.hosts[i]!.spec.kind;
  const cols = [...new Set(cells.map((c) => `${c.feature}${c.phase === "initial" ? "" : ` ${c.phase}`}`))];
  const colOf = (c: (typeof cells)[number]): string => `${c.feature}${c.phase === "initial" ? "" : ` ${c.phase}`}`;
  const rowKeys = [...new Set(cells.flatMap((c) => [`${classOf(kind(c.from))} -> ${classOf(kind(c.to))}`, `${kind(c.from)} -> ${kind(c.to)}`]))].sort();
  const rows = rowKeys.map((key) => [key, ...cols.map((col) => {
    const mine = cells.filter((c) => colOf(c) === col && (`${classOf(kind(c.from))} -> ${classOf(kind(c.to))}` === key || `${kind(c.from)} -> ${kind(c.to)}` === key));
    if (mine.length === 0) return "";
    const n = (via: string): number => mine.filter((c) => c.ok && c.via === via).length;
    return `${mine.filter((c) => c.ok).length}/${mine.length}: ${n("direct")}d ${n("punched")}p ${n("relayed")}r`;
  })]);
  return [["pairing (request, send)", ...cols], ...rows];
}
