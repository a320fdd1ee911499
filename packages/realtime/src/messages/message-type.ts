/**
 * Wire codes of the realtime message types (docs/protocol.md, section 12; 0x0b..0x1f are
 * this layer's). Requests odd, replies even; DELIVER and DIRECT are answered with the
 * Kademlia ACK, so 0x10 and 0x12 stay reserved; so do 0x1a (PUNCH: ACK) and 0x1c (RELAY:
 * the target's answer). 0x15..0x1b: section 13, reaching nodes behind a NAT.
 */
export const RealtimeMessageType = {
  SUBSCRIBE: 0x0b,
  SUBSCRIBED: 0x0c,
  PUBLISH: 0x0d,
  PUBLISHED: 0x0e,
  DELIVER: 0x0f,
  DIRECT: 0x11,
  REQUEST: 0x13,
  REPLY: 0x14,
  RESERVE: 0x15,
  RESERVED: 0x16,
  CONNECT: 0x17,
  CONNECTED: 0x18,
  PUNCH: 0x19,
  RELAY: 0x1b,
} as const;
