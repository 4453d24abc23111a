/**
 * The four collaboration servers the benchmark compares, each in its own process pinned to core 0
 * with the probe preloaded, all on this project's yjs and ws, none logging:
 *
 * - Caseroom: `server/main.ts` with authentication, access control and persistence (SQLite) on.
 * - y-websocket: the reference server, `y-websocket/bin/server.cjs` (no persistence).
 * - Hocuspocus: `@hocuspocus/server` without extensions.
 * - Hocuspocus + SQLite: with `@hocuspocus/extension-sqlite` on a file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import { type CaseroomFixture, prepareCaseroom, startCaseroom } from "./caseroom-target.ts";
import { freePortNumber } from "./ports.ts";
import type { Codec, Endpoint } from "./raw-client.ts";
import { type ProbeStats, ROOT, type ServerProcess, startServerProcess } from "./server-process.ts";

export type TargetId = "caseroom" | "y-websocket" | "hocuspocus" | "hocuspocus-sqlite";

/** A document's stored history, written into the target's store before the server starts. */
export type SeededHistory = {
  docName: string;
  /** One small update per edit, in order (Caseroom's log). */
  updates: Uint8Array[];
  /** The same history merged into one state (what Hocuspocus stores). */
  state: Uint8Array;
  /**
   * Caseroom only: another doc holding the same content as a snapshot (the compacted form it
   * writes every 500 updates), to compare with loading the whole log.
   */
  snapshotDocName?: string;
};

/** A real provider on one doc (the correctness check). */
export type ProviderHandle = { synced(): Promise<void>; destroy(): void };

export type Target = {
  id: TargetId;
  label: string;
  codec: Codec;
  /** How the target persists documents ("none" when it does not). */
  persistence: string;
  /** Whether `start({ history })` stores the history (false: no persistence). */
  canSeedHistory: boolean;
  start(options?: { history?: SeededHistory; nodeArgs?: string[] }): Promise<void>;
  /** A raw connection to doc `docName`: URL, headers and framing. */
  endpoint(docName: string): Endpoint;
  /** A real provider (y-websocket `WebsocketProvider` or `HocuspocusProvider`) on `docName`. */
  openProvider(docName: string, doc: Y.Doc): ProviderHandle;
  stats(options?: { gc?: boolean; reset?: boolean }): Promise<ProbeStats>;
  pid(): number;
  /** Stop the process and remove its data. */
  stop(): Promise<void>;
};

const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, "ws");

function started(server: ServerProcess | undefined): ServerProcess {
  if (!server) throw new Error("target not started");
  return server;
}

function waitForSync(isSynced: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = () => {
      if (isSynced()) resolve();
      else if (Date.now() > deadline) reject(new Error(`${what}: provider not synced within ${timeoutMs} ms`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

/** Caseroom on its own data folder with `cases` generated cases (see caseroom-target.ts). */
export function caseroomTarget(options: { cases: number }): Target & { fixture(): CaseroomFixture } {
  let fixture: CaseroomFixture | undefined;
  let server: ServerProcess | undefined;
  let url = "";
  let origin = "";
  const headers = () => ({ cookie: fixture?.prosecutorCookie ?? "", origin });
  return {
    id: "caseroom",
    label: "Caseroom",
    codec: "y-websocket",
    persistence: "SQLite, every update appended before it is relayed (collab_updates log + snapshots)",
    canSeedHistory: true,
    fixture() {
      if (!fixture) throw new Error("target not started");
      return fixture;
    },
    async start(startOptions = {}) {
      fixture = await prepareCaseroom({ cases: options.cases });
      const history = startOptions.history;
      if (history) {
        const db = new Database(path.join(fixture.dataDir, "caseroom.sqlite"));
        try {
          const insert = db.prepare("INSERT INTO collab_updates (doc_name, update_data, user_id, created_at) VALUES (?, ?, ?, ?)");
          const at = new Date().toISOString();
          db.transaction(() => {
            for (const update of history.updates) insert.run(history.docName, Buffer.from(update), "pat.cole@cps.example", at);
            if (history.snapshotDocName) {
              // As Caseroom keeps a long history: a snapshot, and the log since it (compaction runs
              // every 500 updates, so at worst 499 entries).
              const tail = Math.min(499, history.updates.length);
              const head = new Y.Doc();
              Y.transact(head, () => {
                for (const update of history.updates.slice(0, history.updates.length - tail)) Y.applyUpdate(head, update);
              });
              db.prepare("INSERT INTO collab_snapshots (doc_name, state, upto_seq, created_at) VALUES (?, ?, 0, ?)").run(history.snapshotDocName, Buffer.from(Y.encodeStateAsUpdate(head)), at);
              head.destroy();
              for (const update of history.updates.slice(history.updates.length - tail)) insert.run(history.snapshotDocName, Buffer.from(update), "pat.cole@cps.example", at);
            }
          })();
        } finally {
          db.close();
        }
      }
      const caseroom = await startCaseroom(fixture, {}, { nodeArgs: startOptions.nodeArgs });
      server = caseroom;
      url = caseroom.url;
      origin = caseroom.origin;
    },
    endpoint(docName) {
      return { url: `${wsUrl(started(server) && url)}/collab/${docName}`, headers: headers(), codec: "y-websocket", docName };
    },
    openProvider(docName, doc) {
      const cookieHeaders = headers();
      class CookieWebSocket extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: cookieHeaders });
        }
      }
      const provider = new WebsocketProvider(`${wsUrl(url)}/collab`, docName, doc, {
        WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        maxBackoffTime: 200,
      });
      return { synced: () => waitForSync(() => provider.synced, docName), destroy: () => provider.destroy() };
    },
    stats: (o) => started(server).stats(o),
    pid: () => started(server).pid,
    async stop() {
      await server?.stop();
      server = undefined;
      if (fixture) fs.rmSync(fixture.dataDir, { recursive: true, force: true });
      fixture = undefined;
    },
  };
}

/** The reference server: y-websocket@2.1.0 `bin/server.cjs` (Yjs 13, no persistence). */
export function yWebsocketTarget(): Target {
  let server: ServerProcess | undefined;
  let url = "";
  return {
    id: "y-websocket",
    label: "y-websocket (reference)",
    codec: "y-websocket",
    persistence: "none",
    canSeedHistory: false,
    async start(startOptions = {}) {
      const port = await freePortNumber();
      url = `http://127.0.0.1:${port}`;
      server = await startServerProcess({
        args: [...(startOptions.nodeArgs ?? []), "--require", path.join(ROOT, "bench", "collab", "ws-alias.cjs"), path.join(ROOT, "node_modules", "y-websocket", "bin", "server.cjs")],
        // No YPERSISTENCE and no CALLBACK_URL: the stock in-memory server.
        env: { HOST: "127.0.0.1", PORT: String(port), YPERSISTENCE: undefined, CALLBACK_URL: undefined, GC: undefined },
        ready: async () => (await fetch(url)).ok,
      });
    },
    endpoint: (docName) => ({ url: `${wsUrl(url)}/${docName}`, headers: {}, codec: "y-websocket", docName }),
    openProvider(docName, doc) {
      const provider = new WebsocketProvider(wsUrl(url), docName, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, maxBackoffTime: 200 });
      return { synced: () => waitForSync(() => provider.synced, docName), destroy: () => provider.destroy() };
    },
    stats: (o) => started(server).stats(o),
    pid: () => started(server).pid,
    async stop() {
      await server?.stop();
      server = undefined;
    },
  };
}

/** Hocuspocus 4.7 without extensions, or with its SQLite extension on a temporary file. */
export function hocuspocusTarget(options: { sqlite: boolean }): Target {
  let server: ServerProcess | undefined;
  let url = "";
  let dir: string | undefined;
  return {
    id: options.sqlite ? "hocuspocus-sqlite" : "hocuspocus",
    label: options.sqlite ? "Hocuspocus + SQLite" : "Hocuspocus",
    codec: "hocuspocus",
    persistence: options.sqlite ? "SQLite extension: one merged state per doc, stored 2 s after the last change (debounce, max 10 s)" : "none",
    canSeedHistory: options.sqlite,
    async start(startOptions = {}) {
      const port = await freePortNumber();
      url = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = { PORT: String(port) };
      if (options.sqlite) {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "caseroom-bench-hocuspocus-"));
        const file = path.join(dir, "hocuspocus.sqlite");
        env.SQLITE_FILE = file;
        const history = startOptions.history;
        if (history) {
          // As the extension stores documents: one row per doc holding the merged state.
          const { schema, upsertQuery } = await import("@hocuspocus/extension-sqlite");
          const db = new Database(file);
          try {
            db.exec(schema);
            db.prepare(upsertQuery).run({ name: history.docName, data: Buffer.from(history.state) });
          } finally {
            db.close();
          }
        }
      }
      server = await startServerProcess({
        args: [...(startOptions.nodeArgs ?? []), "--import", "tsx", path.join(ROOT, "bench", "collab", "hocuspocus-server.ts")],
        env,
        ready: async () => (await fetch(url)).ok,
      });
    },
    endpoint: (docName) => ({ url: `${wsUrl(url)}/`, headers: {}, codec: "hocuspocus", docName }),
    openProvider(docName, doc) {
      // A socket of its own per provider; with an explicit socket the provider must be attached.
      const socket = new HocuspocusProviderWebsocket({ url: wsUrl(url), WebSocketPolyfill: WebSocket });
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: docName, document: doc });
      provider.attach();
      return {
        synced: () => waitForSync(() => provider.synced, docName),
        destroy: () => {
          provider.destroy();
          socket.destroy();
        },
      };
    },
    stats: (o) => started(server).stats(o),
    pid: () => started(server).pid,
    async stop() {
      await server?.stop();
      server = undefined;
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

/** Every target, Caseroom first. */
export function createTargets(options: { cases: number }): Target[] {
  return [caseroomTarget(options), yWebsocketTarget(), hocuspocusTarget({ sqlite: false }), hocuspocusTarget({ sqlite: true })];
}
