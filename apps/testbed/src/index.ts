/**
 * @plexus/testbed: real networks on one machine (network namespaces, NAT routers,
 * IPv4/IPv6) running real plexus nodes. Private; `pnpm testbed` runs it.
 * @packageDocumentation
 */
export { runTestbed } from "./run.js";
export { AgentClient } from "./agent/client.js";
export type { RunOptions, RunResult, JoinResult, HostReachability } from "./run.js";
export { Lab, sweepStale } from "./lab/lab.js";
export { buildTopology } from "./lab/build.js";
export type { BuiltHost } from "./lab/build.js";
export { parseTopology, loadTopology, HOST_KINDS, FAMILIES } from "./lab/topology.js";
export type { Topology, HostSpec, HostKind, Family } from "./lab/topology.js";
export { table, renderText, renderMarkdown, writeReport, reachabilityLines } from "./report.js";
export type { Cell, Feature } from "./scenarios/matrix.js";
