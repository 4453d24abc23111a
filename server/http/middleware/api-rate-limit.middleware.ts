import type { Middleware } from "koa";
import { AppError } from "../../app-error.ts";
import type { RateLimiter } from "../../auth/rate-limiter.ts";

const WINDOW_MS = 60_000;

/**
 * A per-user limit on `/api` requests in each minute (per address for requests without a
 * session), shared by every instance when Redis is configured. Generous for people: a page that
 * polls and a user with several tabs stay far below it; a script gone wrong does not. Over the
 * limit: 429 `request.rate_limited` with Retry-After, and nothing is done.
 */
export function apiRateLimit(options: { rateLimiter: RateLimiter; perMinute: number }): Middleware {
  return async (ctx, next) => {
    if (!ctx.path.startsWith("/api/")) return next();
    const user = ctx.state.user as { id: string } | undefined;
    const key = user ? `api:user:${user.id}` : `api:ip:${ctx.ip}`;
    const { allowed, retryAfterSeconds } = await options.rateLimiter.hit(key, options.perMinute, WINDOW_MS);
    if (!allowed) {
      ctx.set("Retry-After", String(retryAfterSeconds));
      throw new AppError("request.rate_limited");
    }
    return next();
  };
}
