import type { TopicMessage, TopicSubscription } from "../../src/index.js";

/** Reads a subscription into an array in the background (no assertions in here). */
export function collect(sub: TopicSubscription): TopicMessage[] {
  const out: TopicMessage[] = [];
  void (async () => {
    try {
      for await (const m of sub) out.push(m);
    } catch {
      // aborted or stopped: the test looks at `out`
    }
  })();
  return out;
}
