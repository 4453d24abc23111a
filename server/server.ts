import http from "node:http";
import type { AddressInfo } from "node:net";
import { CLOSE_CODE } from "../shared/protocol/collab-protocol.ts";
import { createAuditService } from "./audit/audit.service.ts";
import { createSessionService } from "./auth/session.service.ts";
import { createDirectionService } from "./directions/direction.service.ts";
import type { Dependencies } from "./dependencies.ts";
import { createApp } from "./http/app.ts";
import { cookieSettings } from "./http/cookies.ts";
import { createDocRegistry, type DocRegistry } from "./realtime/collab-doc-registry.ts";
import { COLLAB_PATH, type CollabServer, createCollabServer } from "./realtime/collab-server.ts";
import { createRealtimeHub } from "./realtime/realtime-hub.ts";
import { startDailyNotices } from "./notifications/daily-notices.ts";
import { createNotifications } from "./notifications/notifications.ts";
import { createSocketServer, type SocketServer } from "./realtime/socket-server.ts";

export type RunningServer = {
  server: http.Server;
  url: string;
  /** The real-time parts, for inspection in tests and for the benchmark. */
  realtime: { registry: DocRegistry; collab: CollabServer; sockets: SocketServer };
  /** E-mail notices: run the daily reminders and digests now; send what is due now (for tests and operators). */
  notices: { daily(): Promise<void>; flush(): Promise<number> };
  /** Stop accepting, let in-flight requests finish (up to `graceMs`), flush documents, close the store. */
  close(graceMs?: number): Promise<void>;
};

/** How often open connections are checked against their sessions (timeouts, sign-out elsewhere). */
const SESSION_CHECK_MS = 5_000;

/**
 * One `http.Server` for every channel (DESIGN §2): Koa for HTTP, `/collab/…` for Yjs and
 * `/socket.io/` for pushed events. Upgrades are routed by path here.
 */
export async function startServer(deps: Dependencies, options: { clientDir?: string; unloadGraceMs?: number } = {}): Promise<RunningServer> {
  const { config, store, logger } = deps;
  let draining = false;
  const cookies = cookieSettings(config.isProduction);
  const sessions = createSessionService({ store, clock: deps.clock });
  const realtime = createRealtimeHub(logger, deps.bus);
  const notifications = await createNotifications(deps);
  const app = createApp({ deps, clientDir: options.clientDir, isDraining: () => draining, sessions, cookies, realtime, notifications });
  const server = http.createServer(app.callback());
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 5_000;

  const registry = createDocRegistry({ store, clock: deps.clock, logger, unloadGraceMs: options.unloadGraceMs, bus: deps.bus });
  const collab = createCollabServer({
    store,
    registry,
    sessions,
    cookies,
    allowedOrigins: config.allowedOrigins,
    logger,
    bus: deps.bus,
    limits: { userMessagesPerSecond: config.collabUserMessagesPerSecond, userBurst: 4 * config.collabUserMessagesPerSecond },
  });
  const audit = createAuditService(deps.clock);
  const directions = createDirectionService({ store, clock: deps.clock, ids: deps.ids, audit, i18n: deps.i18n, realtime, notices: notifications.notices, mailer: notifications.mailer });
  const sockets = createSocketServer({ httpServer: server, store, sessions, cookies, allowedOrigins: config.allowedOrigins, logger, audit, directions, redis: deps.redis?.adapterClient, adapter: deps.redis?.socketAdapter(), redisReady: deps.redis?.isReady, bus: deps.bus });
  realtime.attach({ collab, sockets });
  const daily = startDailyNotices({
    store,
    clock: deps.clock,
    logger,
    hour: config.mail.digestHour,
    dueSoonBusinessDays: config.mail.dueSoonBusinessDays,
    notices: notifications.notices,
    directions,
    mailer: notifications.mailer,
  });

  server.on("upgrade", (req, socket, head) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (path.startsWith(COLLAB_PATH)) {
      if (draining) {
        socket.destroy();
        return;
      }
      void collab.handleUpgrade(req, socket, head);
    } else if (!path.startsWith("/socket.io/")) {
      socket.destroy();
    }
  });

  // Sessions end by timeout too: connections opened with an ended session are closed.
  const sessionCheck = setInterval(() => {
    void (async () => {
      const tokens = new Set([...collab.sessionTokens(), ...(await sockets.sessionTokens())]);
      for (const token of tokens) {
        if (!(await sessions.isLive(token).catch(() => true))) await realtime.signedOut({ token });
      }
    })().catch((error: unknown) => logger.error({ err: error }, "session check failed"));
  }, SESSION_CHECK_MS);
  sessionCheck.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  notifications.mailer.start();
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "0.0.0.0" || host === "[::]" ? "localhost" : host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000) => {
    closing ??= (async () => {
      // Readiness fails first; everything else is still served while the load balancer notices.
      draining = true;
      if (config.shutdownDrainMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
      clearInterval(sessionCheck);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Pending document writes are committed before anyone is told to reconnect elsewhere.
      await registry.flushAll();
      collab.closeAll(CLOSE_CODE.restarting);
      await sockets.close();
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      daily.stop();
      await notifications.mailer.stop();
      await deps.pdfInspector.close();
      deps.bus?.close();
      await deps.redis?.close();
      await store.close();
    })();
    return closing;
  };
  return { server, url, close, realtime: { registry, collab, sockets }, notices: { daily: daily.runNow, flush: notifications.mailer.flush } };
}
