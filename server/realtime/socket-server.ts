import type http from "node:http";
import type { createAdapter } from "@socket.io/redis-streams-adapter";
import { Server, type Socket } from "socket.io";
import type { Actor } from "../../shared/policy/access-policy.ts";
import type { ZodType } from "zod";
import { can } from "../../shared/policy/access-policy.ts";
import {
  type ClientToServerEvents,
  type PresencePerson,
  type PresenceLocation,
  directionReceived,
  presenceUpdate,
  presentationMove,
  presentationStart,
  presentationStop,
  REVOKE_REASON,
  ROOM,
  type ServerToClientEvents,
} from "../../shared/protocol/socket-events.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { actorOfUser, hashToken, type SessionService, type SessionUser } from "../auth/session.service.ts";
import { loadCaseFacts } from "../cases/case.service.ts";
import type { CookieSettings } from "../http/cookies.ts";
import type { Logger } from "../logger.ts";
import { isMember } from "../../shared/policy/access-policy.ts";
import type { ClusterBus } from "../redis/cluster-bus.ts";
import type { RedisClient } from "../redis/redis-connection.ts";
import type { Store } from "../storage/store.ts";
import { createBucketsByKey } from "./token-bucket.ts";
import { cookieFrom } from "./upgrade-auth.ts";

type SocketData = { user: SessionUser; token: string };
type CaseroomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

type PresenceEntry = { user: SessionUser; location: PresenceLocation | null };
/**
 * Who presents which document in a case. Held by every instance: `from` is the instance whose
 * socket presents (undefined for this one) and `heardAt` when it last said so.
 */
type Presentation = {
  socketId: string;
  userId: string;
  name: string;
  documentId: string;
  visibility: "all" | readonly string[];
  page: number;
  zoom: number;
  from?: string;
  heardAt?: number;
};
/** How often an instance repeats who is present through it (scale-out). */
const PRESENCE_REPEAT_MS = 15_000;

/** Events one user may send per second on this instance, across all their sockets, and at once. */
const EVENTS_PER_SECOND = 20;
const EVENT_BURST = 60;

const actorOf = actorOfUser;

/**
 * Socket.IO on the shared server (DESIGN §2): authenticated from the session before the
 * handshake completes, Origin-checked, rooms derived only by the server, payloads validated.
 */
export function createSocketServer(options: {
  httpServer: http.Server;
  store: Store;
  sessions: SessionService;
  cookies: CookieSettings;
  allowedOrigins: string[];
  logger: Logger;
  audit: AuditService;
  /** Direction receipts, and the directions a user has not received yet (sent at connection). */
  directions: {
    receive(actor: Actor, directionId: string, version: number): Promise<boolean>;
    unreceived(userId: string, caseIds: readonly string[]): Promise<{ caseId: string; direction: unknown }[]>;
  };
  /** Scale-out: room broadcasts reach every instance's sockets through this Redis. */
  redis?: RedisClient;
  /** Shares rooms and broadcasts with the other instances (scale-out). */
  adapter?: ReturnType<typeof createAdapter>;
  /** Scale-out: who is where on other instances. */
  bus?: ClusterBus;
  /** Scale-out: whether Redis is reachable now (broadcasts stay local while it is not). */
  redisReady?: () => boolean;
}) {
  const { store, sessions, cookies, logger, audit, directions } = options;
  const allowed = new Set(options.allowedOrigins);
  const userAllowances = createBucketsByKey(EVENTS_PER_SECOND, EVENT_BURST);
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(options.httpServer, {
    path: "/socket.io/",
    serveClient: false,
    // Our own upgrade router sends /collab upgrades elsewhere; Socket.IO must not end them.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 25_000,
    pingTimeout: 20_000,
    connectTimeout: 10_000,
    allowRequest: (req, callback) => callback(null, allowed.has(req.headers.origin ?? "")),
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  /** caseId → who presents which document, at which page and zoom. */
  const presentations = new Map<string, Presentation>();
  /** caseId → socket id → who and where. */
  const presence = new Map<string, Map<string, { user: SessionUser; location: PresenceLocation | null }>>();

  /**
   * This instance's sockets, or those in one room: read from the local adapter, never a round trip
   * to Redis, so sign-outs and revocations take effect at once even while Redis is away.
   */
  function localSockets(room?: string): CaseroomSocket[] {
    if (room === undefined) return [...io.sockets.sockets.values()];
    return [...(io.sockets.adapter.rooms.get(room) ?? [])].flatMap((id) => io.sockets.sockets.get(id) ?? []);
  }
  /**
   * Where a broadcast goes: every instance through the adapter, or only this one while Redis is
   * away (the adapter would hold the local delivery until Redis answers). What other instances
   * miss meanwhile is caught up when Redis returns.
   */
  const everywhere = () => (options.redis && options.redisReady && !options.redisReady() ? io.local : io);

  io.use(async (socket, next) => {
    const token = cookieFrom(socket.request, cookies.session.name);
    const user = token ? await sessions.resolve(token).catch(() => undefined) : undefined;
    if (!user || !token) return next(new Error("unauthorized"));
    socket.data = { user, token };
    next();
  });

  io.on("connection", (socket: CaseroomSocket) => {
    const { user } = socket.data;
    // Handlers first, so an event sent the moment the socket connects is never dropped; events
    // wait for the rooms to be joined before they are handled.
    const joined = (async () => {
      await socket.join(ROOM.user(user.id));
      const caseIds = await memberCases(user);
      for (const caseId of caseIds) await joinCase(socket, caseId);
      // Someone presenting in one of these cases: the newcomer can follow at once.
      for (const caseId of caseIds) if (presentations.has(caseId)) await broadcastPresentation(caseId, false);
      // Whoever was offline when a direction was given gets it now.
      for (const { caseId, direction } of await directions.unreceived(user.id, caseIds)) socket.emit("direction:issued", { caseId, direction });
    })().catch((error: unknown) => logger.error({ err: error }, "socket room join failed"));
    // One allowance per user, shared by all of their sockets on this instance.
    const allowance = userAllowances.hold(user.id);
    socket.once("disconnect", () => allowance.release());
    socket.use((packet, next) => {
      if (!allowance.bucket.take()) {
        logger.warn({ event: "socket.rate_limited" }, "socket disconnected for flooding");
        audit.record(store, {
          actorId: user.id,
          actorOrganisationId: user.organisation.id,
          action: "socket.rate_limited",
          subjectType: "user",
          subjectId: user.id,
          caseId: null,
          detail: {},
        }).catch((error: unknown) => logger.warn({ err: error }, "flood not audited"));
        socket.disconnect(true);
        return;
      }
      // An event nobody listens to is refused at once: a client waiting for its acknowledgement
      // is told so instead of waiting for ever.
      if (socket.listeners(packet[0] as keyof ClientToServerEvents).length === 0) {
        const ack = packet.at(-1);
        if (typeof ack === "function") (ack as (r: { ok: boolean; error?: string }) => void)({ ok: false, error: "request.invalid" });
        return;
      }
      void joined.then(() => next());
    });
    /**
     * A client event: payload validated with `schema`, the acknowledgement taken from the last
     * argument (whatever else a client sends), the handler's answer or error code sent back.
     */
    const handle = <T>(event: keyof ClientToServerEvents, schema: ZodType<T>, work: (payload: T) => Promise<string | null> | string | null) => {
      socket.on(event, (...args: unknown[]) => {
        const maybeAck = args.at(-1);
        const reply = typeof maybeAck === "function" ? (maybeAck as (r: { ok: boolean; error?: string }) => void) : () => undefined;
        const parsed = schema.safeParse(args[0]);
        if (!parsed.success) return reply({ ok: false, error: "request.invalid" });
        Promise.resolve()
          .then(() => work(parsed.data))
          .then(
            (error) => reply(error ? { ok: false, error } : { ok: true }),
            (error: unknown) => {
              logger.error({ err: error, event }, "socket event failed");
              reply({ ok: false, error: "server.error" });
            },
          );
      });
    };
    const inCase = (caseId: string) => socket.rooms.has(ROOM.case(caseId));

    handle("presence:update", presenceUpdate, ({ caseId, location }) => {
      if (!inCase(caseId)) return "request.invalid";
      setPresence(socket, caseId, location);
      return null;
    });
    handle("direction:received", directionReceived, async ({ directionId, version }) =>
      (await directions.receive(actorOf(user), directionId, version)) ? null : "request.invalid",
    );
    handle("presentation:start", presentationStart, async ({ caseId, documentId }) => {
      if (!inCase(caseId)) return "request.invalid";
      const document = await store.documents.get(documentId);
      const facts = await loadCaseFacts(store, caseId);
      if (!document || !facts || document.caseId !== caseId || !can(actorOf(user), "read", { kind: "document", case: facts, visibility: document.visibility })) {
        return "request.invalid";
      }
      const current = presentations.get(caseId);
      // One presenter at a time; the court may take over.
      if (current && current.socketId !== socket.id && user.party !== "court") return "presentation.busy";
      presentations.set(caseId, { socketId: socket.id, userId: user.id, name: user.displayName, documentId, visibility: document.visibility, page: 1, zoom: 1 });
      await broadcastPresentation(caseId);
      return null;
    });
    handle("presentation:move", presentationMove, async ({ caseId, page, zoom }) => {
      const current = presentations.get(caseId);
      if (!current || current.socketId !== socket.id) return "presentation.not_presenter";
      current.page = page;
      current.zoom = zoom;
      await broadcastPresentation(caseId);
      return null;
    });
    handle("presentation:stop", presentationStop, async ({ caseId }) => {
      const current = presentations.get(caseId);
      if (!current) return null;
      if (current.socketId !== socket.id && user.party !== "court") return "presentation.not_presenter";
      presentations.delete(caseId);
      await broadcastPresentation(caseId);
      return null;
    });
    socket.on("disconnect", () => {
      for (const [caseId, people] of presence) if (people.delete(socket.id)) broadcastPresence(caseId);
      for (const [caseId, current] of presentations) {
        if (current.socketId === socket.id) {
          presentations.delete(caseId);
          broadcastPresentation(caseId).catch((error: unknown) => logger.error({ err: error }, "presentation broadcast failed"));
        }
      }
    });
  });

  async function memberCases(user: SessionUser): Promise<string[]> {
    const scope =
      user.role === "prosecutor"
        ? ({ kind: "prosecution", organisationId: user.organisation.id } as const)
        : user.role === "defence"
          ? ({ kind: "defence", organisationId: user.organisation.id } as const)
          : ({ kind: "court", courts: user.courts } as const);
    return store.cases.search({ scope, today: "0000-01-01", limit: 5000 });
  }

  async function joinCase(socket: CaseroomSocket, caseId: string) {
    await socket.join([ROOM.case(caseId), ROOM.caseParty(caseId, socket.data.user.party)]);
  }

  /**
   * Tell the case where the presenter is. Only sockets whose user may read the document learn
   * that it is being presented; the presenter's notes never travel on this channel.
   */
  function publishPresentation(caseId: string) {
    const current = presentations.get(caseId);
    if (current?.from !== undefined) return;
    if (!current) return bus?.publishControl({ type: "presentation", caseId, state: null });
    const { from: _from, heardAt: _heardAt, visibility, ...state } = current;
    bus?.publishControl({ type: "presentation", caseId, state: { ...state, visibility: visibility === "all" ? "all" : [...visibility] } });
  }

  async function broadcastPresentation(caseId: string, changedHere = true) {
    const current = presentations.get(caseId);
    if (changedHere) publishPresentation(caseId);
    const facts = await loadCaseFacts(store, caseId);
    for (const s of localSockets(ROOM.case(caseId))) {
      const mayRead = current && facts && can(actorOf(s.data.user), "read", { kind: "document", case: facts, visibility: current.visibility });
      s.emit("presentation:state", {
        caseId,
        presenter: mayRead ? { userId: current.userId, name: current.name } : null,
        documentId: mayRead ? current.documentId : null,
        page: mayRead ? current.page : 1,
        zoom: mayRead ? current.zoom : 1,
      });
    }
  }

  function setPresence(socket: CaseroomSocket, caseId: string, location: PresenceLocation | null) {
    if (location === null) {
      if (presence.get(caseId)?.delete(socket.id)) broadcastPresence(caseId);
      return;
    }
    let people = presence.get(caseId);
    if (!people) {
      people = new Map();
      presence.set(caseId, people);
    }
    people.set(socket.id, { user: socket.data.user, location });
    broadcastPresence(caseId);
  }

  /**
   * People present through other instances: caseId → instance → who and where, as that instance
   * last said (it repeats itself while anyone is there; silence for long enough means gone).
   */
  const remotePresence = new Map<string, Map<string, { people: PresenceEntry[]; at: number }>>();
  const { bus } = options;

  /** This instance's people in a case, told to the others. */
  function publishPresence(caseId: string) {
    bus?.publishControl({ type: "presence", caseId, people: [...(presence.get(caseId)?.values() ?? [])] });
  }

  bus?.subscribe({
    /** Redis was away: directions given meanwhile through other instances reach these sockets now. */
    resync() {
      for (const socket of localSockets()) {
        const caseIds = [...socket.rooms].flatMap((room) => /^case:([^:]+)$/.exec(room)?.[1] ?? []);
        directions
          .unreceived(socket.data.user.id, caseIds)
          .then((missed) => {
            for (const { caseId, direction } of missed) socket.emit("direction:issued", { caseId, direction });
          })
          .catch((error: unknown) => logger.warn({ err: error }, "direction catch-up failed"));
      }
    },
    control(message, from) {
      if (message.type === "presentation") {
        // Started, moved or stopped through another instance (a start there ends one here).
        if (message.state) presentations.set(message.caseId, { ...(message.state as Presentation), from, heardAt: Date.now() });
        else presentations.delete(message.caseId);
        void broadcastPresentation(message.caseId, false).catch((error: unknown) => logger.error({ err: error }, "presentation broadcast failed"));
        return;
      }
      if (message.type !== "presence") return;
      let byInstance = remotePresence.get(message.caseId);
      if (!byInstance) {
        byInstance = new Map();
        remotePresence.set(message.caseId, byInstance);
      }
      if (message.people.length === 0) byInstance.delete(from);
      else byInstance.set(from, { people: message.people as PresenceEntry[], at: Date.now() });
      if (byInstance.size === 0) remotePresence.delete(message.caseId);
      broadcastPresence(message.caseId, false);
    },
  });
  const presenceHeartbeat = bus
    ? setInterval(() => {
        for (const caseId of presence.keys()) publishPresence(caseId);
        for (const [caseId, current] of presentations) {
          if (current.from === undefined) publishPresentation(caseId);
          else if ((current.heardAt ?? 0) < Date.now() - 3 * PRESENCE_REPEAT_MS) {
            // Its instance went quiet (it died): nobody is presenting any more.
            presentations.delete(caseId);
            void broadcastPresentation(caseId, false).catch(() => undefined);
          }
        }
        const stale = Date.now() - 3 * PRESENCE_REPEAT_MS;
        for (const [caseId, byInstance] of remotePresence) {
          let changed = false;
          for (const [instance, entry] of byInstance) if (entry.at < stale) changed = byInstance.delete(instance);
          if (byInstance.size === 0) remotePresence.delete(caseId);
          if (changed) broadcastPresence(caseId, false);
        }
      }, PRESENCE_REPEAT_MS)
    : undefined;
  presenceHeartbeat?.unref();

  /**
   * Everyone in the case sees who is there; only a person's own party sees where. Sent to this
   * instance's sockets; other instances hear of the change on the bus and tell theirs.
   */
  function broadcastPresence(caseId: string, changedHere = true) {
    const people = presence.get(caseId);
    if (changedHere) publishPresence(caseId);
    if (people?.size === 0) presence.delete(caseId);
    const byUser = new Map<string, PresenceEntry>();
    for (const entry of remotePresence.get(caseId)?.values() ?? []) for (const p of entry.people) byUser.set(p.user.id, p);
    for (const p of people?.values() ?? []) byUser.set(p.user.id, p);
    const parties = new Set([...byUser.values()].map((p) => p.user.party));
    const sockets = io.sockets.adapter.rooms.get(ROOM.case(caseId));
    const receivingParties = new Set<string>(parties);
    for (const id of sockets ?? []) {
      const s = io.sockets.sockets.get(id);
      if (s) receivingParties.add(s.data.user.party);
    }
    for (const party of receivingParties) {
      const list: PresencePerson[] = [...byUser.values()].map(({ user, location }) => ({
        userId: user.id,
        name: user.displayName,
        organisation: user.organisation.name,
        role: user.role,
        ...(user.party === party ? { location } : {}),
      }));
      io.local.to(ROOM.caseParty(caseId, party)).emit("presence", { caseId, people: list });
    }
  }

  return {
    io,
    /** A document was served: tell the parties who may see it. */
    documentServed(caseId: string, document: unknown, parties: string[]) {
      for (const party of parties) everywhere().to(ROOM.caseParty(caseId, party)).emit("document:served", { caseId, document });
    },
    directionIssued(caseId: string, direction: unknown) {
      everywhere().to(ROOM.case(caseId)).emit("direction:issued", { caseId, direction });
    },
    caseUpdated(caseId: string, version: number) {
      everywhere().to(ROOM.case(caseId)).emit("case:updated", { caseId, version });
    },
    /** Access to a case changed: re-derive every socket's rooms for it. */
    async recheckCase(caseId: string) {
      const facts = await loadCaseFacts(store, caseId);
      for (const socket of localSockets(ROOM.case(caseId))) {
        if (facts && isMember(actorOf(socket.data.user), facts)) continue;
        socket.emit("access:revoked", { caseId, reason: REVOKE_REASON.accessEnded });
        socket.leave(ROOM.case(caseId));
        socket.leave(ROOM.caseParty(caseId, socket.data.user.party));
        const people = presence.get(caseId);
        if (people?.delete(socket.id)) broadcastPresence(caseId);
      }
      // Someone may have gained access (a new association): add their sockets.
      if (facts) {
        for (const socket of localSockets()) {
          if (!socket.rooms.has(ROOM.case(caseId)) && isMember(actorOf(socket.data.user), facts)) {
            socket.join([ROOM.case(caseId), ROOM.caseParty(caseId, socket.data.user.party)]);
          }
        }
      }
    },
    /** A session ended: every socket of it on this instance is told and disconnected. */
    async signedOut(match: { userId?: string; tokenHash?: string }) {
      for (const socket of localSockets()) {
        if ((match.userId && socket.data.user.id === match.userId) || (match.tokenHash && hashToken(socket.data.token) === match.tokenHash)) {
          socket.emit("access:revoked", { caseId: null, reason: REVOKE_REASON.signedOut });
          socket.disconnect(true);
        }
      }
    },
    sessionTokens: async () => new Set(localSockets().map((s) => s.data.token)),
    /**
     * Tell every socket the server is restarting, then drop their connections without a Socket.IO
     * disconnect: the clients see a lost transport and reconnect by themselves (to this server
     * when it is back, or to another instance), rejoining their rooms from their session.
     */
    async close() {
      clearInterval(presenceHeartbeat);
      for (const socket of localSockets()) socket.emit("server:restarting");
      io.engine.close();
      await io.of("/").adapter.close();
    },
  };
}

export type SocketServer = ReturnType<typeof createSocketServer>;
