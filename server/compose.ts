import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { demoData } from "../fixtures/demo/demo-data.ts";
import { createI18n } from "../shared/i18n/i18n.ts";
import type { DevIdpUser } from "./auth/dev-idp.service.ts";
import { createMemoryRateLimiter } from "./auth/rate-limiter.ts";
import { createMemoryReplayCache } from "./auth/replay-cache.ts";
import { resolveSamlSettings } from "./auth/saml-settings.ts";
import { createFileBlobStore } from "./blobs/file-blob-store.ts";
import type { Config } from "./config.ts";
import type { Clock, Dependencies } from "./dependencies.ts";
import { createPdfInspector } from "./documents/pdf-inspector.ts";
import { createLogger, type Logger } from "./logger.ts";
import { embeddedStoreLayout } from "./operations/embedded-store-layout.ts";
import { openSqliteStore } from "./storage/sqlite/sqlite-store.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The demo users, as the development IdP offers them. */
function demoIdpUsers(): DevIdpUser[] {
  return demoData.users.map((user) => ({
    ...user,
    organisationName: demoData.organisations.find((o) => o.id === user.organisationId)?.name ?? user.organisationId,
  }));
}

/**
 * Build the dependencies for a configuration: the embedded store (SQLite and files under
 * DATA_DIR) unless DATABASE_URL is set (PostgreSQL holds records and PDFs); in-process caches
 * unless REDIS_URL is set (Redis shares them, and the bus, between instances).
 */
export async function composeDependencies(
  config: Config,
  overrides: { clock?: Clock; logger?: Logger } = {},
): Promise<Dependencies> {
  const saml = resolveSamlSettings(config, root);
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const embedded = embeddedStoreLayout(config.dataDir);
  // PostgreSQL and Redis code is loaded only when configured: the embedded default starts faster.
  const { store, blobs } = config.databaseUrl
    ? await (await import("./storage/postgres/pg-store.ts")).openPostgres(config.databaseUrl)
    : { store: openSqliteStore(embedded.database), blobs: createFileBlobStore(embedded.blobs) };
  const scaleOut = config.redisUrl
    ? {
        ...(await import("./redis/redis-connection.ts")),
        ...(await import("./redis/cluster-bus.ts")),
        ...(await import("./auth/redis-rate-limiter.ts")),
        ...(await import("./auth/redis-replay-cache.ts")),
      }
    : undefined;
  const redis = scaleOut && config.redisUrl ? await scaleOut.connectRedis(config.redisUrl, logger) : undefined;
  const bus = scaleOut && redis ? await scaleOut.createClusterBus(redis, logger) : undefined;
  return {
    config,
    logger,
    store,
    blobs,
    clock: overrides.clock ?? (() => new Date()),
    ids: randomUUID,
    i18n: createI18n("en"),
    replayCache: scaleOut && redis ? scaleOut.createRedisReplayCache(redis.client) : createMemoryReplayCache(),
    pdfInspector: createPdfInspector(),
    rateLimiter: scaleOut && redis ? scaleOut.createRedisRateLimiter(redis.client, undefined, createMemoryRateLimiter()) : createMemoryRateLimiter(),
    saml,
    devIdpUsers: saml.isDevIdp ? demoIdpUsers() : [],
    redis,
    bus,
  };
}
