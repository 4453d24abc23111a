import type { Middleware } from "koa";
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "../../../shared/errors/error-codes.ts";
import { AppError } from "../../app-error.ts";
import type { Logger } from "../../logger.ts";
import { translatorFor } from "../language.ts";
import { isStoreUnavailable } from "../../storage/store-errors.ts";

/** Statuses raised by Koa and its body parsers, mapped to our stable codes. */
const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: "request.invalid",
  401: "auth.required",
  403: "auth.forbidden",
  404: "route.not_found",
  413: "request.too_large",
  415: "request.unsupported_type",
  429: "request.rate_limited",
};

/**
 * The one place errors become responses: `{"error":{"code","message"}}`, the message from the
 * catalogue in the request's language, never a stack trace or an internal message. Unexpected errors are logged (without
 * request bodies) and answer 500.
 */
export function errorHandler(options: { logger: Logger }): Middleware {
  const { logger } = options;
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && isApiPath(ctx.path)) {
        throw new AppError("route.not_found");
      }
      // The routers answer a method a route does not take with a bare 405, and a method no route
      // takes (PROPFIND, TRACE…) with a bare 501: both are the client's mistake, in our shape.
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) {
        ctx.status = 405;
        ctx.type = "application/json";
        ctx.body = { error: { code: "request.invalid", message: translatorFor(ctx).t("errors:request.invalid") } } satisfies ErrorBody;
        ctx.set("Cache-Control", "no-store");
      }
    } catch (error: unknown) {
      const { code, status, params } = classify(error);
      if (status >= 500) logger.error({ err: error, path: ctx.path, method: ctx.method }, "request failed");
      const body: ErrorBody = { error: { code, message: translatorFor(ctx).t(`errors:${code}`, params) } };
      // Details (an import's list of problems) travel inside the error, beside its code and message.
      if (error instanceof AppError) Object.assign(body.error, error.details);
      ctx.status = status;
      ctx.type = "application/json";
      ctx.body = body;
      ctx.set("Cache-Control", "no-store");
    }
  };
}

function isApiPath(path: string): boolean {
  return path.startsWith("/api/") || path === "/api" || path.startsWith("/auth/") || path.startsWith("/dev-idp/") || path.startsWith("/calendar/");
}

function classify(error: unknown): { code: ErrorCode; status: number; params: Record<string, string | number> } {
  if (error instanceof AppError) return { code: error.code, status: error.status, params: error.params };
  if (isStoreUnavailable(error)) return { code: "store.unavailable", status: ERROR_STATUS["store.unavailable"], params: {} };
  const status = (error as { status?: unknown; expose?: unknown })?.status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const code = CODE_FOR_STATUS[status] ?? "request.invalid";
    return { code, status: ERROR_STATUS[code], params: {} };
  }
  return { code: "server.error", status: 500, params: {} };
}
