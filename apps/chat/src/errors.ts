import { PlexusError } from "plexus";

/** Error codes the chat reports (in `error` events), besides any Plexus code passed through. */
export type ChatErrorCode =
  | "ERR_UNKNOWN_COMMAND"
  | "ERR_USAGE"
  | "ERR_UNKNOWN_NICK"
  | "ERR_UNREACHABLE"
  | "ERR_TIMEOUT"
  | "ERR_NOT_IN_ROOM"
  | "ERR_INVALID_ARGUMENT"
  | "ERR_TOO_LONG";

/** A chat-level failure; `code` is the contract (as for every `PlexusError`). */
export class ChatError extends PlexusError<ChatErrorCode> {}

/** The `code` and `message` of any thrown value, for an `error` event. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return { code: "ERR_TIMEOUT", message: error.message };
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === "string" ? code : "ERR_INTERNAL", message: error.message };
  }
  return { code: "ERR_INTERNAL", message: String(error) };
}
