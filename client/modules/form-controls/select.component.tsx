import { For, Show } from "solid-js";
import { classNames } from "./class-names.ts";
import { describedBy, ErrorMessage } from "./error-message.component.tsx";

export type SelectOption = { value: string; text: string };

export type SelectProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  options: readonly SelectOption[];
  /** The text of an empty first option; without it the first option is chosen by default. */
  choose?: string;
  onChange: (value: string) => void;
};

/** GOV.UK select with its label, hint and inline error. */
export function Select(props: SelectProps) {
  return (
    <div class={props.error ? "govuk-form-group govuk-form-group--error" : "govuk-form-group"}>
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.hint}>
        {(hint) => (
          <div id={`${props.id}-hint`} class="govuk-hint">
            {hint()}
          </div>
        )}
      </Show>
      <Show when={props.error}>
        {(error) => <ErrorMessage id={`${props.id}-error`} message={error()} />}
      </Show>
      <select
        class={classNames("govuk-select", !!props.error && "govuk-select--error")}
        id={props.id}
        name={props.id}
        aria-describedby={describedBy(props.id, { hasHint: !!props.hint, hasError: !!props.error })}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        <Show when={props.choose}>
          {(choose) => (
            <option value="" selected={props.value === ""}>
              {choose()}
            </option>
          )}
        </Show>
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={props.value === option.value}>
              {option.text}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
