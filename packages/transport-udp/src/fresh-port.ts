import { createSocket } from "node:dgram";
import type { Address } from "@plexus/core";
import type { SocketType } from "./address.js";
import { socketHost } from "./address.js";

/** Fresh-port sockets open at once; sends beyond it are dropped (each lives for one datagram). */
export const MAX_FRESH_SOCKETS = 4;

/**
 * Sends one datagram from a new socket bound to `host` on a port the OS picks, then closes it:
 * a source (address, port) the receiver has never sent to, so that a stateful firewall in
 * front of it treats the datagram as unsolicited (a dial-back, docs/protocol.md 10.10). The
 * caller counts; `done(false)` when it could not be sent. Bound: {@link MAX_FRESH_SOCKETS}
 * sockets open, counted by `open`.
 */
export function sendFromFreshPort(host: string, type: SocketType, to: Address, data: Uint8Array,
  open: { count: number }, done: (sent: boolean) => void): void {
  const target = socketHost(to, type);
  if (target === undefined || open.count >= MAX_FRESH_SOCKETS) {
    done(false);
    return;
  }
  open.count++;
  const socket = createSocket({ type });
  let finished = false;
  const finish = (sent: boolean): void => {
    if (finished) return;
    finished = true;
    open.count--;
    try {
      socket.close();
    } catch { /* already closed */ }
    done(sent);
  };
  socket.on("error", () => finish(false));
  try {
    socket.bind({ port: 0, address: host, exclusive: true }, () => {
      try {
        socket.send(data, to.port, target, (err) => finish(!err));
      } catch {
        finish(false);
      }
    });
  } catch {
    finish(false);
  }
}
