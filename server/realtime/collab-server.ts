import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket, WebSocketServer } from "ws";
import * as Y from "yjs";
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { CLOSE_CODE, COLLAB_MESSAGE, MAX_COLLAB_FRAME_BYTES } from "../../shared/protocol/collab-protocol.ts";
import { type DocName, parseDocName } from "../../shared/protocol/doc-names.ts";
import { actorOfUser, type SessionService, type SessionUser } from "../auth/session.service.ts";
import type { CookieSettings } from "../http/cookies.ts";
import type { Logger } from "../logger.ts";
import type { ClusterBus } from "../redis/cluster-bus.ts";
import type { Store } from "../storage/store.ts";
import { type CollabAccess, decideCollabAccess } from "./collab-access.ts";
import { type CollabDoc, type CollabPeer, type DocRegistry, REMOTE_ORIGIN } from "./collab-doc-registry.ts";
import { awarenessMessage, updateMessage } from "./collab-messages.ts";
import { isWellFormedUpdate } from "./update-guard.ts";
import { refuseUpgrade, userOfUpgrade } from "./upgrade-auth.ts";
import { createBucketsByKey, createTokenBucket, type TokenBucket } from "./token-bucket.ts";

export const COLLAB_PATH = "/collab/";

export type CollabLimits = {
  /** Messages per second a connection may sustain, and the burst above it. */
  messagesPerSecond: number;
  burst: number;
  /** The same for all of one user's connections on this instance together. */
  userMessagesPerSecond: number;
  userBurst: number;
  /** Writes a read-only connection may attempt before it is closed. */
  readOnlyWritesAllowed: number;
  /** Awareness client ids one connection may introduce. */
  maxAwarenessClients: number;
};

const DEFAULT_LIMITS: CollabLimits = {
  messagesPerSecond: 500,
  burst: 2000,
  userMessagesPerSecond: 1000,
  userBurst: 4000,
  readOnlyWritesAllowed: 20,
  maxAwarenessClients: 8,
};

/** Awareness fields another party may see, per kind of doc (research/security.md YJS-15). */
function allowedAwarenessFields(doc: DocName): Set<string> | "all" {
  if (doc.kind === "notes-private" || (doc.kind === "notes" && doc.scope === "team")) return "all";
  if (doc.kind === "form-part") return new Set(["cursor", "field", "selection"]);
  return new Set(["cursor", "selection"]);
}

class Connection implements CollabPeer {
  readonly clientIds = new Set<number>();
  sent = 0;
  savedCount = 0;
  readOnlyWrites = 0;
  isSynced = false;

  constructor(
    readonly ws: WebSocket,
    readonly entry: CollabDoc,
    readonly user: SessionUser,
    readonly sessionToken: string,
    readonly access: CollabAccess,
    readonly optedIn: boolean,
    /** This connection's message allowance, and its user's (shared with their other connections). */
    readonly allowance: TokenBucket,
    readonly userAllowance: { bucket: TokenBucket; release(): void },
  ) {}

  get userId() {
    return this.user.id;
  }

  committed(count: number) {
    this.savedCount += count;
    if (!this.optedIn) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, COLLAB_MESSAGE.saved);
    encoding.writeVarUint(encoder, this.savedCount);
    this.send(encoding.toUint8Array(encoder));
  }

  send(message: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  close(code: number) {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code);
  }
}

/** The owner of awareness client ids introduced through another instance. */
const ELSEWHERE: CollabPeer = { userId: "", committed: () => undefined, send: () => undefined, close: () => undefined };

/**
 * The `/collab/<docName>` endpoint: the y-websocket protocol over `ws`, authorised per document
 * at the upgrade and on every message (DESIGN §3, research/security.md §2).
 */
export function createCollabServer(options: {
  store: Store;
  registry: DocRegistry;
  sessions: SessionService;
  cookies: CookieSettings;
  allowedOrigins: string[];
  logger: Logger;
  limits?: Partial<CollabLimits>;
  bus?: ClusterBus;
}) {
  const { store, registry, sessions, cookies, logger } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const userAllowances = createBucketsByKey(limits.userMessagesPerSecond, limits.userBurst);
  const allowedOrigins = new Set(options.allowedOrigins);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_COLLAB_FRAME_BYTES, perMessageDeflate: false });
  const connections = new Set<Connection>();

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!allowedOrigins.has(req.headers.origin ?? "")) return refuseUpgrade(socket, 403, "request.origin");
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length));
    } catch {
      return refuseUpgrade(socket, 400, "collab.bad_name");
    }
    const parsed = parseDocName(name);
    if (!parsed) return refuseUpgrade(socket, 400, "collab.bad_name");
    const signedIn = await userOfUpgrade(req, sessions, cookies);
    if (!signedIn) return refuseUpgrade(socket, 401, "auth.required");
    const { user, token } = signedIn;
    const actor = actorOfUser(user);
    let access: CollabAccess;
    let entry: CollabDoc;
    try {
      access = await decideCollabAccess(store, actor, parsed);
      if (access === "none") return refuseUpgrade(socket, 404, "collab.not_found");
      // Loaded before the first sync reply: a client never syncs against a half-loaded doc.
      entry = await registry.load(name, parsed);
    } catch (error) {
      logger.error({ err: error }, "collab upgrade failed");
      return refuseUpgrade(socket, 503, "store.unavailable");
    }
    if (socket.destroyed) return;
    logger.debug({ doc: parsed.kind, access }, "collab connection");
    wss.handleUpgrade(req, socket, head, (ws) => {
      const allowance = createTokenBucket(limits.messagesPerSecond, limits.burst);
      const conn = new Connection(ws, entry, user, token, access, url.searchParams.get("caseroom") === "1", allowance, userAllowances.hold(user.id));
      setup(conn);
    });
  }

  function setup(conn: Connection) {
    const { ws, entry } = conn;
    if (entry.isClosed) {
      ws.close(CLOSE_CODE.storeUnavailable);
      return;
    }
    connections.add(conn);
    registry.attach(entry, conn);
    ws.binaryType = "arraybuffer";
    ws.on("error", () => ws.terminate());
    ws.on("message", (data: ArrayBuffer, isBinary: boolean) => {
      if (!isBinary) return conn.close(CLOSE_CODE.malformed);
      if (!takeToken(conn)) return conn.close(CLOSE_CODE.policyViolation);
      try {
        handleMessage(conn, new Uint8Array(data));
      } catch (error) {
        logger.warn({ err: error, doc: entry.parsed.kind }, "malformed collab message");
        conn.close(CLOSE_CODE.malformed);
      }
    });
    ws.on("close", () => {
      connections.delete(conn);
      conn.userAllowance.release();
      if (conn.clientIds.size > 0 && !entry.isClosed) {
        // Everyone else sees this person leave now, not when their state times out.
        const ids = [...conn.clientIds].filter((id) => entry.awareness.states.has(id));
        removeAwarenessStates(entry.awareness, ids, conn);
        if (ids.length > 0) {
          const removal = encodeAwarenessUpdate(entry.awareness, ids);
          const message = awarenessMessage(removal);
          for (const peer of entry.peers) if (peer !== conn) peer.send(message);
          options.bus?.publishAwareness(entry.name, removal);
        }
      }
      for (const id of conn.clientIds) if (entry.awarenessOwners.get(id) === conn) entry.awarenessOwners.delete(id);
      registry.detach(entry, conn);
    });

    // The server opens with its SyncStep1, then the current awareness.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, COLLAB_MESSAGE.sync);
    syncProtocol.writeSyncStep1(encoder, entry.doc);
    conn.send(encoding.toUint8Array(encoder));
    const states = [...entry.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(encodeAwarenessUpdate(entry.awareness, states)));
  }

  function takeToken(conn: Connection): boolean {
    return conn.allowance.take() && conn.userAllowance.bucket.take();
  }

  function handleMessage(conn: Connection, message: Uint8Array) {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === COLLAB_MESSAGE.sync) return handleSync(conn, decoder);
    if (type === COLLAB_MESSAGE.awareness) return handleAwareness(conn, decoding.readVarUint8Array(decoder));
    conn.close(CLOSE_CODE.malformed);
  }

  function handleSync(conn: Connection, decoder: decoding.Decoder) {
    const { entry } = conn;
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, COLLAB_MESSAGE.sync);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(entry.doc, stateVector));
      conn.send(encoding.toUint8Array(encoder));
      if (!conn.isSynced) {
        conn.isSynced = true;
        if (conn.access === "read" && conn.optedIn) {
          const readOnly = encoding.createEncoder();
          encoding.writeVarUint(readOnly, COLLAB_MESSAGE.readOnly);
          conn.send(encoding.toUint8Array(readOnly));
        }
      }
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      return conn.close(CLOSE_CODE.malformed);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (conn.access !== "write") {
      // The automatic SyncStep2 reply of a read-only client is ignored; repeated writes are not.
      if (syncType === syncProtocol.messageYjsUpdate && ++conn.readOnlyWrites > limits.readOnlyWritesAllowed) {
        conn.close(CLOSE_CODE.policyViolation);
      }
      return;
    }
    if (!isWellFormedUpdate(update)) return conn.close(CLOSE_CODE.malformed);
    const isEmpty = isNoOp(update);
    conn.sent += 1;
    const relay = isEmpty ? null : updateMessage(update);
    registry.accept(entry, conn, isEmpty ? null : update, relay);
  }

  function handleAwareness(conn: Connection, update: Uint8Array) {
    const { entry, user } = conn;
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > 64) return conn.close(CLOSE_CODE.malformed);
    const allowed = allowedAwarenessFields(entry.parsed);
    const encoder = encoding.createEncoder();
    const kept: [number, number, string][] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      // The server counts too (it marks a closed connection's state as gone), so a client that
      // comes back with its old clock is moved past the server's rather than ignored.
      const clock = Math.max(decoding.readVarUint(decoder), (entry.awareness.meta.get(clientId)?.clock ?? 0) + 1);
      const raw = decoding.readVarString(decoder);
      const owner = entry.awarenessOwners.get(clientId);
      const state = JSON.parse(raw) as unknown;
      if (owner !== conn) {
        // Only a live state introduces an id, and only an id nobody holds: y-websocket clients echo
        // the states (and removals) of others, and those introduce nothing. An id held through an
        // instance whose client has gone (removed, or timed out) is free: the client moved here.
        const free = owner === undefined || (owner === ELSEWHERE && !entry.awareness.states.has(clientId));
        if (!free || state === null || conn.clientIds.size >= limits.maxAwarenessClients) continue;
        entry.awarenessOwners.set(clientId, conn);
        conn.clientIds.add(clientId);
      }
      if (state === null) {
        kept.push([clientId, clock, "null"]);
        continue;
      }
      if (typeof state !== "object" || Array.isArray(state)) continue;
      const rewritten: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(state as Record<string, unknown>)) {
        if (key !== "user" && (allowed === "all" || allowed.has(key))) rewritten[key] = value;
      }
      rewritten.user = { id: user.id, name: user.displayName, organisation: user.organisation.name, role: user.role, party: user.party };
      kept.push([clientId, clock, JSON.stringify(rewritten)]);
    }
    if (kept.length === 0) return;
    encoding.writeVarUint(encoder, kept.length);
    for (const [clientId, clock, json] of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, json);
    }
    const rewritten = encoding.toUint8Array(encoder);
    applyAwarenessUpdate(entry.awareness, rewritten, conn);
    // Not back to the sender: it knows its own state, and must not take the server's clock for it.
    const message = awarenessMessage(rewritten);
    for (const peer of entry.peers) if (peer !== conn) peer.send(message);
    options.bus?.publishAwareness(entry.name, rewritten);
  }

  /** Awareness accepted (and rewritten) by another instance: its client ids are not ours to claim. */
  function applyRemoteAwareness(docName: string, update: Uint8Array) {
    const entry = registry.get(docName);
    if (!entry || entry.isClosed) return;
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      const removed = decoding.readVarString(decoder) === "null";
      const owner = entry.awarenessOwners.get(clientId);
      if (removed && owner === ELSEWHERE) entry.awarenessOwners.delete(clientId);
      else if (!removed && !owner) entry.awarenessOwners.set(clientId, ELSEWHERE);
    }
    applyAwarenessUpdate(entry.awareness, update, REMOTE_ORIGIN);
    const message = awarenessMessage(update);
    for (const peer of entry.peers) peer.send(message);
  }
  options.bus?.subscribe({ awareness: applyRemoteAwareness });

  /** Close every connection matching `predicate` with `code`. */
  function closeWhere(predicate: (c: { userId: string; caseId: string; sessionToken: string }) => boolean, code: number): number {
    let closed = 0;
    for (const conn of connections) {
      if (predicate({ userId: conn.userId, caseId: conn.entry.parsed.caseId, sessionToken: conn.sessionToken })) {
        conn.close(code);
        closed += 1;
      }
    }
    return closed;
  }

  /** Re-decide access for every connection on a case; close those whose access changed. */
  async function recheckCase(caseId: string): Promise<void> {
    for (const conn of [...connections]) {
      if (conn.entry.parsed.caseId !== caseId) continue;
      const access = await decideCollabAccess(store, actorOfUser(conn.user), conn.entry.parsed).catch(() => "none" as const);
      if (access !== conn.access) conn.close(CLOSE_CODE.accessRevoked);
    }
  }

  return {
    handleUpgrade,
    closeWhere,
    recheckCase,
    /** Session tokens of open connections, for the periodic session check. */
    sessionTokens: () => new Set([...connections].map((c) => c.sessionToken)),
    connectionCount: () => connections.size,
    /** Close everything (shutdown): clients reconnect to the next process. */
    closeAll(code: number) {
      for (const conn of connections) conn.close(code);
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;

/** An update with no structs and no deletions (a SyncStep2 with nothing new). */
function isNoOp(update: Uint8Array): boolean {
  const decoded = Y.decodeUpdate(update);
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}
