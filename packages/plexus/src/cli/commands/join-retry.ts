/**
 * The join of a long-lived node: tried again while no bootstrap node answers, so a node
 * started before its bootstrap still joins. Bounded by {@link JOIN_ATTEMPTS}; the node
 * serves others throughout and stops retrying when it closes.
 */
import type { Address } from "@plexus/core";
import type { Node } from "../../node.js";
import { show } from "../client.js";
import type { Output } from "../output.js";

/** Join attempts of `plexus node` before it gives up and waits for others to find it. */
export const JOIN_ATTEMPTS = 12;
/** Pause between two join attempts, in ms. */
export const JOIN_RETRY_MS = 5_000;

/** Joins through `bootstrap`, logging each failure with what to do; never rejects. */
export function joinInBackground(node: Node, bootstrap: readonly Address[], out: Output): void {
  const where = bootstrap.map(show).join(", ");
  const attempt = async (n: number): Promise<void> => {
    try {
      await node.connect(bootstrap);
    } catch (error) {
      if (node.address === undefined) return; // closed meanwhile
      const last = n >= JOIN_ATTEMPTS;
      out.log("joinfail", `could not join through ${where} (${(error as Error).message}); ` +
        (last ? "giving up: this node still serves and others may join through it"
          : `retrying in ${JOIN_RETRY_MS / 1000} s (attempt ${n}/${JOIN_ATTEMPTS}) — is a node running there?`),
      { bootstrap: where, attempt: n, code: (error as { code?: string }).code });
      if (!last) setTimeout(() => void attempt(n + 1), JOIN_RETRY_MS).unref();
    }
  };
  void attempt(1);
}
