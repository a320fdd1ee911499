/**
 * Protocol error codes carried in ERROR messages (docs/protocol.md, section 5; not JS
 * error codes). Codes 16-31 belong to the realtime layer, 0x20-0x24 to trusted storage.
 */
export const ProtocolErrorCode = {
  /** The request could not be decoded or was invalid. */
  BAD_REQUEST: 1,
  /** The receiver's store is full. */
  STORE_FULL: 2,
  /** The value is larger than the receiver accepts. */
  VALUE_TOO_LARGE: 3,
  /** The receiver is overloaded; retry later. */
  BUSY: 4,
  /** The message type is not supported by this receiver. */
  UNSUPPORTED: 5,
  /**
   * The reply is larger than what the unproven source address sent: repeat the request with
   * the address token this ERROR carries (extension key 3; docs/protocol.md 10.6).
   */
  RETRY_WITH_TOKEN: 6,
  /** Realtime (16-31): a REQUEST reached a node with no request handler. */
  NO_HANDLER: 16,
  /** Realtime: the receiver's request handler failed (threw or returned no bytes). */
  HANDLER_FAILED: 17,
  /** STORE without a valid store token for the sender's address (docs/protocol.md 10.3). */
  BAD_TOKEN: 0x20,
  /** A record that does not match its key or kind: hash mismatch, bad envelope, kind conflict (10.4). */
  BAD_RECORD: 0x21,
  /** A mutable record whose signature does not verify (10.4). */
  BAD_SIGNATURE: 0x22,
  /** A mutable record whose seq is below the stored one, or equal with a different value (10.4). */
  SEQ_TOO_OLD: 0x23,
  /** A mutable STORE whose `cas` is not the stored seq (10.4). */
  CAS_MISMATCH: 0x24,
} as const;
