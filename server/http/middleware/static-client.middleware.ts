import fs from "node:fs";
import path from "node:path";
import type { Middleware } from "koa";
import serve from "koa-static";

const NOT_CLIENT_PATHS = /^\/(api|auth|dev-idp|collab|socket\.io)(\/|$)|^\/(healthz|readyz)$/;

/**
 * Serve the built client: hashed assets with a long cache, and `index.html` for any other GET
 * that accepts HTML (the client router takes it from there).
 */
export function staticClient(outDir: string): Middleware {
  const files = serve(outDir, {
    index: false,
    gzip: false,
    brotli: false,
    setHeaders: (res, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.setHeader("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  const indexFile = path.join(outDir, "index.html");
  return async (ctx, next) => {
    if (NOT_CLIENT_PATHS.test(ctx.path) || (ctx.method !== "GET" && ctx.method !== "HEAD")) return next();
    await files(ctx, async () => {});
    if (ctx.body !== undefined && ctx.body !== null) return;
    // A missing file (it has an extension) is a 404, not the client shell.
    if (path.extname(ctx.path) || !ctx.accepts("html") || !fs.existsSync(indexFile)) return next();
    ctx.type = "html";
    ctx.set("Cache-Control", "no-cache");
    ctx.body = fs.createReadStream(indexFile);
  };
}
