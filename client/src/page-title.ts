import { createRenderEffect } from "solid-js";
import { type AppMessageKey, t } from "./i18n.ts";

/** Set `document.title` to "<Page> – Caseroom" while the calling page is shown. */
export function usePageTitle(page: () => AppMessageKey): void {
  createRenderEffect(() => {
    document.title = t("pageTitle", { page: t(page()), serviceName: t("serviceName") });
  });
}
