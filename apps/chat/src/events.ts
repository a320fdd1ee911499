import type { Address } from "plexus";

/** A room message as shown (live or from history). */
export interface ShownMessage {
  readonly from: string;
  readonly fromId: string;
  readonly text: string;
  readonly ts: number;
  readonly msgId: string;
}

/** A member of a room, as `/who` lists it. */
export interface MemberView {
  readonly nick: string;
  readonly id: string;
  readonly self: boolean;
}

/**
 * Everything the chat reports. With `--json` each event is printed as one JSON object per
 * line, exactly these fields (the README lists them); otherwise it is rendered as text.
 */
export type ChatEvent =
  | { readonly type: "ready"; readonly address: Address; readonly id: string; readonly nick: string;
      readonly network: string }
  | { readonly type: "join"; readonly room: string; readonly nick: string; readonly id: string; readonly self: boolean }
  | { readonly type: "leave"; readonly room: string; readonly nick: string; readonly id: string; readonly self: boolean;
      readonly reason: "leave" | "quit" | "timeout" }
  | { readonly type: "nick"; readonly old: string; readonly nick: string; readonly id: string; readonly self: boolean }
  | ({ readonly type: "message"; readonly room: string; readonly self: boolean } & ShownMessage)
  | { readonly type: "direct"; readonly from: string; readonly fromId: string; readonly text: string;
      readonly ts: number; readonly msgId: string }
  | { readonly type: "sent"; readonly room?: string; readonly to?: string; readonly msgId: string;
      readonly delivered?: number; readonly stored?: number }
  | { readonly type: "history"; readonly room: string; readonly messages: readonly ShownMessage[] }
  | { readonly type: "presence"; readonly room: string; readonly members: readonly MemberView[] }
  | { readonly type: "help"; readonly commands: readonly { readonly usage: string; readonly summary: string }[] }
  | { readonly type: "error"; readonly code: string; readonly message: string }
  | { readonly type: "quit" };

/** Where the chat sends its events (the terminal or the JSON printer). */
export type EventSink = (event: ChatEvent) => void;
