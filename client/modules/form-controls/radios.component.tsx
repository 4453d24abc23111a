import { For, Show } from "solid-js";
import type { SelectOption } from "./select.component.tsx";
import { describedBy, ErrorMessage } from "./error-message.component.tsx";

export type RadiosProps = {
  /** Prefix of the radios' ids: the first is `<id>`, so an error summary can link to it. */
  id: string;
  legend: string;
  error?: string;
  value: string;
  options: readonly SelectOption[];
  isInline?: boolean;
  onChange: (value: string) => void;
};

/** GOV.UK radios in a fieldset, with the inline error. */
export function Radios(props: RadiosProps) {
  const optionId = (index: number) => (index === 0 ? props.id : `${props.id}-${index + 1}`);
  return (
    <div class={props.error ? "govuk-form-group govuk-form-group--error" : "govuk-form-group"}>
      <fieldset
        class="govuk-fieldset"
        aria-describedby={describedBy(props.id, { hasHint: false, hasError: !!props.error })}
      >
        <legend class="govuk-fieldset__legend">{props.legend}</legend>
        <Show when={props.error}>
          {(error) => <ErrorMessage id={`${props.id}-error`} message={error()} />}
        </Show>
        <div class={props.isInline ? "govuk-radios govuk-radios--inline" : "govuk-radios"}>
          <For each={props.options}>
            {(option, index) => (
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={optionId(index())}
                  name={props.id}
                  type="radio"
                  value={option.value}
                  checked={props.value === option.value}
                  onChange={() => props.onChange(option.value)}
                />
                <label class="govuk-label govuk-radios__label" for={optionId(index())}>
                  {option.text}
                </label>
              </div>
            )}
          </For>
        </div>
      </fieldset>
    </div>
  );
}
