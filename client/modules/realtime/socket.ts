import { type Accessor, createEffect, createSignal, onCleanup } from "solid-js";
import { io, type Socket } from "socket.io-client";
import type {
  ClientToServerEvents,
  PresenceUpdate,
  ServerToClientEvents,
} from "../../../shared/protocol/socket-events.ts";

/** The client's end of Caseroom's Socket.IO channel (DESIGN §2, §11), typed with the shared event maps. */
export type CaseroomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type Connection = { userId: string; socket: CaseroomSocket };

const [connection, setConnection] = createSignal<Connection>();
const [isConnected, setConnected] = createSignal(false);
let signingOut = false;

/**
 * The one Socket.IO connection of the signed-in session: opened for `userId`, or the one already
 * open for them. Another user's connection is closed first.
 */
export function connectSocket(userId: string): CaseroomSocket {
  const current = connection();
  if (current?.userId === userId) return current.socket;
  disconnectSocket();
  const socket: CaseroomSocket = io({ path: "/socket.io/", transports: ["websocket"], withCredentials: true });
  socket.on("connect", () => setConnected(true));
  socket.on("disconnect", () => setConnected(false));
  setConnection({ userId, socket });
  return socket;
}

/** Close the session's connection (signed out, or nobody signed in). */
export function disconnectSocket(): void {
  const current = connection();
  if (!current) return;
  current.socket.removeAllListeners();
  current.socket.disconnect();
  setConnection(undefined);
  setConnected(false);
}

/** The session's connection, if one is open; reactive. */
export function currentSocket(): CaseroomSocket | undefined {
  return connection()?.socket;
}

/** Whether the session's connection is up; reactive. */
export const socketConnected: Accessor<boolean> = isConnected;

/**
 * Sign-out is under way in this tab: the server's `access:revoked` (signed out) that follows is
 * expected, not news. Reset with `false` if signing out failed.
 */
export function expectSignOut(expected: boolean): void {
  signingOut = expected;
}

export function isSigningOut(): boolean {
  return signingOut;
}

/**
 * Listen to a server event for as long as the calling component (or root) lives, on whatever
 * connection the session has at the time: the listener moves to a new connection by itself.
 */
export function onSocketEvent<E extends keyof ServerToClientEvents>(
  event: E,
  handler: ServerToClientEvents[E],
): void {
  createEffect(() => {
    const socket = currentSocket();
    if (!socket) return;
    // The typed overloads of `on`/`off` do not accept a generic event name.
    type Listener = (...args: unknown[]) => void;
    const untyped = socket as unknown as { on(event: string, listener: Listener): void; off(event: string, listener: Listener): void };
    const listener = handler as Listener;
    untyped.on(event, listener);
    onCleanup(() => untyped.off(event, listener));
  });
}

/** How long the first attempt waits for the server's answer; each next one waits twice as long. */
const PRESENCE_ACK_MS = 1000;
const PRESENCE_ATTEMPTS = 4;
let presenceGeneration = 0;

/**
 * Tell the server where the user is in a case. An update the server does not acknowledge (lost
 * on a connection that was dropping, or refused while the socket's rooms were being set up) is
 * sent again, the latest one only.
 */
export function sendPresence(update: PresenceUpdate): void {
  const socket = currentSocket();
  if (!socket?.connected) return;
  presenceGeneration += 1;
  const generation = presenceGeneration;
  const attempt = (left: number, waitMs: number) => {
    let answered = false;
    const again = (delayMs: number) => {
      if (left <= 1 || generation !== presenceGeneration || !socket.connected) return;
      setTimeout(() => attempt(left - 1, waitMs * 2), delayMs);
    };
    const timer = setTimeout(() => {
      if (!answered) again(0);
    }, waitMs);
    socket.emit("presence:update", update, (result) => {
      answered = true;
      clearTimeout(timer);
      if (!result.ok) again(250);
    });
  };
  attempt(PRESENCE_ATTEMPTS, PRESENCE_ACK_MS);
}
