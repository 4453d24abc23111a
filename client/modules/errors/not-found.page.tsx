import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";

/** Any path the client does not know (GOV.UK "page not found" pattern). */
export function NotFoundPage() {
  usePageTitle(() => "notFound.title");
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">{t("notFound.title")}</h1>
        <p class="govuk-body">{t("notFound.typedAddress")}</p>
        <p class="govuk-body">{t("notFound.pastedAddress")}</p>
        <p class="govuk-body">
          <a href="/" class="govuk-link">
            {t("notFound.startPage")}
          </a>
        </p>
      </div>
    </div>
  );
}
