/**
 * `--identity FILE`: the node's ed25519 key pair kept in a file, so a node without
 * `--data-dir` keeps its id across restarts. The file holds the 32-byte private key seed
 * as 64 hex characters (one line). A missing file is created with a fresh key, mode 0600.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createIdentity, identityFromPrivateKey } from "@plexus/node";
import type { NodeIdentity } from "@plexus/node";
import { fromHex } from "@plexus/core";
import { CliError, ExitCode } from "./exit-codes.js";

/** Reads the key in `path`, or creates the file with a fresh key; `created` says which. */
export function loadOrCreateIdentity(path: string): { identity: NodeIdentity; created: boolean } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new CliError(ExitCode.FAILED, `cannot read identity file ${path}: ${(error as Error).message}`);
    }
    const identity = createIdentity();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${Buffer.from(identity.exportPrivateKey()).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return { identity, created: true };
  }
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new CliError(ExitCode.USAGE, `identity file ${path} must hold 64 hex characters (an ed25519 private key ` +
      "seed); delete it to have a new one created");
  }
  return { identity: identityFromPrivateKey(fromHex(hex)), created: false };
}
