/**
 * Wire codes of the realtime message types (docs/protocol.md, section 12; 0x0b..0x1f are
 * this layer's). Requests odd, replies even; DELIVER and DIRECT are answered with the
 * Kademlia ACK, so 0x10 and 0x12 stay reserved.
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
} as const;
