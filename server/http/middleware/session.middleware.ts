import type { Middleware } from "koa";
import type { SessionService } from "../../auth/session.service.ts";
import { type CookieSettings, clearCookie } from "../cookies.ts";

/** Resolve the session cookie into `ctx.state.user` (and clear a cookie that is no longer valid). */
export function sessionMiddleware(options: { sessions: SessionService; cookies: CookieSettings }): Middleware {
  const { sessions, cookies } = options;
  return async (ctx, next) => {
    const token = ctx.cookies.get(cookies.session.name);
    if (token) {
      const user = await sessions.resolve(token);
      if (user) {
        ctx.state.user = user;
        ctx.state.sessionToken = token;
      } else {
        clearCookie(ctx, cookies.session);
      }
    }
    await next();
  };
}
