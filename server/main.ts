import path from "node:path";
import { fileURLToPath } from "node:url";
import { demoData } from "../fixtures/demo/demo-data.ts";
import { createAuditService } from "./audit/audit.service.ts";
import { composeDependencies } from "./compose.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { loadDemoData } from "./demo/demo-loader.ts";
import { ensureClientBuilt } from "./http/client-build.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Composition root: configuration, dependencies, demo data, client build, server, signals. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const deps = await composeDependencies(config, { logger });

  if (config.loadDemoData) {
    const loaded = await loadDemoData({
      store: deps.store,
      blobs: deps.blobs,
      audit: createAuditService(deps.clock),
      pdfInspector: deps.pdfInspector,
      data: demoData,
      pdfDir: path.join(root, "fixtures", "idpc"),
      now: deps.clock(),
    });
    logger.info({ loaded }, loaded ? "demo data loaded" : "demo data already present");
  }

  const clientDir = path.join(root, "dist", "client");
  await ensureClientBuilt({ root, outDir: clientDir, log: (msg) => logger.info(msg) });

  const running = await startServer(deps, { clientDir });
  logger.info({ url: config.baseUrl, listening: running.url }, "Caseroom is running");

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : "Caseroom failed to start";
  createLogger("info").fatal({ err: error instanceof ConfigError ? undefined : error }, message);
  process.exit(1);
});
