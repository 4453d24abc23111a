import { io, type Socket } from "socket.io-client";
import { eventually, type TestServer } from "./test-server.ts";

export type Received = { event: string; args: unknown[] };

/** A real socket.io-client socket that records every event it receives (`onAny`). */
export type RecordingSocket = {
  socket: Socket;
  /** Every event received, in order (reserved events such as `connect` are not events). */
  events: Received[];
  /** Why the socket was disconnected, once it was. */
  disconnectReasons: string[];
  /** `connect_error` messages. */
  connectErrors: string[];
  /** Events received with this name. */
  named(event: string): Received[];
  /** Resolves on `connect`, rejects with the `connect_error`. */
  connected(): Promise<void>;
  /** Resolves with the `connect_error` message; fails if the socket connects instead. */
  refused(timeoutMs?: number): Promise<string>;
  close(): void;
};

export type SocketOptions = {
  /** `Origin` header; the server's own origin unless set (`null`: none). */
  origin?: string | null;
  transports?: ("websocket" | "polling")[];
  reconnection?: boolean;
};

/**
 * Connect to the server's Socket.IO endpoint as a Node client with the given cookie header (or
 * none). Every received event is recorded.
 */
export function openSocket(server: Pick<TestServer, "url" | "origin">, cookie: string | null, options: SocketOptions = {}): RecordingSocket {
  const origin = options.origin === undefined ? server.origin : options.origin;
  const extraHeaders: Record<string, string> = {};
  if (cookie !== null) extraHeaders.cookie = cookie;
  if (origin !== null) extraHeaders.origin = origin;
  const socket = io(server.url, {
    path: "/socket.io/",
    transports: options.transports ?? ["websocket"],
    extraHeaders,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
    forceNew: true,
    timeout: 5000,
  });
  const events: Received[] = [];
  const disconnectReasons: string[] = [];
  const connectErrors: string[] = [];
  socket.onAny((event: string, ...args: unknown[]) => {
    events.push({ event, args });
  });
  socket.on("disconnect", (reason) => disconnectReasons.push(reason));
  socket.on("connect_error", (error) => connectErrors.push(error.message));
  return {
    socket,
    events,
    disconnectReasons,
    connectErrors,
    named: (event) => events.filter((e) => e.event === event),
    connected: () =>
      new Promise<void>((resolve, reject) => {
        if (socket.connected) return resolve();
        socket.once("connect", () => resolve());
        socket.once("connect_error", (error) => reject(error));
      }),
    refused: (timeoutMs = 5000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("neither connected nor refused")), timeoutMs);
        socket.once("connect", () => {
          clearTimeout(timer);
          reject(new Error("the socket connected"));
        });
        socket.once("connect_error", (error) => {
          clearTimeout(timer);
          resolve(error.message);
        });
      }),
    close: () => {
      socket.disconnect();
    },
  };
}

/** The server-side socket with this id (Socket.IO's client id is the server socket id). */
export async function serverSocket(server: TestServer, id: string | undefined) {
  return (await server.running.realtime.sockets.io.fetchSockets()).find((s) => s.id === id);
}

/** Wait until the server has put the socket in `room` (rooms are joined after `connect`). */
export function inRoom(server: TestServer, client: RecordingSocket, room: string, timeoutMs = 5000) {
  return eventually(async () => {
    const s = await serverSocket(server, client.socket.id);
    return s?.rooms.has(room) ? s : undefined;
  }, timeoutMs);
}

/** Close the clients and wait until the server no longer holds their sockets. */
export async function closeSockets(server: TestServer, clients: RecordingSocket[]): Promise<void> {
  const ids = new Set(clients.map((c) => c.socket.id).filter((id): id is string => id !== undefined));
  for (const client of clients) client.close();
  await eventually(async () => ((await server.running.realtime.sockets.io.fetchSockets()).some((s) => ids.has(s.id)) ? undefined : true), 5000);
}
