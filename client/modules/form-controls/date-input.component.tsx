import { For, Show } from "solid-js";
import { t } from "../../src/i18n.ts";
import type { DateError, DatePart, DateParts } from "./date-parts.ts";
import { DATE_PART_NAMES, datePartId } from "./date-parts.ts";
import { classNames } from "./class-names.ts";
import { describedBy, ErrorMessage } from "./error-message.component.tsx";

export type DateInputProps = {
  /**
   * Prefix of the inputs' ids and names: `dateOfBirth` gives `dateOfBirth-day`,
   * `dateOfBirth-month` and `dateOfBirth-year`, as GOV.UK Frontend names them.
   */
  id: string;
  legend: string;
  hint?: string;
  error?: DateError;
  value: DateParts;
  onInput: (part: DatePart, value: string) => void;
};

const WIDTH_CLASS: Readonly<Record<DatePart, string>> = {
  day: "govuk-input--width-2",
  month: "govuk-input--width-2",
  year: "govuk-input--width-4",
};

const LABEL_KEY = {
  day: "dateInput.day",
  month: "dateInput.month",
  year: "dateInput.year",
} as const;

/** GOV.UK date input: day, month and year in a fieldset, with its hint and inline error. */
export function DateInput(props: DateInputProps) {
  const hasError = (part: DatePart) => props.error?.parts.includes(part) ?? false;

  return (
    <div class={props.error ? "govuk-form-group govuk-form-group--error" : "govuk-form-group"}>
      <fieldset
        class="govuk-fieldset"
        aria-describedby={describedBy(props.id, {
          hasHint: !!props.hint,
          hasError: !!props.error,
        })}
      >
        <legend class="govuk-fieldset__legend">{props.legend}</legend>
        <Show when={props.hint}>
          {(hint) => (
            <div id={`${props.id}-hint`} class="govuk-hint">
              {hint()}
            </div>
          )}
        </Show>
        <Show when={props.error}>
          {(error) => <ErrorMessage id={`${props.id}-error`} message={error().message} />}
        </Show>
        <div class="govuk-date-input" id={props.id}>
          <For each={DATE_PART_NAMES}>
            {(part) => (
              <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" for={datePartId(props.id, part)}>
                    {t(LABEL_KEY[part])}
                  </label>
                  <input
                    class={classNames(
                      "govuk-input",
                      "govuk-date-input__input",
                      WIDTH_CLASS[part],
                      hasError(part) && "govuk-input--error",
                    )}
                    id={datePartId(props.id, part)}
                    name={datePartId(props.id, part)}
                    type="text"
                    inputmode="numeric"
                    value={props.value[part]}
                    onInput={(event) => props.onInput(part, event.currentTarget.value)}
                  />
                </div>
              </div>
            )}
          </For>
        </div>
      </fieldset>
    </div>
  );
}
