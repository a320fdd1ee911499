/**
 * The JavaScript error codes raised by Plexus packages. Match on `err.code`, never on the
 * message text. Packages may raise codes of their own (e.g. `@plexus/wire`'s
 * `WireDecodeError` codes); those extend this list through the generic parameter.
 */
export type PlexusErrorCode =
  | "ERR_INVALID_ID"
  | "ERR_INVALID_ARGUMENT"
  | "ERR_INVALID_ADDRESS"
  | "ERR_ABORTED"
  | "ERR_TIMEOUT"
  | "ERR_RPC_TIMEOUT"
  | "ERR_NOT_STARTED"
  | "ERR_STOPPED"
  | "ERR_TOO_MANY_REQUESTS"
  | "ERR_VALUE_TOO_LARGE"
  | "ERR_STORE_FULL"
  | "ERR_NOT_FOUND"
  | "ERR_NO_CONTACTS"
  | "ERR_JOIN_FAILED"
  | "ERR_TRANSPORT"
  | "ERR_REMOTE";

/**
 * Base class of every error Plexus throws. `code` is the contract; `cause` follows the
 * standard `Error` option.
 */
export class PlexusError<C extends string = PlexusErrorCode> extends Error {
  /** Stable, machine-readable error code. */
  readonly code: C;

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PlexusError";
    this.code = code;
  }
}

/** True when `err` is a {@link PlexusError}, optionally with the given code. */
export function isPlexusError<C extends string = string>(
  err: unknown,
  code?: C,
): err is PlexusError<C> {
  return err instanceof PlexusError && (code === undefined || err.code === code);
}
