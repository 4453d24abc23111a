import type { Middleware } from "koa";
import { AppError } from "../../app-error.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Mutations need `X-Requested-With: caseroom` (a header a cross-site form cannot send) and, when
 * the browser names an Origin, an allowed one (DESIGN §11). Paths that receive cross-site posts
 * by design (the SAML ACS) are exempted by the caller.
 */
export function csrfGuard(options: { allowedOrigins: string[]; exemptPaths: string[] }): Middleware {
  const allowed = new Set(options.allowedOrigins);
  const exempt = new Set(options.exemptPaths);
  return async (ctx, next) => {
    if (!SAFE_METHODS.has(ctx.method) && !exempt.has(ctx.path)) {
      const origin = ctx.get("Origin");
      if (ctx.get("X-Requested-With") !== "caseroom" || (origin !== "" && !allowed.has(origin))) {
        throw new AppError("request.csrf");
      }
    }
    await next();
  };
}
