import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import { z } from "zod";
import { AppError } from "../../app-error.ts";
import type { DocumentService } from "../../documents/document.service.ts";
import type { FormService } from "../../forms/form.service.ts";
import { languageOf } from "../language.ts";
import { actorOf, parseInput } from "../actor.ts";

const createForm = z.object({ type: z.enum(["PET", "PTPH"]) }).strict();
/** The content hash the signer saw; when given, a form changed since is refused (409). */
const signOffBody = z.object({ contentSha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict();

/** Case-management forms (DESIGN §11). */
export function formRoutes(options: { forms: FormService; documents: DocumentService }): Router {
  const { forms, documents } = options;
  const router = new Router();
  const json = bodyParser({ enableTypes: ["json"], jsonLimit: "4kb", encoding: "utf-8" });

  router.get("/api/cases/:caseId/forms", async (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = await forms.list(actorOf(ctx), ctx.params.caseId ?? "");
  });
  router.post("/api/cases/:caseId/forms", json, async (ctx) => {
    const { type } = parseInput(createForm, ctx.request.body);
    ctx.status = 201;
    ctx.body = await forms.create(actorOf(ctx), ctx.params.caseId ?? "", type);
  });
  router.get("/api/forms/:formId", async (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = await forms.get(actorOf(ctx), ctx.params.formId ?? "");
  });
  router.post("/api/forms/:formId/sign-offs", json, async (ctx) => {
    const body = parseInput(signOffBody, ctx.request.body ?? {});
    ctx.status = 201;
    ctx.body = await forms.signOff(actorOf(ctx), ctx.params.formId ?? "", body.contentSha256);
  });
  router.post("/api/forms/:formId/finalisation", async (ctx) => {
    ctx.status = 201;
    ctx.body = await forms.finalise(actorOf(ctx), ctx.params.formId ?? "", languageOf(ctx));
  });
  router.get("/api/forms/:formId/pdf", async (ctx) => {
    const actor = actorOf(ctx);
    const summary = await forms.get(actor, ctx.params.formId ?? "");
    if (!summary.finalisedDocumentId) throw new AppError("form.not_agreed");
    const opened = await documents.open(actor, summary.finalisedDocumentId, { download: true });
    ctx.set("Cache-Control", "no-store");
    ctx.set("Content-Disposition", `attachment; filename="${summary.type} ${summary.caseId}.pdf"`);
    ctx.set("Content-Security-Policy", "sandbox; default-src 'none'");
    ctx.type = "application/pdf";
    ctx.length = opened.size;
    ctx.body = opened.stream;
  });
  return router;
}
