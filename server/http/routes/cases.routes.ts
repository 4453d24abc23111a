import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import { associationRequest, caseSearchQuery } from "../../../shared/schemas/case-search.schema.ts";
import type { AssociationService } from "../../cases/association.service.ts";
import type { CaseService } from "../../cases/case.service.ts";
import { actorOf, parseInput } from "../actor.ts";

/** Case search, overview and defence association (DESIGN §11). */
export function caseRoutes(options: { cases: CaseService; associations: AssociationService }): Router {
  const { cases, associations } = options;
  const router = new Router();
  const json = bodyParser({ enableTypes: ["json"], jsonLimit: "16kb", encoding: "utf-8" });

  router.get("/api/cases", async (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = await cases.search(actorOf(ctx), parseInput(caseSearchQuery, ctx.query));
  });

  router.get("/api/cases/:caseId", async (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = await cases.overview(actorOf(ctx), ctx.params.caseId ?? "");
  });

  router.post("/api/associations", json, async (ctx) => {
    const actor = actorOf(ctx);
    const { created, association } = await associations.associate(actor, parseInput(associationRequest, ctx.request.body));
    ctx.status = created ? 201 : 200;
    ctx.body = association;
  });

  router.delete("/api/associations/:id", async (ctx) => {
    await associations.end(actorOf(ctx), ctx.params.id ?? "");
    ctx.status = 204;
  });

  return router;
}
