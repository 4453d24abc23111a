import type { Middleware } from "koa";

/**
 * Strict headers on every response (research/security.md §8.4): no inline or eval'd script, no
 * framing, no referrer. `wasm-unsafe-eval` is for pdf.js only.
 */
export function securityHeaders(options: { isProduction: boolean; formActions: string[] }): Middleware {
  const csp = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "style-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${options.formActions.join(" ")}`.trim(),
    "frame-ancestors 'none'",
  ].join("; ");
  return async (ctx, next) => {
    await next();
    ctx.set("Content-Security-Policy", csp);
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Referrer-Policy", "no-referrer");
    ctx.set("X-Frame-Options", "DENY");
    ctx.set("Cross-Origin-Opener-Policy", "same-origin");
    ctx.set("Cross-Origin-Resource-Policy", "same-origin");
    if (options.isProduction) ctx.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  };
}
