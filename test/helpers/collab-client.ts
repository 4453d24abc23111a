import { randomBytes } from "node:crypto";
import http from "node:http";
import * as decoding from "lib0/decoding";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { COLLAB_MESSAGE } from "../../shared/protocol/collab-protocol.ts";
import { eventually, type TestServer } from "./test-server.ts";

export type CollabClient = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The latest `saved` count the server acknowledged (Caseroom message 101). */
  saved(): number;
  isReadOnly(): boolean;
  closeCodes: number[];
  synced(): Promise<void>;
  /** Reconnect the same provider through another server (as a load balancer would send it). */
  moveTo(server: Pick<TestServer, "url" | "origin">): void;
  destroy(): void;
};

/**
 * A real y-websocket `WebsocketProvider` over `ws`, signed in with `cookie`, opted in to
 * Caseroom's readOnly/saved messages unless `stock` is set.
 */
export function openCollab(server: Pick<TestServer, "url" | "origin">, cookie: string, docName: string, options: { stock?: boolean; origin?: string; doc?: Y.Doc } = {}): CollabClient {
  const closeCodes: number[] = [];
  const headers = { cookie, origin: options.origin ?? server.origin };
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
      this.on("close", (code) => closeCodes.push(code));
    }
  }
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, "ws")}/collab`, docName, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    params: options.stock ? {} : { caseroom: "1" },
    disableBc: true,
    maxBackoffTime: 200,
  });
  let saved = 0;
  let readOnly = false;
  provider.messageHandlers[COLLAB_MESSAGE.saved] = (_encoder: unknown, decoder: decoding.Decoder) => {
    saved = decoding.readVarUint(decoder);
  };
  provider.messageHandlers[COLLAB_MESSAGE.readOnly] = () => {
    readOnly = true;
  };
  return {
    doc,
    provider,
    saved: () => saved,
    isReadOnly: () => readOnly,
    closeCodes,
    synced: () => eventually(() => (provider.synced ? true : undefined), 5000).then(() => undefined),
    moveTo(next) {
      headers.origin = next.origin;
      provider.serverUrl = `${next.url.replace(/^http/, "ws")}/collab`;
      provider.disconnect();
      provider.connect();
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Send a WebSocket upgrade with the path exactly as given (no URL normalisation, so `../` and
 * `%2e%2e` reach the server as an attacker would send them) and report the HTTP status: 101 when
 * accepted, 0 when the server dropped the connection.
 */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  const match = /^wss?:\/\/([^/]+)(\/.*)$/.exec(url);
  const [host, port] = (match?.[1] ?? "").split(":");
  return new Promise((resolve) => {
    const req = http.request({
      host,
      port: Number(port),
      path: match?.[2] ?? "/",
      headers: { ...headers, connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": randomBytes(16).toString("base64") },
    });
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
    req.end();
  });
}
