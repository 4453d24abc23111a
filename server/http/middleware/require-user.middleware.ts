import type { Middleware } from "koa";
import { AppError } from "../../app-error.ts";

/**
 * Everything under /api needs a signed-in user: without one the answer is 401 before any route
 * runs, so an anonymous caller learns nothing about which routes or records exist.
 */
export function requireUserForApi(): Middleware {
  return async (ctx, next) => {
    if ((ctx.path === "/api" || ctx.path.startsWith("/api/")) && !ctx.state.user) throw new AppError("auth.required");
    await next();
  };
}
