import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import { AppError } from "../../app-error.ts";
import type { DevIdp, DevIdpUser } from "../../auth/dev-idp.service.ts";
import { localPath } from "../../auth/saml.service.ts";
import { html, renderPage } from "../html-page.ts";
import type { Context } from "koa";
import { languageOf, translatorFor } from "../language.ts";

/** Submits the response form once the page has loaded; the Continue button works without it. */
const AUTO_SUBMIT_SCRIPT = `const form = document.getElementById("saml-response");
if (form instanceof HTMLFormElement) form.submit();
`;

/**
 * The development IdP's pages (DESIGN §6): a chooser of demo users that works without
 * JavaScript, and the page that posts the signed response to our ACS.
 */
export function devIdpRoutes(options: {
  idp: DevIdp;
  users: DevIdpUser[];
  acsUrl: string;
  headLinks: string[];
}): Router {
  const { idp, users } = options;
  const router = new Router();
  const page = (ctx: Context, title: string, main: string, scripts: string[] = []) =>
    renderPage({
      lang: languageOf(ctx),
      title,
      serviceName: translatorFor(ctx).t("app:serviceName"),
      skipLink: translatorFor(ctx).t("app:layout.skipLink"),
      headLinks: options.headLinks,
      scripts,
      main,
    });
  const readRequest = (samlRequest: unknown) => {
    try {
      if (typeof samlRequest !== "string") throw new Error("missing");
      return idp.readRequest(samlRequest);
    } catch {
      throw new AppError("request.invalid");
    }
  };

  router.get("/dev-idp/sso", (ctx) => {
    const i18n = translatorFor(ctx);
    const samlRequest = ctx.query.SAMLRequest;
    readRequest(samlRequest);
    const relayState = localPath(ctx.query.RelayState) ?? "/";
    const buttons = users
      .map(
        (u) => `<div class="govuk-summary-card"><div class="govuk-summary-card__content">
<p class="govuk-body govuk-!-margin-bottom-1"><strong>${html(u.displayName)}</strong></p>
<p class="govuk-body-s">${html(i18n.t("idp:userCaption", { role: i18n.t(`app:roles.${u.role}`), organisation: u.organisationName }))}</p>
<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" name="user" value="${html(u.id)}">${html(
          i18n.t("idp:signInAs", { name: u.displayName }),
        )}</button></div></div>`,
      )
      .join("\n");
    ctx.type = "html";
    ctx.set("Cache-Control", "no-store");
    ctx.body = page(
      ctx,
      i18n.t("idp:title"),
      `<h1 class="govuk-heading-l">${html(i18n.t("idp:title"))}</h1>
<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
<strong class="govuk-warning-text__text">${html(i18n.t("idp:warning"))}</strong></div>
<p class="govuk-body">${html(i18n.t("idp:intro"))}</p>
<form method="post" action="/dev-idp/sso" novalidate>
<input type="hidden" name="SAMLRequest" value="${html(String(samlRequest))}">
<input type="hidden" name="RelayState" value="${html(relayState)}">
${buttons}
</form>`,
    );
  });

  router.post("/dev-idp/sso", bodyParser({ enableTypes: ["form"], formLimit: "64kb" }), (ctx) => {
    const i18n = translatorFor(ctx);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const requestId = readRequest(body.SAMLRequest);
    const user = users.find((u) => u.id === body.user);
    if (!user) throw new AppError("request.invalid");
    const samlResponse = idp.respond(user, requestId);
    const relayState = localPath(body.RelayState) ?? "/";
    ctx.type = "html";
    ctx.set("Cache-Control", "no-store");
    ctx.body = page(
      ctx,
      i18n.t("idp:continueTitle"),
      `<h1 class="govuk-heading-l">${html(i18n.t("idp:continueTitle"))}</h1>
<p class="govuk-body">${html(i18n.t("idp:continueText"))}</p>
<form id="saml-response" method="post" action="${html(options.acsUrl)}">
<input type="hidden" name="SAMLResponse" value="${html(samlResponse)}">
<input type="hidden" name="RelayState" value="${html(relayState)}">
<button type="submit" class="govuk-button">${html(i18n.t("idp:continue"))}</button>
</form>`,
      ["/dev-idp/auto-submit.js"],
    );
  });

  router.get("/dev-idp/auto-submit.js", (ctx) => {
    ctx.type = "text/javascript";
    ctx.set("Cache-Control", "no-cache");
    ctx.body = AUTO_SUBMIT_SCRIPT;
  });

  return router;
}
