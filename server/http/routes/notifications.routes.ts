import fs from "node:fs";
import path from "node:path";
import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import type { Context } from "koa";
import { noticeKind, preferencesRequest } from "../../../shared/schemas/notification.schema.ts";
import { AppError } from "../../app-error.ts";
import type { SessionUser } from "../../auth/session.service.ts";
import type { Notifications } from "../../notifications/notifications.ts";
import type { Store } from "../../storage/store.ts";
import { html, renderPage } from "../html-page.ts";
import { languageOf, translatorFor } from "../language.ts";
import { parseInput } from "../actor.ts";

/**
 * E-mail notices (issue #16): each user's choices (`/api/me/notification-preferences`), the
 * unsubscribe link of every e-mail (works without signing in: its token is the proof), and, in
 * development without SMTP, the page listing the outbox folder.
 */
export function notificationRoutes(options: { store: Store; notifications: Notifications; headLinks: string[]; isProduction: boolean }) {
  const { store, notifications } = options;
  const publicRoutes = new Router();
  const api = new Router();
  const form = bodyParser({ enableTypes: ["form"], formLimit: "4kb" });

  const page = (ctx: Context, title: string, main: string) => {
    const i18n = translatorFor(ctx);
    ctx.type = "html";
    ctx.set("Cache-Control", "no-store");
    ctx.body = renderPage({ lang: languageOf(ctx), title, serviceName: i18n.t("app:serviceName"), skipLink: i18n.t("app:layout.skipLink"), headLinks: options.headLinks, main });
  };

  /** The user and kind of a valid link; anything else is the same "not valid" page. */
  const linkOf = (ctx: Context, source: Record<string, unknown>) => {
    const user = typeof source.user === "string" ? source.user : "";
    const kind = noticeKind.safeParse(source.kind);
    const token = typeof source.token === "string" ? source.token : "";
    if (!kind.success || !notifications.unsubscribe.isValid(user, kind.data, token)) {
      // A browser gets a GOV.UK page naming the code; anything else the usual JSON error.
      if (ctx.accepts("json", "html") !== "html") throw new AppError("notice.unsubscribe_invalid");
      const i18n = translatorFor(ctx);
      ctx.status = 400;
      page(
        ctx,
        i18n.t("email:unsubscribe.title"),
        `<h1 class="govuk-heading-l">${html(i18n.t("email:unsubscribe.title"))}</h1><p class="govuk-body" data-error-code="notice.unsubscribe_invalid">${html(i18n.t("errors:notice.unsubscribe_invalid"))}</p>`,
      );
      return undefined;
    }
    return { user, kind: kind.data, token };
  };

  // A GET only asks: mail scanners follow links, and must not unsubscribe anyone.
  publicRoutes.get("/notifications/unsubscribe", (ctx) => {
    const link = linkOf(ctx, ctx.query);
    if (!link) return;
    const i18n = translatorFor(ctx);
    const kind = i18n.t(`email:kinds.${link.kind}`);
    page(
      ctx,
      i18n.t("email:unsubscribe.title"),
      `<h1 class="govuk-heading-l">${html(i18n.t("email:unsubscribe.question", { kind }))}</h1>
<form method="post" action="/notifications/unsubscribe" novalidate>
<input type="hidden" name="user" value="${html(link.user)}"><input type="hidden" name="kind" value="${html(link.kind)}"><input type="hidden" name="token" value="${html(link.token)}">
<button type="submit" class="govuk-button">${html(i18n.t("email:unsubscribe.confirm"))}</button></form>`,
    );
  });

  publicRoutes.post("/notifications/unsubscribe", form, async (ctx) => {
    const link = linkOf(ctx, (ctx.request.body ?? {}) as Record<string, unknown>);
    if (!link) return;
    if (await store.users.get(link.user)) await store.noticePreferences.set(link.user, link.kind, "off");
    const i18n = translatorFor(ctx);
    const kind = i18n.t(`email:kinds.${link.kind}`);
    page(
      ctx,
      i18n.t("email:unsubscribe.title"),
      `<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${html(i18n.t("email:unsubscribe.done", { kind }))}</h1></div>
<p class="govuk-body">${html(i18n.t("email:unsubscribe.doneText"))}</p>`,
    );
  });

  // The development outbox: what would have been sent, newest first.
  if (!options.isProduction && notifications.isOutboxPageOn && notifications.outboxDir) {
    const dir = notifications.outboxDir;
    publicRoutes.get("/dev/outbox", async (ctx) => {
      const i18n = translatorFor(ctx);
      const messages = await store.outbox.list({ limit: 200 });
      const rows = messages
        .filter((m) => m.status === "sent")
        .map((m) => `<tr class="govuk-table__row"><td class="govuk-table__cell">${html(m.recipient)}</td><td class="govuk-table__cell"><a class="govuk-link" href="/dev/outbox/${html(m.id)}.eml">${html(m.subject)}</a></td><td class="govuk-table__cell">${html(m.sentAt ?? "")}</td></tr>`)
        .join("");
      const c = (key: string) => `<th scope="col" class="govuk-table__header">${html(i18n.t(`email:outbox.columns.${key}`))}</th>`;
      page(
        ctx,
        i18n.t("email:outbox.title"),
        `<h1 class="govuk-heading-l">${html(i18n.t("email:outbox.title"))}</h1><p class="govuk-body">${html(i18n.t("email:outbox.intro"))}</p>${
          rows ? `<table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row">${c("to")}${c("subject")}${c("at")}</tr></thead><tbody class="govuk-table__body">${rows}</tbody></table>` : `<p class="govuk-body">${html(i18n.t("email:outbox.none"))}</p>`
        }`,
      );
    });
    publicRoutes.get("/dev/outbox/:file", async (ctx) => {
      const file = /^([0-9a-f-]{36})\.eml$/.exec(ctx.params.file ?? "")?.[1];
      if (!file) throw new AppError("route.not_found");
      const full = path.join(dir, `${file}.eml`);
      if (!fs.existsSync(full)) throw new AppError("route.not_found");
      ctx.type = "text/plain; charset=utf-8";
      ctx.set("Cache-Control", "no-store");
      ctx.body = fs.createReadStream(full);
    });
  }

  api.get("/api/me/notification-preferences", async (ctx) => {
    const user = ctx.state.user as SessionUser;
    const chosen = await store.noticePreferences.get(user.id);
    ctx.set("Cache-Control", "no-store");
    ctx.body = { preferences: Object.fromEntries(noticeKind.options.map((kind) => [kind, chosen[kind] ?? "immediately"])) };
  });
  api.put("/api/me/notification-preferences", bodyParser({ enableTypes: ["json"], jsonLimit: "4kb" }), async (ctx) => {
    const user = ctx.state.user as SessionUser;
    const { preferences } = parseInput(preferencesRequest, ctx.request.body);
    for (const [kind, mode] of Object.entries(preferences)) await store.noticePreferences.set(user.id, noticeKind.parse(kind), mode);
    const chosen = await store.noticePreferences.get(user.id);
    ctx.body = { preferences: Object.fromEntries(noticeKind.options.map((kind) => [kind, chosen[kind] ?? "immediately"])) };
  });

  return { publicRoutes, api };
}
