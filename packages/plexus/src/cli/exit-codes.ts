/**
 * Exit codes of the `plexus` command (documented in the package README, "The plexus
 * command"). Scripts can rely on them.
 */
export const ExitCode = {
  /** The command did what was asked. */
  OK: 0,
  /** Not found (`get`), nobody accepted (`put`, `publish`, `send`), no reply (`ping`), or another failure. */
  FAILED: 1,
  /** Bad arguments or options: the message says which; `--help` shows the usage. */
  USAGE: 2,
  /** Could not join the network through the `--bootstrap` nodes. */
  JOIN_FAILED: 3,
  /** The `--timeout` deadline passed before the command finished. */
  TIMEOUT: 4,
  /** Interrupted by a second SIGINT/SIGTERM (128 + SIGINT). */
  INTERRUPTED: 130,
} as const;
/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * A failure the command reports as one line on stderr (what happened and what to do) and
 * turns into its exit code; anything else is printed with its `code` and exits 1.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** A usage error (exit 2) with the hint to look at `--help`. */
export function usageError(message: string): CliError {
  return new CliError(ExitCode.USAGE, `${message} (see \`plexus --help\`)`);
}
