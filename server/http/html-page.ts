import fs from "node:fs";
import path from "node:path";
import { xmlEscape } from "../auth/saml-xml.ts";

/** Escape text for HTML. */
export const html = (value: string) => xmlEscape(value);

/**
 * The stylesheet and icon links of the built client's index.html, so server-rendered pages look
 * like the rest of the service (and the browser finds the favicon).
 */
export function clientHeadLinks(clientDir: string | undefined): string[] {
  if (!clientDir) return [];
  const index = path.join(clientDir, "index.html");
  if (!fs.existsSync(index)) return [];
  return Array.from(
    fs.readFileSync(index, "utf8").matchAll(/<link rel="(?:stylesheet|icon|mask-icon|apple-touch-icon)"[^>]*>/g),
    (m) => m[0],
  );
}

/**
 * A GOV.UK page rendered by the server (sign-in problems, the development IdP): no inline script
 * or style, every word passed in from the catalogue by the caller.
 */
export function renderPage(page: {
  title: string;
  serviceName: string;
  skipLink: string;
  /** Link tags from `clientHeadLinks`. */
  headLinks: string[];
  main: string;
  scripts?: string[];
  lang?: string;
}): string {
  const links = page.headLinks.join("");
  const scripts = (page.scripts ?? []).map((src) => `<script type="module" src="${html(src)}"></script>`).join("");
  return `<!doctype html>
<html lang="${html(page.lang ?? "en")}" class="govuk-template">
<head><meta charset="utf-8"><title>${html(page.title)} – ${html(page.serviceName)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">${links}${scripts}</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">${html(page.skipLink)}</a>
<header class="govuk-service-navigation" data-module="govuk-service-navigation"><div class="govuk-width-container">
<div class="govuk-service-navigation__container"><span class="govuk-service-navigation__service-name">
<a href="/" class="govuk-service-navigation__link">${html(page.serviceName)}</a></span></div></div></header>
<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
${page.main}
</main></div></body></html>`;
}
