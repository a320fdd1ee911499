import type { ChatNetwork, DirectHandler, TopicHandler } from "../../src/chat-network.js";
import { ChatError } from "../../src/errors.js";
import type { ChatEvent } from "../../src/events.js";

/** An in-process network for the chat logic: topics, direct messages and one shared key-value map. */
export class FakeHub {
  readonly #nodes = new Map<string, { topics: Map<string, Set<TopicHandler>>; direct?: DirectHandler }>();
  readonly #values = new Map<string, string>();
  readonly #silenced = new Set<string>(); // bound: the nodes of one test
  #next = 1;

  /** Makes a node go silent, as if its process were killed: it publishes nothing more. */
  silence(idHex: string): void {
    this.#silenced.add(idHex);
  }

  /** A new node on this hub. */
  node(): ChatNetwork {
    const idHex = (this.#next++).toString(16).padStart(64, "0");
    const state: { topics: Map<string, Set<TopicHandler>>; direct?: DirectHandler } = { topics: new Map() };
    this.#nodes.set(idHex, state);
    return {
      idHex, address: { host: "127.0.0.1", port: 40_000 + this.#next }, kind: "fake",
      join: async () => undefined,
      subscribe: (topic, handler) => {
        const set = state.topics.get(topic) ?? new Set();
        state.topics.set(topic, set.add(handler));
        return { ready: Promise.resolve(), unsubscribe: () => void set.delete(handler) };
      },
      publish: async (topic, data) => {
        let delivered = 0;
        if (this.#silenced.has(idHex)) return 0;
        for (const [id, other] of this.#nodes) {
          if (id === idHex) continue;
          for (const handler of other.topics.get(topic) ?? []) queueMicrotask(() => handler(data, idHex));
          delivered++;
        }
        return delivered;
      },
      send: async (to, data) => {
        const other = this.#nodes.get(to);
        if (other?.direct === undefined) throw new ChatError("ERR_UNREACHABLE", "gone");
        const handler = other.direct;
        queueMicrotask(() => handler(data, idHex));
      },
      onDirect: (handler) => (state.direct = handler),
      put: async (key, value) => {
        this.#values.set(key, value);
        return 1;
      },
      get: async (key) => this.#values.get(key),
      close: async () => void this.#nodes.delete(idHex),
    };
  }
}

/** Collects a client's events; `next()` waits for a matching one with a deadline. */
export class EventLog {
  readonly events: ChatEvent[] = [];
  readonly #waiters = new Set<() => void>();

  readonly sink = (event: ChatEvent): void => {
    this.events.push(event);
    for (const waiter of [...this.#waiters]) waiter();
  };

  /** The first event (from index `since`) that matches, or a rejection after `timeoutMs`. */
  waitFor<T extends ChatEvent["type"]>(type: T, match: (event: Extract<ChatEvent, { type: T }>) => boolean = () => true,
    since = 0, timeoutMs = 2_000): Promise<Extract<ChatEvent, { type: T }>> {
    return new Promise((resolve, reject) => {
      let index = since;
      const check = (): void => {
        for (; index < this.events.length; index++) {
          const event = this.events[index]!;
          if (event.type === type && match(event as Extract<ChatEvent, { type: T }>)) {
            finish();
            resolve(event as Extract<ChatEvent, { type: T }>);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${type} event within ${timeoutMs} ms; got ${JSON.stringify(this.events.slice(-5))}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }
}
