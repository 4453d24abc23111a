import Router from "@koa/router";
import type { AuditService } from "../../audit/audit.service.ts";
import type { Store } from "../../storage/store.ts";
import { actorOf } from "../actor.ts";

/** The audit chain's integrity, for court staff (the check is itself audited by the service). */
export function auditRoutes(options: { audit: AuditService; store: Store }): Router {
  const { audit, store } = options;
  const router = new Router();
  router.get("/api/audit/verification", async (ctx) => {
    const result = await audit.verifyFor(store, actorOf(ctx));
    ctx.set("Cache-Control", "no-store");
    ctx.body = {
      intact: result.intact,
      entries: result.entries,
      lastSeq: result.lastSeq,
      lastHash: result.lastHash,
      firstBroken: result.firstBroken ? { seq: result.firstBroken.seq, reason: result.firstBroken.reason } : null,
    };
  });
  return router;
}
