import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Dependencies } from "./dependencies.ts";
import { createApp } from "./http/app.ts";

export type RunningServer = {
  server: http.Server;
  url: string;
  /** Stop accepting, let in-flight requests finish (up to `graceMs`), then close the store. */
  close(graceMs?: number): Promise<void>;
};

/**
 * One `http.Server` for every channel (DESIGN §2). The collaboration and Socket.IO endpoints
 * attach to it in their own modules.
 */
export async function startServer(deps: Dependencies, options: { clientDir?: string } = {}): Promise<RunningServer> {
  let draining = false;
  const app = createApp({ deps, clientDir: options.clientDir, isDraining: () => draining });
  const server = http.createServer(app.callback());
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(deps.config.port, deps.config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "0.0.0.0" || host === "[::]" ? "localhost" : host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000) => {
    closing ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      await deps.pdfInspector.close();
      await deps.store.close();
    })();
    return closing;
  };
  return { server, url, close };
}
