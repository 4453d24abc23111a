import Router from "@koa/router";
import type { i18n } from "i18next";
import type { Context } from "koa";
import { type Language, translator } from "../../shared/i18n/i18n.ts";
import { isLanguage, LANGUAGE_COOKIE, languageFromAcceptLanguage } from "../../shared/i18n/language.ts";
import { localPath } from "../auth/saml.service.ts";
import type { SessionUser } from "../auth/session.service.ts";
import type { Store } from "../storage/store.ts";

/**
 * The language of this request's answer (pages, errors, files): the one chosen with the language
 * switch (its cookie), else the browser's Accept-Language, else English.
 */
export function languageOf(ctx: Context): Language {
  const known = ctx.state.language as unknown;
  if (isLanguage(known)) return known;
  const chosen = ctx.cookies.get(LANGUAGE_COOKIE);
  const language = isLanguage(chosen) ? chosen : languageFromAcceptLanguage(ctx.get("Accept-Language") || undefined);
  ctx.state.language = language;
  return language;
}

/** The catalogue in this request's language. */
export function translatorFor(ctx: Context): i18n {
  return translator(languageOf(ctx));
}

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Remember a language in the browser; the client reads the same cookie, so it is not HttpOnly. */
export function rememberLanguage(ctx: Context, language: Language, isProduction: boolean): void {
  ctx.cookies.set(LANGUAGE_COOKIE, language, { httpOnly: false, secure: isProduction, sameSite: "lax", path: "/", overwrite: true, maxAge: ONE_YEAR_MS });
  ctx.state.language = language;
}

/**
 * `GET /language/:language?returnTo=/path`: the header's "Cymraeg" / "English" link. Remembers the
 * choice in the browser and, for a signed-in user, on their record; then back to the page, in the
 * new language. A plain link, so it works before the client has loaded (and without it).
 */
export function languageRoutes(options: { store: Store; isProduction: boolean }): Router {
  const router = new Router();
  router.get("/language/:language", async (ctx) => {
    const language = ctx.params.language;
    const returnTo = localPath(ctx.query.returnTo) ?? "/";
    if (isLanguage(language)) {
      rememberLanguage(ctx, language, options.isProduction);
      const user = ctx.state.user as SessionUser | undefined;
      // Kept on the record only when the user chose it here: a link from another site (which
      // the browser marks cross-site) changes this browser's language, not their e-mails'.
      if (user && ctx.get("Sec-Fetch-Site") !== "cross-site") await options.store.users.setLanguage(user.id, language);
    }
    ctx.set("Cache-Control", "no-store");
    ctx.status = 303;
    ctx.redirect(returnTo);
  });
  return router;
}
