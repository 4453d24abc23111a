import { createEffect, createSignal, For, Match, on, onCleanup, Show, Switch } from "solid-js";
import type { CollabStatus } from "../realtime/collab-doc.ts";
import { type AppMessageKey, t } from "../../src/i18n.ts";
import { FormFieldView } from "./form-fields.component.tsx";
import { completenessText, formText } from "./form-labels.ts";
import type { PartState } from "./form-part-state.ts";

/** How long a status must hold before it is announced, so typing is not read out key by key. */
const ANNOUNCE_AFTER_MS = 1500;

export const PART_STATUS_TEXT: Readonly<Record<CollabStatus, AppMessageKey>> = {
  connecting: "caseForms.editor.status.connecting",
  saving: "caseForms.editor.status.saving",
  saved: "caseForms.editor.status.saved",
  offline: "caseForms.editor.status.offline",
  "read-only": "caseForms.editor.status.readOnly",
};

/** "Saved" (only from the server's acknowledgement), "Saving…", "Offline", "Read only". */
export function PartStatus(props: { state: PartState; class?: string }) {
  const status = () => props.state.status();
  return (
    <span class={props.class} data-status={status()}>
      <Switch fallback={t(PART_STATUS_TEXT[status()])}>
        <Match when={status() === "saved"}>
          <strong class="govuk-tag govuk-tag--green">{t("caseForms.editor.status.saved")}</strong>
        </Match>
        <Match when={status() === "read-only"}>
          <strong class="govuk-tag govuk-tag--grey">{t("caseForms.editor.status.readOnly")}</strong>
        </Match>
        <Match when={status() === "offline"}>
          <strong class="govuk-tag govuk-tag--orange">{t("caseForms.editor.status.offline")}</strong>
        </Match>
      </Switch>
    </span>
  );
}

/**
 * One part of the form: its heading, whether it is saved, how complete it is, and its sections
 * of questions, editable only by the party that answers it.
 */
export function FormPartView(props: {
  state: PartState;
  title: string;
  /** Who answers this part, for the read-only notice. */
  writtenBy: string | undefined;
  finalised: boolean;
  headingRef?: (element: HTMLHeadingElement) => void;
}) {
  const headingId = `part-${props.state.key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const idPrefix = headingId;

  // The status for screen readers: only once it has held a moment, and only when it changes.
  const [announced, setAnnounced] = createSignal("");
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(props.state.status, (current) => {
      clearTimeout(timer);
      timer = setTimeout(() => setAnnounced(t(PART_STATUS_TEXT[current])), ANNOUNCE_AFTER_MS);
    }),
  );
  onCleanup(() => clearTimeout(timer));

  return (
    <section
      class="app-form-part"
      aria-labelledby={headingId}
      data-part={props.state.key}
      data-synced={props.state.everSynced() ? "true" : "false"}
    >
      <h2 class="govuk-heading-l" id={headingId} tabindex="-1" ref={props.headingRef}>
        {props.title}
      </h2>
      <dl class="govuk-summary-list govuk-summary-list--no-border app-form-part__summary">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t("caseForms.editor.changes")}</dt>
          <dd class="govuk-summary-list__value">
            <PartStatus state={props.state} class="app-collab-status" />
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t("caseForms.editor.answers")}</dt>
          <dd class="govuk-summary-list__value app-form-part__completeness">{completenessText(props.state.completeness())}</dd>
        </div>
      </dl>
      <div class="govuk-visually-hidden" aria-live="polite" aria-atomic="true">
        {announced()}
      </div>
      <Switch>
        <Match when={props.finalised}>
          <div class="govuk-inset-text">{t("caseForms.editor.finalisedReadOnly")}</div>
        </Match>
        <Match when={props.state.status() === "read-only"}>
          <div class="govuk-inset-text">
            {props.writtenBy ? t("caseForms.editor.readOnlyPart", { party: props.writtenBy }) : t("caseForms.editor.readOnlyPartUnrepresented")}
          </div>
        </Match>
      </Switch>
      <For each={props.state.definition.sections}>
        {(section) => (
          <section class="app-form-section" aria-labelledby={`${idPrefix}-section-${section.id}`}>
            <h3 class="govuk-heading-m" id={`${idPrefix}-section-${section.id}`}>
              {formText(section.title)}
            </h3>
            <Show when={section.description}>{(description) => <p class="govuk-body">{formText(description())}</p>}</Show>
            <For each={section.fields}>{(field) => <FormFieldView state={props.state} field={field} idPrefix={idPrefix} />}</For>
          </section>
        )}
      </For>
    </section>
  );
}
