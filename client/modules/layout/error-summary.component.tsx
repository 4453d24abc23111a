import { onMount } from "solid-js";
import { t } from "../../src/i18n.ts";

/**
 * GOV.UK error summary for a problem that is not tied to a form field. Takes focus when shown,
 * as GOV.UK Frontend's own script does, so keyboard and screen reader users meet it first.
 */
export function ErrorSummary(props: { message: string }) {
  let summary: HTMLDivElement | undefined;
  onMount(() => summary?.focus());
  return (
    <div class="govuk-error-summary" ref={summary} tabindex="-1">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t("errorSummary.title")}</h2>
        <div class="govuk-error-summary__body">
          <p class="govuk-body">{props.message}</p>
        </div>
      </div>
    </div>
  );
}
