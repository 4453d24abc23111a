import { useNavigate } from "@solidjs/router";
import { createMemo, createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import type { DirectionTemplate } from "../../../shared/domain/direction-templates.ts";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { formatDate, todayInLondon } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { useCase, useCaseTrail } from "../cases/case-workspace.component.tsx";
import { classNames } from "../form-controls/class-names.ts";
import { DateInput } from "../form-controls/date-input.component.tsx";
import { describedBy, ErrorMessage } from "../form-controls/error-message.component.tsx";
import { TextInput } from "../form-controls/text-input.component.tsx";
import { ErrorSummary, type FieldError } from "../layout/error-summary.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { issueDirections } from "./direction.api.ts";
import { type PartyOption, partyOptions, ruleText, templateOutline } from "./direction-labels.tsx";
import { type DirectionsState, directionsPath } from "./directions-paths.ts";
import {
  caseTiming,
  checkGive,
  computedDue,
  emptyGiveFields,
  enteredTriggers,
  FIELD_IDS,
  GROUPS,
  type GiveErrors,
  type GiveFields,
  type TemplateChoice,
  preview,
  shownDue,
  templatesFor,
  triggersNeeded,
} from "./give-directions.form.ts";

const NO_ERRORS: GiveErrors = { fields: {}, dates: {} };

/**
 * `/cases/:caseId/directions/new`: a judge or legal adviser gives directions. Standard directions
 * of the case's court, grouped by who must comply, each with its placeholders, who must comply
 * and a due date worked out live from the dates its time limit runs from (which the court can
 * change); or a direction in the court's own words. A preview shows what will be issued.
 */
export function GiveDirectionsPage() {
  const detail = useCase();
  const session = useSession();
  const navigate = useNavigate();
  const templates = createMemo(() => templatesFor(detail().jurisdiction));
  const timing = createMemo(() => caseTiming(detail()));
  const parties = createMemo(() => partyOptions(detail()));
  const [fields, setFields] = createStore<GiveFields>(emptyGiveFields(detail(), todayInLondon()));
  const [errors, setErrors] = createSignal<GiveErrors>(NO_ERRORS);
  const [summary, setSummary] = createSignal<readonly FieldError[]>([]);
  const [refusal, setRefusal] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const tabPath = () => directionsPath(detail().id);

  useCaseTrail(() => [
    { text: t("cases.workspace.navigation.directions"), href: tabPath() },
    { text: t("directions.give.heading") },
  ]);
  usePageTitle(() => ({ key: "directions.give.pageTitle", values: { urn: detail().urn } }), {
    hasErrors: () => summary().length > 0 || refusal() !== undefined,
  });

  const me = () => session.me();
  const isJudicial = () => me()?.role === "judge" || me()?.role === "legal-adviser";
  const triggers = createMemo(() => enteredTriggers(fields));
  const computed = (template: DirectionTemplate) => computedDue(template, triggers(), timing());
  const previewItems = createMemo(() => preview(fields, detail(), templates(), timing()));
  const needed = createMemo(() => triggersNeeded(fields, templates()));
  const groups = createMemo(() =>
    GROUPS.map((party) => ({ party, templates: templates().filter((template) => template.responsibleParty === party) })).filter(
      (group) => group.templates.length > 0,
    ),
  );
  const noneChosenError = () => {
    const first = templates()[0];
    return first ? errors().fields[FIELD_IDS.template(first.id)] : undefined;
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const checked = checkGive(fields, templates());
    setErrors(checked.errors);
    setSummary(checked.summary);
    setRefusal(undefined);
    if (!checked.requests) return;
    setBusy(true);
    try {
      const given = await issueDirections(detail().id, checked.requests);
      const state: DirectionsState = { directionsGiven: given.length };
      navigate(tabPath(), { state });
    } catch (error: unknown) {
      const failure = error instanceof ApiError ? error : unexpectedError();
      setRefusal(failure.status === 403 && failure.code !== "request.csrf" ? t("directions.give.errors.forbidden") : failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <Show when={summary().length > 0}>
          <ErrorSummary errors={summary()} />
        </Show>
        <Show when={refusal()}>{(message) => <ErrorSummary message={message()} />}</Show>
        <span class="govuk-caption-l">{detail().urn}</span>
        <h1 class="govuk-heading-l">{t("directions.give.heading")}</h1>
        <Switch>
          <Match when={me() && !isJudicial()}>
            <p class="govuk-body">{t("directions.give.notJudicial")}</p>
            <p class="govuk-body">
              <a class="govuk-link" href={tabPath()}>
                {t("directions.give.backLink")}
              </a>
            </p>
          </Match>
          <Match when={me()}>
            <form method="post" action={tabPath()} novalidate onSubmit={onSubmit}>
              <h2 class="govuk-heading-m">{t("directions.give.templates.legend")}</h2>
              <div class={classNames("govuk-form-group", !!noneChosenError() && "govuk-form-group--error")}>
                <p class="govuk-hint" id="templates-hint">
                  {t("directions.give.templates.hint")}
                </p>
                <Show when={noneChosenError()}>
                  {(message) => <ErrorMessage id="templates-error" message={message()} />}
                </Show>
                <For each={groups()}>
                  {(group) => (
                    <div class="govuk-form-group">
                      <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                          {t(`directions.give.groups.${group.party}`)}
                        </legend>
                        <div class="govuk-checkboxes" data-module="govuk-checkboxes">
                          <For each={group.templates}>
                            {(template) => (
                              <TemplateChoiceItem
                                template={template}
                                fields={fields}
                                setFields={setFields}
                                errors={errors()}
                                computed={computed(template)}
                                parties={parties()}
                              />
                            )}
                          </For>
                        </div>
                      </fieldset>
                    </div>
                  )}
                </For>
              </div>

              <h2 class="govuk-heading-m">{t("directions.give.triggers.legend")}</h2>
              <Show when={needed().length > 0} fallback={<p class="govuk-body">{t("directions.give.triggers.none")}</p>}>
                <p class="govuk-hint">{t("directions.give.triggers.hint")}</p>
                <For each={needed()}>
                  {(name) => (
                    <DateInput
                      id={FIELD_IDS.trigger(name)}
                      legend={t(`directions.give.triggers.labels.${name}`)}
                      hint={t("directions.give.triggers.dateHint")}
                      error={errors().dates[FIELD_IDS.trigger(name)]}
                      value={fields.triggers[name]}
                      onInput={(part, value) => setFields("triggers", name, part, value)}
                    />
                  )}
                </For>
              </Show>

              <OwnWords fields={fields} setFields={setFields} errors={errors()} parties={parties()} />

              <h2 class="govuk-heading-m">{t("directions.give.preview.heading")}</h2>
              <Show
                when={previewItems().length > 0}
                fallback={<p class="govuk-body">{t("directions.give.preview.none")}</p>}
              >
                <ol class="govuk-list govuk-list--number app-direction-preview">
                  <For each={previewItems()}>
                    {(item) => (
                      <li class="app-direction-preview__item">
                        {item.text}
                        <span class="app-secondary-text">
                          <Show when={item.party}>
                            {(party) => `${t("directions.give.preview.responsible", { party: party() })}. `}
                          </Show>
                          {item.dueOn
                            ? t("directions.give.preview.due", { date: formatDate(item.dueOn) })
                            : t("directions.give.preview.noDue")}
                        </span>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>

              <p class="govuk-body app-status-line" role="status">
                <Show when={busy()}>{t("directions.give.sending")}</Show>
              </p>
              <div class="govuk-button-group">
                <button type="submit" class="govuk-button" disabled={busy()} aria-disabled={busy() ? "true" : undefined}>
                  {t("directions.give.submit")}
                </button>
                <a class="govuk-link" href={tabPath()}>
                  {t("directions.give.cancel")}
                </a>
              </div>
            </form>
          </Match>
        </Switch>
      </div>
    </div>
  );
}

type SetFields = ReturnType<typeof createStore<GiveFields>>[1];

/** One standard direction: its checkbox, and once chosen, what the court fills in for it. */
function TemplateChoiceItem(props: {
  template: DirectionTemplate;
  fields: GiveFields;
  setFields: SetFields;
  errors: GiveErrors;
  computed: string | null;
  parties: readonly PartyOption[];
}) {
  const id = () => props.template.id;
  const inputId = () => FIELD_IDS.template(id());
  const conditionalId = () => `${inputId()}-conditional`;
  // Every template of the case's court has its choice (see emptyGiveFields).
  const choice = () => props.fields.templates[id()] as TemplateChoice;
  const checked = () => choice().checked;
  const dueId = () => FIELD_IDS.due(id());
  const dueHint = () => {
    const computed = props.computed;
    if (props.template.due.trigger === "fixed") return t("directions.give.due.fixed");
    if (!computed) return t("directions.give.due.notComputed");
    return t(choice().dueEdited ? "directions.give.due.overridden" : "directions.give.due.computed", {
      date: formatDate(computed),
    });
  };

  return (
    <>
      <div class="govuk-checkboxes__item">
        <input
          class="govuk-checkboxes__input"
          id={inputId()}
          name="templates"
          type="checkbox"
          value={id()}
          checked={checked()}
          aria-controls={conditionalId()}
          aria-expanded={checked() ? "true" : "false"}
          aria-describedby={`${inputId()}-hint`}
          onChange={(event) => props.setFields("templates", id(), "checked", event.currentTarget.checked)}
        />
        <label class="govuk-label govuk-checkboxes__label" for={inputId()}>
          {templateOutline(props.template)}
        </label>
        <div id={`${inputId()}-hint`} class="govuk-hint govuk-checkboxes__hint">
          {t("directions.give.legalBasis", { basis: props.template.legalBasis, rule: ruleText(props.template.due) })}
        </div>
      </div>
      <div
        class={classNames("govuk-checkboxes__conditional", !checked() && "govuk-checkboxes__conditional--hidden")}
        id={conditionalId()}
      >
        <Show when={checked()}>
          <For each={props.template.placeholders}>
            {(name) => (
              <TextInput
                id={FIELD_IDS.placeholder(id(), name)}
                label={t(`directions.give.placeholders.${name}`)}
                hint={t(`directions.give.placeholderHints.${name}`)}
                error={props.errors.fields[FIELD_IDS.placeholder(id(), name)]}
                value={choice().values[name] ?? ""}
                onInput={(value) => props.setFields("templates", id(), "values", name, value)}
                widthClass="govuk-!-width-full"
                autocomplete="off"
              />
            )}
          </For>
          <PartySelect
            id={FIELD_IDS.party(id())}
            label={t("directions.give.responsible")}
            value={choice().party}
            options={props.parties}
            error={props.errors.fields[FIELD_IDS.party(id())]}
            onChange={(value) => props.setFields("templates", id(), "party", value)}
          />
          <DateInput
            id={dueId()}
            legend={t("directions.give.due.legend")}
            hint={dueHint()}
            error={props.errors.dates[dueId()]}
            value={shownDue(choice(), props.computed)}
            onInput={(part, value) =>
              props.setFields("templates", id(), { due: { ...shownDue(choice(), props.computed), [part]: value }, dueEdited: true })
            }
          />
          <Show when={choice().dueEdited && props.computed}>
            <p class="govuk-body">
              <button
                type="button"
                class="app-link-button govuk-link"
                onClick={() => props.setFields("templates", id(), "dueEdited", false)}
              >
                {t("directions.give.due.useComputed")}
              </button>
            </p>
          </Show>
        </Show>
      </div>
    </>
  );
}

/** "Give a direction in your own words": its text, who must comply and an optional due date. */
function OwnWords(props: { fields: GiveFields; setFields: SetFields; errors: GiveErrors; parties: readonly PartyOption[] }) {
  const conditionalId = createUniqueId();
  const checked = () => props.fields.own.checked;
  const textError = () => props.errors.fields[FIELD_IDS.ownText];
  return (
    <div class="govuk-form-group">
      <div class="govuk-checkboxes" data-module="govuk-checkboxes">
        <div class="govuk-checkboxes__item">
          <input
            class="govuk-checkboxes__input"
            id={FIELD_IDS.own}
            name="own"
            type="checkbox"
            checked={checked()}
            aria-controls={conditionalId}
            aria-expanded={checked() ? "true" : "false"}
            onChange={(event) => props.setFields("own", "checked", event.currentTarget.checked)}
          />
          <label class="govuk-label govuk-checkboxes__label" for={FIELD_IDS.own}>
            {t("directions.give.own.checkbox")}
          </label>
        </div>
        <div
          class={classNames("govuk-checkboxes__conditional", !checked() && "govuk-checkboxes__conditional--hidden")}
          id={conditionalId}
        >
          <Show when={checked()}>
            <div class={classNames("govuk-form-group", !!textError() && "govuk-form-group--error")}>
              <label class="govuk-label" for={FIELD_IDS.ownText}>
                {t("directions.give.own.text")}
              </label>
              <div id={`${FIELD_IDS.ownText}-hint`} class="govuk-hint">
                {t("directions.give.own.textHint")}
              </div>
              <Show when={textError()}>
                {(message) => <ErrorMessage id={`${FIELD_IDS.ownText}-error`} message={message()} />}
              </Show>
              <textarea
                class={classNames("govuk-textarea", !!textError() && "govuk-textarea--error")}
                id={FIELD_IDS.ownText}
                name={FIELD_IDS.ownText}
                rows="4"
                value={props.fields.own.text}
                aria-describedby={describedBy(FIELD_IDS.ownText, { hasHint: true, hasError: !!textError() })}
                onInput={(event) => props.setFields("own", "text", event.currentTarget.value)}
              />
            </div>
            <PartySelect
              id={FIELD_IDS.ownParty}
              label={t("directions.give.own.party")}
              choose={t("directions.give.own.choose")}
              value={props.fields.own.party}
              options={props.parties}
              error={props.errors.fields[FIELD_IDS.ownParty]}
              onChange={(value) => props.setFields("own", "party", value)}
            />
            <DateInput
              id={FIELD_IDS.ownDue}
              legend={t("directions.give.own.dueLegend")}
              hint={t("directions.give.triggers.dateHint")}
              error={props.errors.dates[FIELD_IDS.ownDue]}
              value={props.fields.own.due}
              onInput={(part, value) => props.setFields("own", "due", part, value)}
            />
          </Show>
        </div>
      </div>
    </div>
  );
}

/** GOV.UK select of who must comply; with `choose`, an empty first option. */
function PartySelect(props: {
  id: string;
  label: string;
  choose?: string;
  value: string;
  options: readonly PartyOption[];
  error?: string;
  onChange: (value: string) => void;
}) {
  return (
    <div class={classNames("govuk-form-group", !!props.error && "govuk-form-group--error")}>
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.error}>{(error) => <ErrorMessage id={`${props.id}-error`} message={error()} />}</Show>
      <select
        class={classNames("govuk-select", !!props.error && "govuk-select--error")}
        id={props.id}
        name={props.id}
        aria-describedby={describedBy(props.id, { hasHint: false, hasError: !!props.error })}
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
              {option.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
