import { createHash, randomBytes } from "node:crypto";
import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import { directionText } from "../../../shared/i18n/direction-text.ts";
import { type Language, translator } from "../../../shared/i18n/i18n.ts";
import { formatLongDate } from "../../../shared/i18n/language.ts";
import { z } from "zod";
import { isoDate } from "../../../shared/schemas/common.schema.ts";
import { AppError } from "../../app-error.ts";
import type { SessionUser } from "../../auth/session.service.ts";
import { icalendar } from "../../directions/icalendar.ts";
import type { DirectionService } from "../../directions/direction.service.ts";
import type { Clock } from "../../dependencies.ts";
import type { Store } from "../../storage/store.ts";
import { languageOf } from "../language.ts";
import { actorOf, parseInput } from "../actor.ts";

const triggers = z.object({ firstHearing: isoDate, notGuiltyPlea: isoDate, sending: isoDate, initialDisclosure: isoDate, trialDate: isoDate }).partial().strict();
const directionInput = z
  .object({
    templateId: z.string().max(64).optional(),
    text: z.string().trim().min(1).max(4000).optional(),
    responsibleParty: z.string().max(80).optional(),
    dueOn: isoDate.optional(),
    values: z.record(z.string().regex(/^[a-z]+$/), z.string().max(200)).optional(),
    triggers: triggers.optional(),
  })
  .strict()
  .refine((d) => d.templateId !== undefined || d.text !== undefined, "a template or a text");
const issueBody = z.object({ directions: z.array(directionInput).min(1).max(50) }).strict();
const varyBody = z
  .object({ text: z.string().trim().min(1).max(4000).optional(), dueOn: isoDate.optional(), responsibleParty: z.string().max(80).optional(), values: z.record(z.string().regex(/^[a-z]+$/), z.string().max(200)).optional() })
  .strict();
const complyBody = z.object({ note: z.string().trim().min(1).max(2000), documentId: z.string().max(64).optional() }).strict();

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Directions (DESIGN §11) and the calendar feeds of their due dates. */
export function directionRoutes(options: { directions: DirectionService; store: Store; clock: Clock; baseUrl: string }): {
  api: Router;
  publicFeed: Router;
} {
  const { directions, store, clock } = options;
  const router = new Router();
  const publicFeed = new Router();
  const json = bodyParser({ enableTypes: ["json"], jsonLimit: "64kb", encoding: "utf-8" });

  router.get("/api/cases/:caseId/directions", async (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = await directions.list(actorOf(ctx), ctx.params.caseId ?? "");
  });
  router.post("/api/cases/:caseId/directions", json, async (ctx) => {
    const body = parseInput(issueBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await directions.issue(actorOf(ctx), ctx.params.caseId ?? "", body.directions);
  });
  router.post("/api/directions/:id/variations", json, async (ctx) => {
    const body = parseInput(varyBody, ctx.request.body ?? {});
    ctx.status = 201;
    ctx.body = await directions.vary(actorOf(ctx), ctx.params.id ?? "", body);
  });
  router.post("/api/directions/:id/acknowledgements", async (ctx) => {
    ctx.status = 201;
    ctx.body = await directions.acknowledge(actorOf(ctx), ctx.params.id ?? "");
  });
  router.post("/api/directions/:id/compliance", json, async (ctx) => {
    ctx.status = 201;
    ctx.body = await directions.comply(actorOf(ctx), ctx.params.id ?? "", parseInput(complyBody, ctx.request.body));
  });

  /** An iCalendar feed of the cases' due dates, in the reader's language. */
  const feed = async (caseIds: string[], language: Language) => {
    const i18n = translator(language);
    const partyWords = (party: string) =>
      party.startsWith("defendant:") ? i18n.t("directions:responsible.defendant") : i18n.t(`directions:responsible.${party}`);
    const record = new Map<string, string>();
    for (const id of caseIds) record.set(id, (await store.cases.get(id))?.urn ?? id);
    const events = [];
    for (const caseId of caseIds) {
      for (const d of await directions.describeCase(caseId)) {
        if (!d.dueOn) continue;
        events.push({
          uid: `${d.id}-v${d.version}@caseroom`,
          date: d.dueOn,
          summary: i18n.t("directions:calendarEvent", { urn: record.get(caseId) ?? caseId, text: directionText(i18n, d, (iso) => formatLongDate(iso, language)) }),
          description: i18n.t("directions:calendarDescription", { party: partyWords(d.responsibleParty), basis: d.legalBasis ?? "-", version: d.version }),
          updatedAt: d.issuedAt,
        });
      }
    }
    return icalendar(i18n.t("directions:calendarName"), events);
  };

  router.get("/api/cases/:caseId/directions.ics", async (ctx) => {
    const caseId = ctx.params.caseId ?? "";
    await directions.list(actorOf(ctx), caseId);
    ctx.type = "text/calendar; charset=utf-8";
    ctx.set("Cache-Control", "no-store");
    ctx.body = await feed([caseId], languageOf(ctx));
  });

  // A personal feed at a secret URL, for calendar applications that cannot sign in.
  router.post("/api/me/calendar-feed", async (ctx) => {
    const user = ctx.state.user as SessionUser;
    const token = randomBytes(32).toString("base64url");
    await store.calendarFeeds.create({ tokenHash: hashToken(token), userId: user.id, createdAt: clock().toISOString() });
    ctx.status = 201;
    ctx.body = { url: `${options.baseUrl}/calendar/${token}.ics` };
  });
  router.delete("/api/me/calendar-feed", async (ctx) => {
    await store.calendarFeeds.revokeAll((ctx.state.user as SessionUser).id, clock().toISOString());
    ctx.status = 204;
  });
  publicFeed.get("/calendar/:file", async (ctx) => {
    const token = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(ctx.params.file ?? "")?.[1];
    const found = token ? await store.calendarFeeds.get(hashToken(token)) : undefined;
    const user = found && !found.revokedAt ? await store.users.get(found.userId) : undefined;
    if (!user) throw new AppError("route.not_found");
    const scope =
      user.role === "prosecutor"
        ? ({ kind: "prosecution", organisationId: user.organisationId } as const)
        : user.role === "defence"
          ? ({ kind: "defence", organisationId: user.organisationId } as const)
          : ({ kind: "court", courts: user.courts } as const);
    const caseIds = await store.cases.search({ scope, today: "0000-01-01", limit: 5000 });
    ctx.type = "text/calendar; charset=utf-8";
    ctx.set("Cache-Control", "no-store");
    // A calendar application has no cookie: the feed is in the language its owner chose.
    ctx.body = await feed(caseIds, (await store.users.language(user.id)) ?? "en");
  });
  return { api: router, publicFeed };
}
