import { createEffect, createSignal, createUniqueId, For, type JSX, onCleanup, onMount, Show } from "solid-js";
import * as Y from "yjs";
import type { CanonicalValue } from "../../../shared/forms/form-content.ts";
import type { FormField, ScalarField } from "../../../shared/forms/form-definition.schema.ts";
import { t } from "../../src/i18n.ts";
import { classNames } from "../form-controls/class-names.ts";
import { ErrorMessage } from "../form-controls/error-message.component.tsx";
import { checkDate, DATE_PART_NAMES, type DateError, type DatePart, type DateParts, partsOfIsoDate } from "../form-controls/date-parts.ts";
import { formText } from "./form-labels.ts";
import { type PartState, readValue, rowsOf } from "./form-part-state.ts";
import { bindTextField } from "./y-text-field.ts";

type RequiredRule = FormField["required"];

/** Whether a field must be answered given the part's answers (the rule `completeness` applies). */
export function requiredNow(rule: RequiredRule, content: Record<string, CanonicalValue>): boolean {
  if (rule === undefined) return false;
  if (rule === "always") return true;
  const expected = typeof rule.equals === "boolean" ? (rule.equals ? "yes" : "no") : rule.equals;
  return (content[rule.field] ?? null) === expected;
}

/** What every field view gets: the part, where its value lives, and its DOM id. */
type FieldProps<F> = {
  state: PartState;
  field: F;
  /** The part's `fields`, or one row of a rows field. */
  container: Y.Map<unknown>;
  /** Unique on the page: the input's id (a fieldset's inputs start with it). */
  id: string;
  required: boolean;
  /** Shown after the label: who else is in this field. */
  editing?: JSX.Element;
};

/** "Required", after a label, and the ids that describe an input (hint, required, error). */
function describedBy(id: string, parts: { hint?: string; required: boolean; error?: boolean }): string | undefined {
  const ids = [parts.hint ? `${id}-hint` : "", parts.required ? `${id}-required` : "", parts.error ? `${id}-error` : ""].filter(
    (value) => value !== "",
  );
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function FieldNotes(props: { id: string; hint?: string; required: boolean; editing?: JSX.Element }) {
  return (
    <>
      <Show when={props.required}>
        <p class="govuk-body-s app-form-field__required" id={`${props.id}-required`}>
          <strong class="govuk-tag govuk-tag--yellow">{t("caseForms.editor.required")}</strong>
        </p>
      </Show>
      {props.editing}
      <Show when={props.hint}>
        {(hint) => (
          <div class="govuk-hint" id={`${props.id}-hint`}>
            {hint()}
          </div>
        )}
      </Show>
    </>
  );
}

/**
 * A question of a part, as GOV.UK form controls bound to the part's doc, with "Required" when
 * its rule applies now and the names of the other people in it.
 */
export function FormFieldView(props: { state: PartState; field: FormField; idPrefix: string }) {
  let group: HTMLDivElement | undefined;
  const id = () => `${props.idPrefix}-${props.field.id}`;
  const required = () => requiredNow(props.field.required, props.state.content());
  const editors = () => props.state.editors().get(props.field.id) ?? [];
  const editing = (
    <Show when={editors().length > 0}>
      <p class="govuk-body-s app-form-field__editing" data-field-editing={props.field.id}>
        {t("caseForms.editor.editing", { count: editors().length, names: editors().join(t("caseForms.editor.namesSeparator")) })}
      </p>
    </Show>
  );
  const onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget;
    if (next instanceof Node && group?.contains(next)) return;
    props.state.focusField(null);
  };
  // Inputs removed while focused say nothing of it.
  onCleanup(() => props.state.leaveField(props.field.id));

  return (
    <div class="app-form-field" data-field={props.field.id} ref={group} onFocusIn={() => props.state.focusField(props.field.id)} onFocusOut={onFocusOut}>
      <Show
        when={props.field.type === "rows" ? props.field : undefined}
        fallback={
          <ScalarFieldView
            state={props.state}
            field={props.field as ScalarField}
            container={props.state.fields}
            id={id()}
            required={required()}
            editing={editing}
          />
        }
      >
        {(rows) => <RowsFieldView state={props.state} field={rows()} container={props.state.fields} id={id()} required={required()} editing={editing} />}
      </Show>
    </div>
  );
}

function ScalarFieldView(props: FieldProps<ScalarField>) {
  const field = props.field;
  switch (field.type) {
    case "text":
    case "longText":
      return (
        <TextFieldView
          state={props.state}
          container={props.container}
          valueKey={field.id}
          id={props.id}
          label={formText(field.label)}
          hint={field.hint ? formText(field.hint) : undefined}
          multiline={field.type === "longText"}
          required={props.required}
          editing={props.editing}
        />
      );
    case "date":
      return <DateFieldView {...props} field={field} />;
    case "yesNo":
      return <YesNoFieldView {...props} field={field} />;
    case "choice":
      return <ChoiceFieldView {...props} field={field} />;
    case "multiChoice":
      return <MultiChoiceFieldView {...props} field={field} />;
  }
}

/** A text answer: an input or a textarea bound to the Y.Text under `valueKey`. */
function TextFieldView(props: {
  state: PartState;
  container: Y.Map<unknown>;
  valueKey: string;
  id: string;
  label: string;
  hint?: string;
  multiline: boolean;
  required: boolean;
  editing?: JSX.Element;
}) {
  let element: HTMLInputElement | HTMLTextAreaElement | undefined;
  const readOnly = () => !props.state.editable();
  onMount(() => {
    if (!element) return;
    const binding = bindTextField(element, {
      container: props.container,
      key: props.valueKey,
      origin: props.state.collab,
      editable: props.state.editable,
    });
    onCleanup(() => binding.destroy());
  });
  const describe = () => describedBy(props.id, { hint: props.hint, required: props.required });
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={props.id}>
        {props.label}
      </label>
      <FieldNotes id={props.id} hint={props.hint} required={props.required} editing={props.editing} />
      <Show
        when={props.multiline}
        fallback={
          <input
            class={classNames("govuk-input", readOnly() && "app-form-field__read-only")}
            id={props.id}
            name={props.id}
            type="text"
            spellcheck={false}
            readOnly={readOnly()}
            aria-describedby={describe()}
            ref={(el) => {
              element = el;
            }}
          />
        }
      >
        <textarea
          class={classNames("govuk-textarea", readOnly() && "app-form-field__read-only")}
          id={props.id}
          name={props.id}
          rows="4"
          spellcheck={true}
          readOnly={readOnly()}
          aria-describedby={describe()}
          ref={(el) => {
            element = el;
          }}
        />
      </Show>
    </div>
  );
}

const DATE_WIDTH: Readonly<Record<DatePart, string>> = {
  day: "govuk-input--width-2",
  month: "govuk-input--width-2",
  year: "govuk-input--width-4",
};
const DATE_LABEL = { day: "dateInput.day", month: "dateInput.month", year: "dateInput.year" } as const;

function isoOf(value: unknown): string | undefined {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/**
 * A date: the GOV.UK date input, stored as "YYYY-MM-DD" once it is a real date (and removed when
 * emptied). What is typed stays here until then; a change from elsewhere replaces it.
 */
function DateFieldView(props: FieldProps<Extract<ScalarField, { type: "date" }>>) {
  const label = () => formText(props.field.label);
  const hint = () => (props.field.hint ? formText(props.field.hint) : undefined);
  const stored = () => isoOf(readValue(props.state, props.container, props.field.id));
  const [parts, setParts] = createSignal<DateParts>(partsOfIsoDate(stored()));
  const [error, setError] = createSignal<DateError>();
  /** The value this page last wrote or showed: a different one came from elsewhere. */
  let known = stored();
  createEffect(() => {
    const value = stored();
    if (value === known) return;
    known = value;
    setParts(partsOfIsoDate(value));
    setError(undefined);
  });
  const readOnly = () => !props.state.editable();

  const onInput = (part: DatePart, value: string) => {
    if (readOnly()) return;
    const next = { ...parts(), [part]: value };
    setParts(next);
    const check = checkDate(next, { field: label() });
    const write = check.status === "valid" ? check.isoDate : check.status === "empty" ? undefined : known;
    if (check.status !== "invalid") setError(undefined);
    if (write === known) return;
    known = write;
    props.state.change(() => {
      if (write === undefined) props.container.delete(props.field.id);
      else props.container.set(props.field.id, write);
    });
  };
  let fieldset: HTMLFieldSetElement | undefined;
  const onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget;
    if (next instanceof Node && fieldset?.contains(next)) return;
    const check = checkDate(parts(), { field: label() });
    setError(check.status === "invalid" ? check.error : undefined);
  };

  return (
    <div class={error() ? "govuk-form-group govuk-form-group--error" : "govuk-form-group"}>
      <fieldset
        class="govuk-fieldset"
        ref={fieldset}
        onFocusOut={onFocusOut}
        aria-describedby={describedBy(props.id, { hint: hint(), required: props.required, error: !!error() })}
      >
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label()}</legend>
        <FieldNotes id={props.id} hint={hint()} required={props.required} editing={props.editing} />
        <Show when={error()}>{(current) => <ErrorMessage id={`${props.id}-error`} message={current().message} />}</Show>
        <div class="govuk-date-input" id={props.id}>
          <For each={DATE_PART_NAMES}>
            {(part) => (
              <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" for={`${props.id}-${part}`}>
                    {t(DATE_LABEL[part])}
                  </label>
                  <input
                    class={classNames(
                      "govuk-input",
                      "govuk-date-input__input",
                      DATE_WIDTH[part],
                      error()?.parts.includes(part) && "govuk-input--error",
                      readOnly() && "app-form-field__read-only",
                    )}
                    id={`${props.id}-${part}`}
                    name={`${props.id}-${part}`}
                    type="text"
                    inputmode="numeric"
                    readOnly={readOnly()}
                    value={parts()[part]}
                    onInput={(event) => onInput(part, event.currentTarget.value)}
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

type RadioOption = { value: string; label: string };

/** GOV.UK radios in a fieldset; `conditional` is revealed under the option it belongs to while that option is chosen. */
function Radios(props: {
  id: string;
  legend: string;
  hint?: string;
  required: boolean;
  editing?: JSX.Element;
  options: readonly RadioOption[];
  value: string | undefined;
  disabled: boolean;
  inline?: boolean;
  onChange: (value: string) => void;
  conditional?: { value: string; content: JSX.Element };
}) {
  const conditionalId = `${props.id}-conditional`;
  return (
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(props.id, { hint: props.hint, required: props.required })}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        <FieldNotes id={props.id} hint={props.hint} required={props.required} editing={props.editing} />
        <div class={classNames("govuk-radios", "govuk-radios--small", props.inline && !props.conditional && "govuk-radios--inline")}>
          <For each={props.options}>
            {(option, index) => {
              const inputId = index() === 0 ? props.id : `${props.id}-${option.value}`;
              const controls = props.conditional?.value === option.value ? conditionalId : undefined;
              return (
                <>
                  <div class="govuk-radios__item">
                    <input
                      class="govuk-radios__input"
                      id={inputId}
                      name={props.id}
                      type="radio"
                      value={option.value}
                      checked={props.value === option.value}
                      disabled={props.disabled}
                      aria-controls={controls}
                      onChange={(event) => {
                        if (event.currentTarget.checked) props.onChange(option.value);
                      }}
                    />
                    <label class="govuk-label govuk-radios__label" for={inputId}>
                      {option.label}
                    </label>
                  </div>
                  <Show when={controls}>
                    <div
                      class={classNames(
                        "govuk-radios__conditional",
                        props.value !== option.value && "govuk-radios__conditional--hidden",
                      )}
                      id={conditionalId}
                    >
                      {props.conditional?.content}
                    </div>
                  </Show>
                </>
              );
            }}
          </For>
        </div>
      </fieldset>
    </div>
  );
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Yes or no, stored as "yes"/"no"; with `detailsWhen`, a details textarea bound to `<id>Details`. */
function YesNoFieldView(props: FieldProps<Extract<ScalarField, { type: "yesNo" }>>) {
  const field = props.field;
  const value = () => stringOf(readValue(props.state, props.container, field.id));
  const details = field.detailsWhen
    ? {
        value: field.detailsWhen,
        content: (
          <TextFieldView
            state={props.state}
            container={props.container}
            valueKey={`${field.id}Details`}
            id={`${props.id}-details`}
            label={formText(field.detailsLabel ?? "common.giveDetails")}
            multiline={true}
            required={false}
          />
        ),
      }
    : undefined;
  return (
    <Radios
      id={props.id}
      legend={formText(field.label)}
      hint={field.hint ? formText(field.hint) : undefined}
      required={props.required}
      editing={props.editing}
      options={[
        { value: "yes", label: formText("common.yes") },
        { value: "no", label: formText("common.no") },
      ]}
      value={value()}
      disabled={!props.state.editable()}
      inline={true}
      onChange={(next) => props.state.change(() => props.container.set(field.id, next))}
      conditional={details}
    />
  );
}

function ChoiceFieldView(props: FieldProps<Extract<ScalarField, { type: "choice" }>>) {
  const field = props.field;
  const value = () => stringOf(readValue(props.state, props.container, field.id));
  return (
    <Radios
      id={props.id}
      legend={formText(field.label)}
      hint={field.hint ? formText(field.hint) : undefined}
      required={props.required}
      editing={props.editing}
      options={field.options.map((option) => ({ value: option.value, label: formText(option.label) }))}
      value={value()}
      disabled={!props.state.editable()}
      onChange={(next) => props.state.change(() => props.container.set(field.id, next))}
    />
  );
}

/** Checkboxes, stored as the array of the values chosen (removed when none is). */
function MultiChoiceFieldView(props: FieldProps<Extract<ScalarField, { type: "multiChoice" }>>) {
  const field = props.field;
  const chosen = (): readonly string[] => {
    const raw = readValue(props.state, props.container, field.id);
    return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : [];
  };
  const hint = () => (field.hint ? formText(field.hint) : undefined);
  const toggle = (value: string, checked: boolean) => {
    props.state.change(() => {
      const current = chosen().filter((v) => v !== value);
      const next = checked ? [...current, value] : current;
      if (next.length === 0) props.container.delete(field.id);
      else props.container.set(field.id, next);
    });
  };
  return (
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(props.id, { hint: hint(), required: props.required })}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{formText(field.label)}</legend>
        <FieldNotes id={props.id} hint={hint()} required={props.required} editing={props.editing} />
        <div class="govuk-checkboxes govuk-checkboxes--small">
          <For each={field.options}>
            {(option, index) => {
              const inputId = index() === 0 ? props.id : `${props.id}-${option.value}`;
              return (
                <div class="govuk-checkboxes__item">
                  <input
                    class="govuk-checkboxes__input"
                    id={inputId}
                    name={props.id}
                    type="checkbox"
                    value={option.value}
                    checked={chosen().includes(option.value)}
                    disabled={!props.state.editable()}
                    onChange={(event) => toggle(option.value, event.currentTarget.checked)}
                  />
                  <label class="govuk-label govuk-checkboxes__label" for={inputId}>
                    {formText(option.label)}
                  </label>
                </div>
              );
            }}
          </For>
        </div>
      </fieldset>
    </div>
  );
}

/**
 * Repeating rows (witnesses, further evidence): each row a Y.Map of its columns, with buttons to
 * add and remove rows for the party that writes the part.
 */
function RowsFieldView(props: FieldProps<Extract<FormField, { type: "rows" }>>) {
  const field = props.field;
  const rows = () => rowsOf(props.state, field.id);
  const hint = () => (field.hint ? formText(field.hint) : undefined);
  let list: HTMLDivElement | undefined;

  const add = () => {
    props.state.change(() => {
      let array = props.container.get(field.id);
      if (!(array instanceof Y.Array)) {
        array = new Y.Array<Y.Map<unknown>>();
        props.container.set(field.id, array);
      }
      const row = new Y.Map<unknown>();
      // Text columns get their Y.Text now, so two people never create one each.
      for (const column of field.columns) {
        if (column.type === "text" || column.type === "longText") row.set(column.id, new Y.Text());
        if (column.type === "yesNo" && column.detailsWhen) row.set(`${column.id}Details`, new Y.Text());
      }
      (array as Y.Array<Y.Map<unknown>>).push([row]);
    });
    // Start the new row at its first answer.
    queueMicrotask(() => {
      const last = list?.querySelector<HTMLElement>(".app-form-row:last-of-type input, .app-form-row:last-of-type textarea");
      last?.focus();
    });
  };
  const remove = (row: Y.Map<unknown>) => {
    props.state.change(() => {
      const array = props.container.get(field.id);
      if (!(array instanceof Y.Array)) return;
      const index = array.toArray().indexOf(row);
      if (index >= 0) array.delete(index, 1);
    });
  };

  return (
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(props.id, { hint: hint(), required: props.required })}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{formText(field.label)}</legend>
        <FieldNotes id={props.id} hint={hint()} required={props.required} editing={props.editing} />
        <div class="app-form-rows" id={props.id} ref={list}>
          <Show when={rows().length === 0}>
            <p class="govuk-body app-secondary-text">{t("caseForms.editor.rows.none")}</p>
          </Show>
          <For each={rows()}>
            {(row, index) => {
              const rowId = `${props.id}-${createUniqueId()}`;
              return (
                <fieldset class="govuk-fieldset app-form-row">
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                    {t("caseForms.editor.rows.item", { number: index() + 1 })}
                  </legend>
                  <For each={field.columns}>
                    {(column) => (
                      <ScalarFieldView
                        state={props.state}
                        field={column}
                        container={row}
                        id={`${rowId}-${column.id}`}
                        required={column.required === "always"}
                      />
                    )}
                  </For>
                  <Show when={props.state.editable()}>
                    <button type="button" class="govuk-button govuk-button--secondary app-form-row__remove" onClick={() => remove(row)}>
                      {t("caseForms.editor.rows.remove")}
                      <span class="govuk-visually-hidden"> {t("caseForms.editor.rows.removeHidden", { number: index() + 1, label: formText(field.label) })}</span>
                    </button>
                  </Show>
                </fieldset>
              );
            }}
          </For>
        </div>
        <Show when={props.state.editable()}>
          <button type="button" class="govuk-button govuk-button--secondary" onClick={add}>
            {formText(field.addLabel)}
          </button>
        </Show>
      </fieldset>
    </div>
  );
}
