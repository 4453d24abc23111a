import Koa from "koa";
import { AppError } from "../app-error.ts";
import { createAuditService } from "../audit/audit.service.ts";
import { createDevIdp } from "../auth/dev-idp.service.ts";
import { createSamlService } from "../auth/saml.service.ts";
import type { SessionService } from "../auth/session.service.ts";
import type { RealtimeHub } from "../realtime/realtime-hub.ts";
import { createAssociationService } from "../cases/association.service.ts";
import { createCaseService } from "../cases/case.service.ts";
import { createImportService } from "../cases/import.service.ts";
import { createIntakeService } from "../cases/intake.service.ts";
import { createDocumentService } from "../documents/document.service.ts";
import type { Dependencies } from "../dependencies.ts";
import type { CookieSettings } from "./cookies.ts";
import { clientHeadLinks } from "./html-page.ts";
import { csrfGuard } from "./middleware/csrf.middleware.ts";
import type { Notifications } from "../notifications/notifications.ts";
import { languageRoutes } from "./language.ts";
import { notificationRoutes } from "./routes/notifications.routes.ts";
import { errorHandler } from "./middleware/error-handler.middleware.ts";
import { requireUserForApi } from "./middleware/require-user.middleware.ts";
import { sessionMiddleware } from "./middleware/session.middleware.ts";
import { apiRateLimit } from "./middleware/api-rate-limit.middleware.ts";
import { requestLog } from "./middleware/request-log.middleware.ts";
import { securityHeaders } from "./middleware/security-headers.middleware.ts";
import { staticClient } from "./middleware/static-client.middleware.ts";
import { auditRoutes } from "./routes/audit.routes.ts";
import { authRoutes, meRoutes } from "./routes/auth.routes.ts";
import { caseRoutes } from "./routes/cases.routes.ts";
import { importRoutes } from "./routes/import.routes.ts";
import { intakeRoutes } from "./routes/intake.routes.ts";
import { collabRoutes } from "./routes/collab.routes.ts";
import { documentRoutes, uploadTempDir } from "./routes/documents.routes.ts";
import { formRoutes } from "./routes/forms.routes.ts";
import { directionRoutes } from "./routes/directions.routes.ts";
import { createDirectionService } from "../directions/direction.service.ts";
import { createFormService } from "../forms/form.service.ts";
import { devIdpRoutes } from "./routes/dev-idp.routes.ts";
import { healthRoutes } from "./routes/health.routes.ts";

export type AppOptions = {
  deps: Dependencies;
  sessions: SessionService;
  cookies: CookieSettings;
  realtime: RealtimeHub;
  /** Built client to serve; omitted in API-only tests. */
  clientDir?: string;
  isDraining: () => boolean;
  notifications: Notifications;
};

/** The Koa application: middleware order is the security order (headers, errors, CSRF, routes). */
export function createApp(options: AppOptions): Koa {
  const { deps } = options;
  const { config, store, i18n, logger } = deps;
  const app = new Koa({ proxy: config.trustProxy });
  app.silent = true;
  const { cookies, sessions, realtime } = options;
  const headLinks = clientHeadLinks(options.clientDir);
  const audit = createAuditService(deps.clock);
  const saml = createSamlService({ settings: deps.saml, cache: deps.replayCache, attributeNames: config.saml.attributeNames });
  // The IdP receives the AuthnRequest by redirect, and our pages post only to ourselves.
  const idpOrigin = deps.saml.isDevIdp ? [] : [new URL(deps.saml.idpSsoUrl).origin];

  app.use(requestLog(logger));
  app.use(securityHeaders({ isProduction: config.isProduction, formActions: idpOrigin }));
  if (config.isProduction) {
    // Production is only ever reached over https (BASE_URL is https), through a TLS proxy.
    app.use(async (ctx, next) => {
      ctx.cookies.secure = true;
      await next();
    });
  }
  app.use(errorHandler({ logger }));
  // The ACS receives the IdP's cross-site post; the development IdP's chooser is a plain form.
  app.use(csrfGuard({ allowedOrigins: config.allowedOrigins, exemptPaths: ["/auth/saml/acs", "/dev-idp/sso", "/notifications/unsubscribe"] }));
  // Browsers and the IdP never compress what they send: a compressed body (whose inflation errors
  // would otherwise surface as 500s) is refused before any parser reads it.
  app.use(async (ctx, next) => {
    const encoding = ctx.get("Content-Encoding").trim().toLowerCase();
    if (encoding !== "" && encoding !== "identity") throw new AppError("request.unsupported_type");
    await next();
  });

  const health = healthRoutes({ store, redis: deps.redis, isDraining: options.isDraining });
  app.use(health.routes()).use(health.allowedMethods());
  app.use(sessionMiddleware({ sessions, cookies }));
  app.use(apiRateLimit({ rateLimiter: deps.rateLimiter, perMinute: config.apiRateLimitPerMinute }));
  const language = languageRoutes({ store, isProduction: config.isProduction });
  app.use(language.routes()).use(language.allowedMethods());

  const auth = authRoutes({
    saml,
    sessions,
    store,
    audit,
    rateLimiter: deps.rateLimiter,
    signInRateLimitPerMinute: config.signInRateLimitPerMinute,
    cookies,
    logger,
    headLinks,
    realtime,
  });
  app.use(auth.routes()).use(auth.allowedMethods());
  if (deps.saml.isDevIdp && !config.isProduction) {
    const devIdp = devIdpRoutes({
      idp: createDevIdp({ settings: deps.saml, attributeNames: config.saml.attributeNames }),
      users: deps.devIdpUsers,
      acsUrl: deps.saml.acsUrl,
      headLinks,
    });
    app.use(devIdp.routes()).use(devIdp.allowedMethods());
  }

  // The personal calendar feed authenticates by its secret URL, not a session.
  const directionApi = directionRoutes({
    directions: createDirectionService({ store, clock: deps.clock, ids: deps.ids, audit, i18n, realtime, notices: options.notifications.notices, mailer: options.notifications.mailer }),
    store,
    clock: deps.clock,
    baseUrl: config.baseUrl,
  });
  app.use(directionApi.publicFeed.routes());
  const noticeApi = notificationRoutes({ store, notifications: options.notifications, headLinks, isProduction: config.isProduction });
  app.use(noticeApi.publicRoutes.routes()).use(noticeApi.publicRoutes.allowedMethods());
  app.use(requireUserForApi());
  const me = meRoutes();
  app.use(me.routes()).use(me.allowedMethods());
  const cases = createCaseService({ store, clock: deps.clock, audit });
  const caseApi = caseRoutes({
    cases,
    associations: createAssociationService({ store, clock: deps.clock, ids: deps.ids, audit, rateLimiter: deps.rateLimiter, realtime, notices: options.notifications.notices, mailer: options.notifications.mailer }),
  });
  app.use(caseApi.routes()).use(caseApi.allowedMethods());
  const intakeApi = intakeRoutes({ intake: createIntakeService({ store, clock: deps.clock, ids: deps.ids, audit, realtime }) });
  app.use(intakeApi.routes()).use(intakeApi.allowedMethods());
  const importApi = importRoutes({ imports: createImportService({ store, clock: deps.clock, ids: deps.ids, audit, realtime }) });
  app.use(importApi.routes()).use(importApi.allowedMethods());
  const documents = createDocumentService({ store, blobs: deps.blobs, clock: deps.clock, ids: deps.ids, audit, pdfInspector: deps.pdfInspector, i18n, realtime, notices: options.notifications.notices, mailer: options.notifications.mailer });
  const documentApi = documentRoutes({
    cases,
    documents,
    store,
    blobs: deps.blobs,
    clock: deps.clock,
    uploadLimitBytes: config.uploadLimitBytes,
    tempDir: uploadTempDir(config.dataDir),
    audit,
  });
  app.use(documentApi.routes()).use(documentApi.allowedMethods());
  const formApi = formRoutes({ forms: createFormService({ store, clock: deps.clock, ids: deps.ids, audit, documents, realtime, notices: options.notifications.notices, mailer: options.notifications.mailer }), documents });
  app.use(formApi.routes()).use(formApi.allowedMethods());
  app.use(directionApi.api.routes()).use(directionApi.api.allowedMethods());
  const collabApi = collabRoutes({ store });
  app.use(collabApi.routes()).use(collabApi.allowedMethods());
  app.use(noticeApi.api.routes()).use(noticeApi.api.allowedMethods());
  const auditApi = auditRoutes({ audit, store });
  app.use(auditApi.routes()).use(auditApi.allowedMethods());

  if (options.clientDir) app.use(staticClient(options.clientDir));
  return app;
}
