import { createDebugLogger } from "@plexus/core";
import type { Log } from "@plexus/core";

/** The transport's log namespace. */
export const UDP_LOG = "plexus:udp";

/** `plexus:udp` of the `DEBUG`-driven stderr logger (`process.env.DEBUG` read now). */
export function processLog(): Log {
  return createDebugLogger({
    debug: process.env.DEBUG, write: (line) => { process.stderr.write(line); }, timestamp: () => new Date().toISOString(),
  }).forComponent(UDP_LOG);
}
