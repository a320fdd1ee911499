import { createDebugLogger } from "@plexus/core";
import type { Logger } from "@plexus/core";

/**
 * The default `logger` component: the namespaces named by `process.env.DEBUG` (read once,
 * here, at creation: `DEBUG=plexus:* node app.js`, `DEBUG=plexus:lookup,plexus:rpc`) to
 * stderr, each line starting with an ISO timestamp and carrying `label` (the engine passes
 * its id's first 8 hex digits, so the nodes of one process tell apart).
 */
export function processLogger(label?: string): Logger {
  return createDebugLogger({
    debug: process.env.DEBUG, label,
    write: (line) => { process.stderr.write(line); },
    timestamp: () => new Date().toISOString(),
  });
}
