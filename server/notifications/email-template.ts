import type { i18n } from "i18next";
import type { Language } from "../../shared/i18n/i18n.ts";
import { html } from "../http/html-page.ts";

export type RenderedEmail = { subject: string; text: string; html: string };

/**
 * One notice as plain text and HTML (GOV.UK Notify style): what happened, the case, one link to
 * the place in Caseroom, and how to stop e-mails of this kind. Everything passed in is escaped.
 */
export function renderEmail(options: {
  i18n: i18n;
  language: Language;
  subject: string;
  paragraphs: readonly string[];
  caseLines: readonly string[];
  link: string;
  /** A digest lists one link per update. */
  items?: readonly { subject: string; link: string }[];
  unsubscribeLink: string;
}): RenderedEmail {
  const { i18n } = options;
  const items = options.items ?? [];
  const text = [
    ...options.paragraphs,
    "",
    ...items.flatMap((item) => [`- ${item.subject}`, `  ${item.link}`]),
    ...(options.caseLines.length > 0 ? [...options.caseLines, ""] : []),
    i18n.t("email:callToAction", { link: options.link }),
    "",
    "---",
    i18n.t("email:footer", { link: options.unsubscribeLink }),
    "",
  ].join("\n");
  const paragraph = (words: string) => `<p style="font-family: arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c;">${html(words)}</p>`;
  const body = [
    ...options.paragraphs.map(paragraph),
    items.length > 0 ? `<ul>${items.map((item) => `<li><a href="${html(item.link)}">${html(item.subject)}</a></li>`).join("")}</ul>` : "",
    options.caseLines.length > 0 ? paragraph(options.caseLines.join("\n")).replace(/\n/g, "<br>") : "",
    `<p style="font-family: arial, sans-serif; font-size: 19px;"><a href="${html(options.link)}" style="color: #1d70b8;">${html(i18n.t("email:callToActionHtml"))}</a></p>`,
    `<hr><p style="font-family: arial, sans-serif; font-size: 16px; color: #505a5f;"><a href="${html(options.unsubscribeLink)}" style="color: #505a5f;">${html(i18n.t("email:footerHtml"))}</a></p>`,
  ].join("\n");
  return {
    subject: options.subject,
    text,
    html: `<!DOCTYPE html><html lang="${options.language}"><head><meta charset="utf-8"><title>${html(options.subject)}</title></head><body>${body}</body></html>`,
  };
}
