import { createEffect, For, type JSX, on, Show } from "solid-js";
import { t } from "../../src/i18n.ts";

/** One problem with a form field: the id of the input to go to and what is wrong. */
export type FieldError = { fieldId: string; message: string };

export type ErrorSummaryProps = {
  /** A problem that is not tied to a form field. */
  message?: string;
  /** Problems with form fields, in the order of the form, each a link to its field. */
  errors?: readonly FieldError[];
  /** More about `message`, such as a list of reasons. */
  children?: JSX.Element;
};

/**
 * GOV.UK error summary. Takes focus when shown and each time its problems change (a new submit
 * gives a new list), as GOV.UK Frontend's own script does, so keyboard and screen reader users
 * meet it first.
 */
export function ErrorSummary(props: ErrorSummaryProps) {
  let summary: HTMLDivElement | undefined;
  createEffect(on([() => props.message, () => props.errors], () => summary?.focus()));

  return (
    <div class="govuk-error-summary" ref={summary} tabindex="-1">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t("errorSummary.title")}</h2>
        <div class="govuk-error-summary__body">
          <Show when={props.message}>{(message) => <p class="govuk-body">{message()}</p>}</Show>
          {props.children}
          <Show when={props.errors?.length}>
            <ul class="govuk-list govuk-error-summary__list">
              <For each={props.errors}>
                {(error) => (
                  <li>
                    <a
                      href={`#${error.fieldId}`}
                      onClick={(event) => {
                        if (focusField(error.fieldId)) event.preventDefault();
                      }}
                    >
                      {error.message}
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </div>
    </div>
  );
}

/**
 * Go to a field from the summary as GOV.UK Frontend does: focus the input, and scroll so that
 * its label or legend, which says what the field is, is in view above it. (The router would
 * otherwise treat the link as a navigation.)
 */
function focusField(fieldId: string): boolean {
  const input = document.getElementById(fieldId);
  if (!input) return false;
  const legend = input.closest("fieldset")?.querySelector("legend");
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  input.focus({ preventScroll: true });
  (legend ?? label ?? input).scrollIntoView();
  return true;
}
