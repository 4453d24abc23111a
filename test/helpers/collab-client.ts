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
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Try an upgrade and report the HTTP status it was refused with (or 101). */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.terminate();
    });
    ws.on("error", () => undefined);
  });
}
