import { type JSX, Show } from "solid-js";
import { classNames } from "./class-names.ts";
import { describedBy, ErrorMessage } from "./error-message.component.tsx";

export type TextInputProps = {
  /** The input's id and name (the name is what a GET form puts in the query). */
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onInput: (value: string) => void;
  /** A GOV.UK width class, such as `govuk-input--width-20`. */
  widthClass?: string;
  autocomplete?: JSX.InputHTMLAttributes<HTMLInputElement>["autocomplete"];
  /** Off for codes and names, which a spell checker only gets wrong. */
  spellcheck?: boolean;
  /** Lines of a GOV.UK textarea, for text that may run to several lines; a one-line input without. */
  rows?: number;
};

/** GOV.UK text input (or textarea, with `rows`) with its label, hint and inline error. */
export function TextInput(props: TextInputProps) {
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
      <Show
        when={props.rows}
        fallback={
          <input
            class={classNames("govuk-input", props.widthClass, props.error && "govuk-input--error")}
            id={props.id}
            name={props.id}
            type="text"
            value={props.value}
            onInput={(event) => props.onInput(event.currentTarget.value)}
            aria-describedby={describedBy(props.id, { hasHint: !!props.hint, hasError: !!props.error })}
            autocomplete={props.autocomplete}
            spellcheck={props.spellcheck}
          />
        }
      >
        {(rows) => (
          <textarea
            class={classNames("govuk-textarea", props.error && "govuk-textarea--error")}
            id={props.id}
            name={props.id}
            rows={rows()}
            value={props.value}
            onInput={(event) => props.onInput(event.currentTarget.value)}
            aria-describedby={describedBy(props.id, { hasHint: !!props.hint, hasError: !!props.error })}
            spellcheck={props.spellcheck}
          />
        )}
      </Show>
    </div>
  );
}
