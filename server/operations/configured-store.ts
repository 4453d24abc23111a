import fs from "node:fs";
import type { Config } from "../config.ts";
import type { Store } from "../storage/store.ts";
import { embeddedStoreLayout } from "./embedded-store-layout.ts";
import { OperationError } from "./operation-error.ts";

/**
 * The store the server opens for `config`: PostgreSQL when DATABASE_URL is set, else the SQLite
 * file under DATA_DIR; the same choice and the same constructors as `composeDependencies`. Only
 * the store is built: the rest of the server's dependencies (SAML, Redis, the PDF worker) would
 * cost an operations command about a second of start-up for nothing, and only the backend in use
 * is loaded. An embedded store that does not exist is refused rather than created, so a mistyped
 * DATA_DIR is not reported as an empty, intact chain.
 */
export async function openConfiguredStore(config: Config): Promise<{ store: Store; where: string; close(): Promise<void> }> {
  if (config.databaseUrl) {
    const { openPgStore } = await import("../storage/postgres/pg-store.ts");
    const store = await openPgStore(config.databaseUrl, { max: 2 });
    return { store, where: `PostgreSQL ${redactedUrl(config.databaseUrl)}`, close: () => store.close() };
  }
  const { database } = embeddedStoreLayout(config.dataDir);
  if (!fs.existsSync(database)) {
    throw new OperationError(`No Caseroom database at ${database}. Set DATA_DIR to the server's data folder (or DATABASE_URL for PostgreSQL).`);
  }
  const { openSqliteStore } = await import("../storage/sqlite/sqlite-store.ts");
  const store = openSqliteStore(database);
  return { store, where: database, close: () => store.close() };
}

/** A database URL without its password, fit to print. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
