import { PlexusError } from "@plexus/core";
import { ProtocolErrorCode } from "@plexus/wire";

/**
 * JavaScript error codes of trusted storage (separate from the wire's protocol codes,
 * docs/protocol.md 10.5):
 * - `ERR_BAD_TOKEN`: a STORE without a valid store token (wire `BAD_TOKEN`).
 * - `ERR_BAD_RECORD`: a record that does not match its key or kind (wire `BAD_RECORD`).
 * - `ERR_BAD_SIGNATURE`: a mutable record whose signature does not verify.
 * - `ERR_SEQ_TOO_OLD`: a mutable record older than (or replaying the seq of) the stored one.
 * - `ERR_CAS_MISMATCH`: a compare-and-swap whose expected seq is not the stored one.
 * - `ERR_NO_IDENTITY`: signing needs the node's `identity` component.
 */
export type RecordErrorCode =
  | "ERR_BAD_TOKEN"
  | "ERR_BAD_RECORD"
  | "ERR_BAD_SIGNATURE"
  | "ERR_SEQ_TOO_OLD"
  | "ERR_CAS_MISMATCH"
  | "ERR_NO_IDENTITY";

/** A record was refused (locally or by the peers); `code` says why. */
export class RecordError extends PlexusError<RecordErrorCode> {
  constructor(code: RecordErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "RecordError";
  }
}

const BY_PROTOCOL = new Map<number, RecordErrorCode>([
  [ProtocolErrorCode.BAD_TOKEN, "ERR_BAD_TOKEN"],
  [ProtocolErrorCode.BAD_RECORD, "ERR_BAD_RECORD"],
  [ProtocolErrorCode.BAD_SIGNATURE, "ERR_BAD_SIGNATURE"],
  [ProtocolErrorCode.SEQ_TOO_OLD, "ERR_SEQ_TOO_OLD"],
  [ProtocolErrorCode.CAS_MISMATCH, "ERR_CAS_MISMATCH"],
]);

/** The JS code of a record-related protocol error code, or `undefined` for other codes. */
export function recordErrorCodeOf(protocolCode: number): RecordErrorCode | undefined {
  return BY_PROTOCOL.get(protocolCode);
}
