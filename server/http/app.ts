import Koa from "koa";
import type { Dependencies } from "../dependencies.ts";
import { csrfGuard } from "./middleware/csrf.middleware.ts";
import { errorHandler } from "./middleware/error-handler.middleware.ts";
import { requireUserForApi } from "./middleware/require-user.middleware.ts";
import { securityHeaders } from "./middleware/security-headers.middleware.ts";
import { staticClient } from "./middleware/static-client.middleware.ts";
import { healthRoutes } from "./routes/health.routes.ts";

export type AppOptions = {
  deps: Dependencies;
  /** Built client to serve; omitted in API-only tests. */
  clientDir?: string;
  isDraining: () => boolean;
};

/** The Koa application: middleware order is the security order (headers, errors, CSRF, routes). */
export function createApp(options: AppOptions): Koa {
  const { deps } = options;
  const app = new Koa({ proxy: false });
  app.silent = true;

  app.use(securityHeaders({ isProduction: deps.config.isProduction, formActions: [] }));
  app.use(errorHandler({ logger: deps.logger, i18n: deps.i18n }));
  app.use(csrfGuard({ allowedOrigins: deps.config.allowedOrigins, exemptPaths: ["/auth/saml/acs"] }));

  const health = healthRoutes({ store: deps.store, isDraining: options.isDraining });
  app.use(health.routes()).use(health.allowedMethods());
  app.use(requireUserForApi());

  if (options.clientDir) app.use(staticClient(options.clientDir));
  return app;
}
