import { readFileSync } from "node:fs";
import os from "node:os";

/** Where the numbers were taken. */
export interface MachineInfo {
  readonly date: string;
  readonly node: string;
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly platform: string;
}

/** Reads the machine description (CPU model from /proc/cpuinfo where there is one). */
export function machineInfo(now: Date = new Date()): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? "unknown";
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1] !== undefined) cpuModel = match[1].trim();
  } catch {
    // Not Linux: keep os.cpus()'s model.
  }
  return {
    date: now.toISOString().slice(0, 10),
    node: process.version,
    cores: os.availableParallelism(),
    cpuModel,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()}`,
  };
}
