import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import type { Context } from "koa";
import {
  casePatch,
  createCaseRequest,
  defendantPatch,
  hearingPatch,
  hearingRequest,
  offencePatch,
  parseIfMatch,
  sendingRequest,
} from "../../../shared/schemas/intake.schema.ts";
import { AppError } from "../../app-error.ts";
import type { IntakeService, Versioned } from "../../cases/intake.service.ts";
import { actorOf, parseInput } from "../actor.ts";

/**
 * Case intake and edits (issue #14). Every PATCH names the version it changes in `If-Match`
 * (428 without it, 412 `record.stale` with the current version in `ETag` when it moved on);
 * every answer carries the record's version in `ETag`.
 */
export function intakeRoutes(options: { intake: IntakeService }): Router {
  const { intake } = options;
  const router = new Router();
  const json = bodyParser({ enableTypes: ["json"], jsonLimit: "256kb", encoding: "utf-8" });

  const requiredVersion = (ctx: Context) => {
    const version = parseIfMatch(ctx.get("If-Match") || undefined);
    if (version === undefined) throw new AppError("request.precondition_required");
    return version;
  };

  /** Answer with the record and its ETag; a stale write answers the version it lost to. */
  const answer = async (ctx: Context, status: number, work: () => Promise<Versioned>) => {
    ctx.set("Cache-Control", "no-store");
    try {
      const record = await work();
      ctx.status = status;
      ctx.set("ETag", `"${record.version}"`);
      ctx.body = record;
    } catch (error) {
      if (error instanceof AppError && error.code === "record.stale") ctx.set("ETag", `"${error.params.version}"`);
      throw error;
    }
  };

  router.get("/api/intake/options", async (ctx) => {
    const actor = actorOf(ctx);
    ctx.set("Cache-Control", "no-store");
    ctx.body = await intake.options(actor);
  });

  router.post("/api/cases", json, async (ctx) => {
    const actor = actorOf(ctx);
    const input = parseInput(createCaseRequest(intake.today()), ctx.request.body);
    await answer(ctx, 201, () => intake.create(actor, input));
  });

  router.patch("/api/cases/:caseId", json, async (ctx) => {
    const actor = actorOf(ctx);
    const version = requiredVersion(ctx);
    const patch = parseInput(casePatch, ctx.request.body);
    await answer(ctx, 200, () => intake.updateCase(actor, ctx.params.caseId ?? "", version, patch));
  });

  router.post("/api/cases/:caseId/sending", json, async (ctx) => {
    const actor = actorOf(ctx);
    const version = parseIfMatch(ctx.get("If-Match") || undefined);
    const input = parseInput(sendingRequest(intake.today()), ctx.request.body);
    await answer(ctx, 200, () => intake.send(actor, ctx.params.caseId ?? "", version, input));
  });

  router.post("/api/cases/:caseId/hearings", json, async (ctx) => {
    const actor = actorOf(ctx);
    const input = parseInput(hearingRequest, ctx.request.body);
    await answer(ctx, 201, () => intake.listHearing(actor, ctx.params.caseId ?? "", input));
  });

  router.patch("/api/defendants/:id", json, async (ctx) => {
    const actor = actorOf(ctx);
    const version = requiredVersion(ctx);
    const patch = parseInput(defendantPatch(intake.today()), ctx.request.body);
    await answer(ctx, 200, () => intake.updateDefendant(actor, ctx.params.id ?? "", version, patch));
  });

  router.patch("/api/offences/:id", json, async (ctx) => {
    const actor = actorOf(ctx);
    const version = requiredVersion(ctx);
    const patch = parseInput(offencePatch, ctx.request.body);
    await answer(ctx, 200, () => intake.updateOffence(actor, ctx.params.id ?? "", version, patch));
  });

  router.patch("/api/hearings/:id", json, async (ctx) => {
    const actor = actorOf(ctx);
    const version = requiredVersion(ctx);
    const patch = parseInput(hearingPatch, ctx.request.body);
    await answer(ctx, 200, () => intake.updateHearing(actor, ctx.params.id ?? "", version, patch));
  });

  return router;
}
