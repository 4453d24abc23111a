import type { Context } from "koa";

/**
 * Cookie names and attributes (research/security.md §8.3): `__Host-` and `Secure` in
 * production. The login-binding cookie is `SameSite=None` in production because the IdP posts
 * to the ACS cross-site; in development the IdP is same-site, so `Lax` suffices.
 */
export function cookieSettings(isProduction: boolean) {
  const prefix = isProduction ? "__Host-" : "";
  const base = { httpOnly: true, secure: isProduction, path: "/", overwrite: true, signed: false } as const;
  return {
    session: { name: `${prefix}caseroom_session`, options: { ...base, sameSite: "lax" as const } },
    login: {
      name: `${prefix}caseroom_login`,
      options: { ...base, sameSite: isProduction ? ("none" as const) : ("lax" as const), maxAge: 10 * 60_000 },
    },
  };
}

export type CookieSettings = ReturnType<typeof cookieSettings>;

export function clearCookie(ctx: Context, cookie: { name: string; options: object }): void {
  ctx.cookies.set(cookie.name, "", { ...cookie.options, maxAge: 0, expires: new Date(0) });
}
