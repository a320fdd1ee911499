import type { Contact } from "@plexus/core";
import type { GetResult } from "../query/types.js";

/**
 * A contact as the engine hands it out: a plain frozen object with its own copy of the id.
 * The routing table's entries are live objects with bookkeeping (`PeerContact`); handing
 * one out let a caller who set `port` on a `findNode()` result break routing (issue 17).
 * Every public API (results, generator events, node events) goes through this.
 */
export function publicContact(contact: Contact): Contact {
  return Object.freeze({ id: contact.id.slice(), host: contact.host, port: contact.port });
}

/** Copies of `contacts` (a fresh array the caller may change; the contacts are frozen). */
export function publicContacts(contacts: readonly Contact[]): Contact[] {
  return contacts.map(publicContact);
}

/** The contact-bearing fields of lookup, get and put events. */
interface ContactFields {
  readonly contact?: Contact;
  readonly contacts?: readonly Contact[];
  readonly from?: Contact | undefined;
}

/** `event` with its `contact`, `contacts` and `from` replaced by public copies; frozen. */
export function publicEvent<E extends object>(event: E): E {
  const e = event as ContactFields;
  const out: Record<string, unknown> = { ...(event as Record<string, unknown>) };
  if (e.contact) out["contact"] = publicContact(e.contact);
  if (e.contacts) out["contacts"] = Object.freeze(publicContacts(e.contacts));
  if (e.from) out["from"] = publicContact(e.from);
  return Object.freeze(out) as E;
}

/**
 * Runs `steps`, yielding each event as {@link publicEvent} and returning `result(value)`.
 * Breaking out of the outer loop returns the inner generator too, so in-flight requests
 * are cancelled as before.
 */
export async function* publicSteps<E extends object, R>(
  steps: AsyncGenerator<E, R, void>, result: (value: R) => R,
): AsyncGenerator<E, R, void> {
  let done = false;
  try {
    for (;;) {
      const step = await steps.next();
      if (step.done) {
        done = true;
        return result(step.value);
      }
      yield publicEvent(step.value);
    }
  } finally {
    if (!done) await steps.return(undefined as R);
  }
}

/** A get's outcome with its `from` / `closest` contacts as public copies. */
export function publicGetResult(result: GetResult): GetResult {
  if (result.found) return result.from ? { ...result, from: publicContact(result.from) } : result;
  return { ...result, closest: publicContacts(result.closest) };
}
