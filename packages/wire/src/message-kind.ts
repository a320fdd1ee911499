import { isRequestType } from "./envelope.js";
import type { Message, RequestMessage, ResponseMessage } from "./messages.js";

/** True for PING, FIND_NODE, FIND_VALUE, STORE and BROADCAST: messages that expect a reply. */
export function isRequest(m: Message): m is RequestMessage {
  return isRequestType(m.type);
}

/** True for PONG, NODES, VALUE, STORED, ACK and ERROR: messages that answer a request by `rid`. */
export function isResponse(m: Message): m is ResponseMessage {
  return !isRequestType(m.type);
}
