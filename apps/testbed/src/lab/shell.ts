import { execFileSync } from "node:child_process";

/** Runs a command and returns its stdout; throws with its stderr on a non-zero exit. */
export function sh(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`${command} ${args.join(" ")}: ${stderr.trim() || String(error)}`);
  }
}

/** Runs `command` inside network namespace `ns`. */
export function inNs(ns: string, command: string, args: readonly string[]): string {
  return sh("ip", ["netns", "exec", ns, command, ...args]);
}

/** Sets sysctls inside `ns` (`name=value` each). */
export function sysctl(ns: string, ...settings: string[]): void {
  inNs(ns, "sysctl", ["-qw", ...settings]);
}
