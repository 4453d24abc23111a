import Router from "@koa/router";
import { AppError } from "../../app-error.ts";
import type { Store } from "../../storage/store.ts";

/** Liveness (`/healthz`) and readiness (`/readyz`: the store answers and we are not draining). */
export function healthRoutes(options: { store: Store; isDraining: () => boolean }): Router {
  const router = new Router();
  router.get("/healthz", (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = { status: "ok" };
  });
  router.get("/readyz", async (ctx) => {
    ctx.set("Cache-Control", "no-store");
    if (options.isDraining()) throw new AppError("store.unavailable");
    try {
      await options.store.ping();
    } catch {
      throw new AppError("store.unavailable");
    }
    ctx.body = { status: "ready" };
  });
  return router;
}
