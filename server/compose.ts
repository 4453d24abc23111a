import { randomUUID } from "node:crypto";
import path from "node:path";
import { createI18n } from "../shared/i18n/i18n.ts";
import { createFileBlobStore } from "./blobs/file-blob-store.ts";
import type { Config } from "./config.ts";
import type { Clock, Dependencies } from "./dependencies.ts";
import { createLogger, type Logger } from "./logger.ts";
import { openSqliteStore } from "./storage/sqlite/sqlite-store.ts";

/** Build the dependencies for a configuration: the embedded store unless DATABASE_URL is set. */
export async function composeDependencies(
  config: Config,
  overrides: { clock?: Clock; logger?: Logger } = {},
): Promise<Dependencies> {
  if (config.databaseUrl) throw new Error("DATABASE_URL is not supported yet: unset it to use the embedded store");
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
  };
}

