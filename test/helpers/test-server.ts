import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { demoData } from "../../fixtures/demo/demo-data.ts";
import { createAuditService } from "../../server/audit/audit.service.ts";
import { composeDependencies } from "../../server/compose.ts";
import { loadConfig } from "../../server/config.ts";
import { loadDemoData } from "../../server/demo/demo-loader.ts";
import type { Clock, Dependencies } from "../../server/dependencies.ts";
import type { Logger } from "../../server/logger.ts";
import { type RunningServer, startServer } from "../../server/server.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLIENT_DIR = path.join(ROOT, "dist", "client");
export const IDPC_DIR = path.join(ROOT, "fixtures", "idpc");

export type TestServer = {
  url: string;
  origin: string;
  deps: Dependencies;
  dataDir: string;
  running: RunningServer;
  close(): Promise<void>;
};

/** A free TCP port on loopback (so BASE_URL can be known before the server listens). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix = "caseroom-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A real Caseroom server on loopback with its own SQLite file in a temporary folder, with the
 * demo data unless `demo: false`. `close()` stops it and removes the folder.
 */
export async function startTestServer(
  options: {
    demo?: boolean;
    clock?: Clock;
    env?: Record<string, string>;
    dataDir?: string;
    /** Production needs an https BASE_URL: the test then plays the TLS proxy by calling http. */
    httpsBaseUrl?: boolean;
    /** How long an unused collaboration doc stays loaded. */
    unloadGraceMs?: number;
    /** A logger to capture what the server logs (silent otherwise). */
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: String(port),
    HOST: "127.0.0.1",
    BASE_URL: `${options.httpsBaseUrl ? "https" : "http"}://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    ...options.env,
  });
  const deps = await composeDependencies(config, { clock: options.clock, logger: options.logger });
  if (options.demo !== false) {
    await loadDemoData({
      store: deps.store,
      blobs: deps.blobs,
      audit: createAuditService(deps.clock),
      pdfInspector: deps.pdfInspector,
      data: demoData,
      pdfDir: IDPC_DIR,
      now: deps.clock(),
    });
  }
  const running = await startServer(deps, { clientDir: fs.existsSync(CLIENT_DIR) ? CLIENT_DIR : undefined, unloadGraceMs: options.unloadGraceMs });
  return {
    url: `http://127.0.0.1:${port}`,
    origin: config.baseUrl,
    deps,
    dataDir,
    running,
    async close() {
      await running.close(1000);
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Poll `probe` until it returns a value other than undefined, or fail after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
