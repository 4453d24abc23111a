import type { DirectionReceived } from "../../../shared/protocol/socket-events.ts";
import { currentSocket } from "../realtime/socket.ts";

/** The id and version of the direction an event carries, read loosely: a receipt never waits on the rest. */
export function receiptOf(direction: unknown): DirectionReceived | undefined {
  if (typeof direction !== "object" || direction === null) return undefined;
  const { id, version } = direction as { id?: unknown; version?: unknown };
  if (typeof id !== "string" || id === "" || id.length > 64) return undefined;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) return undefined;
  return { directionId: id, version };
}

/**
 * Tell the server this direction (version) reached the user: it records the receipt. A receipt
 * lost with a dropping connection is not sent again from here: on the next connection the server
 * sends every direction the user has not received, and that one is reported then.
 */
export function reportDirectionReceived(receipt: DirectionReceived): void {
  const socket = currentSocket();
  if (socket?.connected) socket.emit("direction:received", receipt);
}
