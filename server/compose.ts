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
import { openSqliteStore } from "./storage/sqlite/sqlite-store.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The demo users, as the development IdP offers them. */
function demoIdpUsers(): DevIdpUser[] {
  return demoData.users.map((user) => ({
    ...user,
    organisationName: demoData.organisations.find((o) => o.id === user.organisationId)?.name ?? user.organisationId,
  }));
}

/** Build the dependencies for a configuration: the embedded store unless DATABASE_URL is set. */
export async function composeDependencies(
  config: Config,
  overrides: { clock?: Clock; logger?: Logger } = {},
): Promise<Dependencies> {
  if (config.databaseUrl) throw new Error("DATABASE_URL is not supported yet: unset it to use the embedded store");
  const saml = resolveSamlSettings(config, root);
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const store = openSqliteStore(path.join(config.dataDir, "caseroom.sqlite"));
  const blobs = createFileBlobStore(path.join(config.dataDir, "blobs"));
  return {
    config,
    logger,
    store,
    blobs,
    clock: overrides.clock ?? (() => new Date()),
    ids: randomUUID,
    i18n: createI18n("en"),
    replayCache: createMemoryReplayCache(),
    pdfInspector: createPdfInspector(),
    rateLimiter: createMemoryRateLimiter(),
    saml,
    devIdpUsers: saml.isDevIdp ? demoIdpUsers() : [],
  };
}

