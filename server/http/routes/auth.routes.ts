import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import type { Context } from "koa";
import type { ErrorCode } from "../../../shared/errors/error-codes.ts";
import { AppError } from "../../app-error.ts";
import type { AuditService } from "../../audit/audit.service.ts";
import type { RateLimiter } from "../../auth/rate-limiter.ts";
import { localPath, type SamlService, SignInRejected } from "../../auth/saml.service.ts";
import type { SessionService, SessionUser } from "../../auth/session.service.ts";
import type { Logger } from "../../logger.ts";
import type { RealtimeHub } from "../../realtime/realtime-hub.ts";
import type { Store } from "../../storage/store.ts";
import { type CookieSettings, clearCookie } from "../cookies.ts";
import { html, renderPage } from "../html-page.ts";
import { languageOf, rememberLanguage, translatorFor } from "../language.ts";

export type AuthRouteOptions = {
  saml: SamlService;
  sessions: SessionService;
  store: Store;
  audit: AuditService;
  rateLimiter: RateLimiter;
  signInRateLimitPerMinute: number;
  cookies: CookieSettings;
  logger: Logger;
  headLinks: string[];
  realtime: Pick<RealtimeHub, "signedOut">;
};

/** Sign-in and sign-out (DESIGN §6). Thin: parse, check, call the SAML and session services. */
export function authRoutes(options: AuthRouteOptions): Router {
  const { saml, sessions, store, audit, cookies } = options;
  const router = new Router();

  const limitSignIn = async (ctx: Context) => {
    const { allowed, retryAfterSeconds } = await options.rateLimiter.hit(
      `signin:${ctx.ip}`,
      options.signInRateLimitPerMinute,
      60_000,
    );
    if (!allowed) {
      ctx.set("Retry-After", String(retryAfterSeconds));
      throw new AppError("request.rate_limited");
    }
  };

  router.get("/auth/saml/login", async (ctx) => {
    await limitSignIn(ctx);
    const returnTo = localPath(ctx.query.returnTo) ?? "/";
    const { redirectUrl, bindingToken } = await saml.startLogin(returnTo);
    ctx.cookies.set(cookies.login.name, bindingToken, cookies.login.options);
    ctx.set("Cache-Control", "no-store");
    ctx.redirect(redirectUrl);
  });

  router.post(
    "/auth/saml/acs",
    bodyParser({ enableTypes: ["form"], formLimit: "256kb", encoding: "utf-8" }),
    async (ctx) => {
      await limitSignIn(ctx);
      ctx.set("Cache-Control", "no-store");
      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      const bindingToken = ctx.cookies.get(cookies.login.name);
      clearCookie(ctx, cookies.login);
      try {
        const identity = await saml.completeLogin({
          samlResponse: body.SAMLResponse,
          relayState: body.RelayState,
          bindingToken,
        });
        const { user, organisationName } = identity;
        const kind = user.role === "prosecutor" ? "prosecution" : user.role === "defence" ? "defence" : "court";
        // An organisation is one kind for good: a defence user can never join or rename a CPS unit.
        const known = await store.organisations.get(user.organisationId);
        if (known && known.kind !== kind) throw new SignInRejected(401, "organisation kind mismatch");
        await store.transaction(async (tx) => {
          await tx.organisations.upsert({ id: user.organisationId, name: organisationName, kind });
          await tx.users.upsert(user, new Date().toISOString());
          await audit.record(tx, {
            actorId: user.id,
            actorOrganisationId: user.organisationId,
            action: "auth.login.success",
            subjectType: "user",
            subjectId: user.id,
            caseId: null,
            detail: { role: user.role },
          });
        });
        // A new session every time: whatever session id the browser had before is ended.
        await sessions.destroy(ctx.cookies.get(cookies.session.name));
        const token = await sessions.create(user.id);
        ctx.cookies.set(cookies.session.name, token, cookies.session.options);
        // The language the user chose before, on any device, comes back with them.
        const language = await store.users.language(user.id);
        if (language) rememberLanguage(ctx, language, cookies.session.options.secure);
        ctx.redirect(identity.returnTo);
      } catch (error) {
        if (!(error instanceof SignInRejected)) throw error;
        await audit.record(store, {
          actorId: null,
          actorOrganisationId: null,
          action: "auth.login.failure",
          subjectType: null,
          subjectId: null,
          caseId: null,
          detail: { reason: error.reason },
        });
        const code: ErrorCode =
          error.status === 400 ? "request.invalid" : error.status === 403 ? "auth.no_access" : "auth.saml_invalid";
        signInProblem(ctx, error.status, code);
      }
    },
  );

  router.get("/auth/saml/metadata", (ctx) => {
    ctx.type = "application/samlmetadata+xml";
    ctx.body = saml.metadata();
  });

  router.post("/auth/logout", async (ctx) => {
    const user = ctx.state.user as SessionUser | undefined;
    const token = ctx.state.sessionToken as string | undefined;
    await sessions.destroy(token);
    // Every socket and document connection opened with this session closes now.
    if (token) await options.realtime.signedOut({ token });
    clearCookie(ctx, cookies.session);
    if (user) {
      await audit.record(store, {
        actorId: user.id,
        actorOrganisationId: user.organisation.id,
        action: "auth.logout",
        subjectType: "user",
        subjectId: user.id,
        caseId: null,
        detail: {},
      });
    }
    ctx.status = 204;
  });

  /** A browser gets a GOV.UK page; an API client the usual JSON error. */
  function signInProblem(ctx: Context, status: number, code: ErrorCode) {
    ctx.status = status;
    const i18n = translatorFor(ctx);
    const message = i18n.t(`errors:${code}`);
    if (ctx.accepts("json", "html") !== "html") {
      ctx.body = { error: { code, message } };
      return;
    }
    const title = i18n.t(code === "auth.no_access" ? "auth:noAccessTitle" : "auth:problemTitle");
    ctx.type = "html";
    ctx.body = renderPage({
      lang: languageOf(ctx),
      title,
      serviceName: i18n.t("app:serviceName"),
      skipLink: i18n.t("app:layout.skipLink"),
      headLinks: options.headLinks,
      main: `<h1 class="govuk-heading-l">${html(title)}</h1><p class="govuk-body" data-error-code="${html(code)}">${html(message)}</p>
<p class="govuk-body"><a class="govuk-link" href="/auth/saml/login">${html(i18n.t("auth:tryAgain"))}</a></p>`,
    });
  }

  return router;
}

/** `GET /api/me`: who is signed in (DESIGN §11). */
export function meRoutes(): Router {
  const router = new Router();
  router.get("/api/me", (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = ctx.state.user as SessionUser;
  });
  return router;
}
