import Router from "@koa/router";
import { AppError } from "../../app-error.ts";
import type { RedisConnection } from "../../redis/redis-connection.ts";
import type { Store } from "../../storage/store.ts";

/**
 * Liveness (`/healthz`) and readiness (`/readyz`: the store answers and we are not draining).
 * Readiness also reports Redis when there is one, but does not depend on it: an instance whose
 * Redis is away still serves its own clients, and every instance shares the same Redis, so
 * taking them all out of the load balancer would help nobody.
 */
export function healthRoutes(options: { store: Store; redis?: RedisConnection; isDraining: () => boolean }): Router {
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
    const redis = options.redis ? (options.redis.isReady() ? "ok" : "unavailable") : "not configured";
    ctx.body = { status: "ready", store: "ok", redis };
  });
  return router;
}
