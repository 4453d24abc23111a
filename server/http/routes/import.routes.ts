import Router from "@koa/router";
import type { Context } from "koa";
import { problemText } from "../../../shared/i18n/problem-text.ts";
import { IMPORT_MAX_BYTES } from "../../../shared/schemas/import.schema.ts";
import { AppError } from "../../app-error.ts";
import type { ImportResult, ImportService } from "../../cases/import.service.ts";
import { actorOf } from "../actor.ts";
import { translatorFor } from "../language.ts";

/**
 * Bulk import (issue #14): `POST /api/imports?dryRun=true|false` with `application/json`
 * (`{"cases":[…]}`) or `text/csv` (a court list of hearings). 200 with what was (or, dry run,
 * would be) created, updated and unchanged; 400 `import.invalid` with every problem; 413 beyond
 * IMPORT_MAX_BYTES.
 */
export function importRoutes(options: { imports: ImportService }): Router {
  const { imports } = options;
  const router = new Router();

  router.post("/api/imports", async (ctx) => {
    const actor = actorOf(ctx);
    const kind = ctx.is("application/json", "text/csv");
    if (kind === false || kind === null) throw new AppError("request.unsupported_type");
    const dryRun = ctx.query.dryRun ?? "false";
    if (dryRun !== "true" && dryRun !== "false") throw new AppError("request.invalid");
    const text = await readText(ctx, IMPORT_MAX_BYTES);
    const authority = { actor, isOperator: false };
    const work = { isDryRun: dryRun === "true" };
    const result: ImportResult = kind === "text/csv" ? await imports.importHearings(authority, text, work) : await imports.importCases(authority, text, work);
    if (!result.isValid) {
      const i18n = translatorFor(ctx);
      // Each problem in the reader's language; its catalogue key stays beside it as a stable code.
      const problems = result.problems.map(({ values, ...p }) => ({ ...p, code: p.message, message: problemText(i18n, p.message, values) }));
      throw new AppError("import.invalid", {}, { problems });
    }
    ctx.set("Cache-Control", "no-store");
    ctx.body = result.summary;
  });

  return router;
}

/** The request body as UTF-8 text, refused with 413 as soon as it passes `limit` bytes. */
async function readText(ctx: Context, limit: number): Promise<string> {
  if (Number(ctx.get("Content-Length") || 0) > limit) throw new AppError("request.too_large");
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new AppError("request.too_large");
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    // A body cut off mid-way (the client went) is the client's doing, not a server fault.
    if (error instanceof AppError) throw error;
    throw new AppError("request.invalid");
  }
  return Buffer.concat(chunks).toString("utf8");
}
