import { t } from "../../src/i18n.ts";

/** GOV.UK inline error message, above the input it is about. */
export function ErrorMessage(props: { id: string; message: string }) {
  return (
    <p id={props.id} class="govuk-error-message">
      <span class="govuk-visually-hidden">{t("errorMessage.prefix")}</span> {props.message}
    </p>
  );
}

/** The ids an input's `aria-describedby` lists: its hint, then its error, when present. */
export function describedBy(
  id: string,
  parts: { hasHint: boolean; hasError: boolean },
): string | undefined {
  const ids = [parts.hasHint ? `${id}-hint` : "", parts.hasError ? `${id}-error` : ""].filter(
    (value) => value !== "",
  );
  return ids.length > 0 ? ids.join(" ") : undefined;
}
