import { createRenderEffect } from "solid-js";
import { type AppMessageKey, type MessageValues, t } from "./i18n.ts";

/** A page's name in the document title: a catalogue key, with values for its placeholders. */
export type PageTitle = AppMessageKey | { key: AppMessageKey; values: MessageValues };

export type PageTitleOptions = {
  /** Whether the page shows validation errors: the title then starts "Error:" (GOV.UK). */
  hasErrors?: () => boolean;
};

/**
 * Set `document.title` to "<Page> – Caseroom" while the calling page is shown. A page that
 * returns `undefined` leaves the title to a nested route (a case workspace leaves it to its
 * section).
 */
export function usePageTitle(
  page: () => PageTitle | undefined,
  options: PageTitleOptions = {},
): void {
  createRenderEffect(() => {
    const title = page();
    if (title === undefined) return;
    const name = typeof title === "string" ? t(title) : t(title.key, title.values);
    const template = options.hasErrors?.() ? "pageTitleWithErrors" : "pageTitle";
    document.title = t(template, { page: name, serviceName: t("serviceName") });
  });
}
