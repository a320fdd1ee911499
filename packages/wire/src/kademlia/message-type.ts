/**
 * Wire codes of the Kademlia message types (docs/protocol.md, section 4). Requests have odd
 * codes and their replies the next even code; ERROR (0x7f) answers any request. Codes
 * 0x0b..0x7e are for the types of layers (`createCodec({ messages })`), registered in
 * docs/protocol.md section 11; 0x0b..0x1f are the realtime layer's.
 */
export const KademliaMessageType = {
  PING: 0x01,
  PONG: 0x02,
  FIND_NODE: 0x03,
  NODES: 0x04,
  FIND_VALUE: 0x05,
  VALUE: 0x06,
  STORE: 0x07,
  STORED: 0x08,
  BROADCAST: 0x09,
  ACK: 0x0a,
  ERROR: 0x7f,
} as const;
