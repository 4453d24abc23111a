import type { Middleware } from "koa";
import type { Logger } from "../../logger.ts";

/**
 * One structured line per request: method, the route's template (never the raw path or query,
 * which can hold names, dates of birth or secret tokens), status and duration.
 */
export function requestLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? (ctx.path.startsWith("/api/") ? "api:unmatched" : "static");
      logger.debug({ method: ctx.method, route, status: ctx.status, ms: Math.round(performance.now() - started) }, "request");
    }
  };
}
