import { useNavigate } from "@solidjs/router";
import { createEffect, createResource, createSignal, Index, Match, Show, Switch } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { custody, modeOfTrial } from "../../../shared/schemas/defendant.schema.ts";
import { hearingType } from "../../../shared/schemas/hearing.schema.ts";
import { jurisdiction } from "../../../shared/schemas/court.schema.ts";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { todayInLondon } from "../../src/date-format.ts";
import { locale, t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { DateInput } from "../form-controls/date-input.component.tsx";
import { Radios } from "../form-controls/radios.component.tsx";
import { Select, type SelectOption } from "../form-controls/select.component.tsx";
import { TextInput } from "../form-controls/text-input.component.tsx";
import { ErrorSummary, type FieldError } from "../layout/error-summary.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { SignInRequired } from "../session/sign-in-required.component.tsx";
import { createCase, loadIntakeOptions } from "./case-intake.api.ts";
import { DefendantIdentityFields, OrganisationNameField } from "./defendant-identity.component.tsx";
import { courtName, valueText } from "./case-labels.component.tsx";
import { casePath } from "./case-workspace.component.tsx";
import {
  type CreateCaseErrors,
  type CreateCaseFields,
  checkCreateCase,
  DEFENDANT_KINDS,
  type DefendantKind,
  emptyCreateCase,
  emptyDefendant,
  emptyOffence,
  fieldId,
} from "./create-case.form.ts";


const options = (values: readonly string[], group: Parameters<typeof valueText>[0]): SelectOption[] =>
  values.map((value) => ({ value, text: valueText(group, value) }));

/** The questions that tell who a defendant is, which differ between a person and an organisation. */
const IDENTITY_FIELDS = ["firstName", "lastName", "dateOfBirth", "custody", "organisationName"] as const;

/** A server refusal: tied to a field when it is about one, otherwise the whole form. */
function problemOf(error: unknown): FieldError | string {
  if (!(error instanceof ApiError)) return unexpectedError().message;
  if (error.code === "case.urn_taken") return { fieldId: "urn", message: t("cases.create.errors.urnTaken") };
  if (error.status === 403 && error.code !== "request.csrf") return { fieldId: "courtCode", message: t("cases.create.errors.forbidden") };
  return error.message;
}

/** `/cases/new`: court staff create a case with its defendants, offences and first hearing. */
export function CreateCasePage() {
  const session = useSession();
  const navigate = useNavigate();
  const [fields, setFields] = createStore<CreateCaseFields>(emptyCreateCase());
  const [errors, setErrors] = createSignal<CreateCaseErrors>({ fields: {}, dates: {} });
  const [summary, setSummary] = createSignal<readonly FieldError[]>([]);
  const [failure, setFailure] = createSignal<string>();
  const [isSending, setSending] = createSignal(false);

  const isCourtStaff = () => session.me()?.role === "court-staff";
  // The prosecutors and courts this user may create a case for, by name; until they arrive (or if
  // they cannot be had) the user's own court codes, and the server still decides.
  const [choices] = createResource(() => (isCourtStaff() ? session.me()?.id : undefined), () => loadIntakeOptions());
  const prosecutors = (): SelectOption[] => (choices.error ? [] : (choices()?.prosecutingOrganisations ?? [])).map((o) => ({ value: o.id, text: o.name }));
  // The courts of the jurisdiction chosen above the list, in the reader's alphabetical order.
  const courts = (): SelectOption[] => {
    const named = choices.error ? undefined : choices()?.courts;
    if (!named) return (session.me()?.courts ?? []).map((code) => ({ value: code, text: code }));
    return named
      .filter((c) => c.jurisdiction === fields.jurisdiction)
      .map((c) => ({ value: c.code, text: courtName(c) }))
      .sort((a, b) => a.text.localeCompare(b.text, locale()));
  };
  const choicesFailure = () => (choices.error ? (choices.error instanceof ApiError ? choices.error.message : unexpectedError().message) : undefined);
  // Each select shows its first option until another is chosen: the form holds the same.
  createEffect(() => {
    const first = courts()[0];
    if (first && !courts().some((c) => c.value === fields.courtCode)) setFields("courtCode", first.value);
  });
  createEffect(() => {
    const first = prosecutors()[0];
    if (first && !prosecutors().some((o) => o.value === fields.prosecutor)) setFields("prosecutor", first.value);
  });

  usePageTitle(() => "cases.create.title", { hasErrors: () => summary().length > 0 || failure() !== undefined });

  const fieldError = (id: string) => errors().fields[id];
  const dateError = (id: string) => errors().dates[id];

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isSending()) return;
    const checked = checkCreateCase(fields, todayInLondon());
    setErrors(checked.errors);
    setSummary(checked.summary);
    setFailure(undefined);
    if (!checked.body) return;
    setSending(true);
    try {
      const created = await createCase(checked.body);
      navigate(casePath(created.id));
    } catch (error: unknown) {
      const problem = problemOf(error);
      if (typeof problem === "string") setFailure(problem);
      else {
        setErrors({ fields: { [problem.fieldId]: problem.message }, dates: {} });
        setSummary([problem]);
      }
    } finally {
      setSending(false);
    }
  };

  // A person and an organisation are asked different things: when the user switches, the problems
  // with the questions no longer shown go from the error summary with them.
  const onKind = (d: number, kind: DefendantKind) => {
    setFields("defendants", d, "kind", kind);
    const ids = IDENTITY_FIELDS.map((name) => fieldId.defendant(d, name));
    const isIdentity = (id: string) => ids.some((identity) => id === identity || id.startsWith(`${identity}-`));
    const keep = <T,>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([id]) => !isIdentity(id)));
    setErrors((current) => ({ fields: keep(current.fields), dates: keep(current.dates) }));
    setSummary((current) => current.filter((problem) => !isIdentity(problem.fieldId)));
  };

  const addDefendant = () => setFields("defendants", (list) => [...list, emptyDefendant()]);
  const removeDefendant = (d: number) => setFields("defendants", (list) => list.filter((_, i) => i !== d));
  const addOffence = (d: number) => setFields("defendants", d, "offences", (list) => [...list, emptyOffence()]);
  const removeOffence = (d: number, o: number) =>
    setFields("defendants", d, produce((defendant) => void defendant.offences.splice(o, 1)));

  return (
    <Switch>
      <Match when={session.state().status === "signed-out"}>
        <SignInRequired returnTo="/cases/new" />
      </Match>
      <Match when={session.me() && !isCourtStaff()}>
        <h1 class="govuk-heading-l">{t("cases.create.title")}</h1>
        <p class="govuk-body">{t("cases.create.notCourtStaff")}</p>
      </Match>
      <Match when={isCourtStaff()}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <Show when={summary().length > 0}>
              <ErrorSummary errors={summary()} />
            </Show>
            <Show when={failure() ?? choicesFailure()}>{(message) => <ErrorSummary message={message()} />}</Show>
            <h1 class="govuk-heading-l">{t("cases.create.title")}</h1>
            <form method="post" novalidate onSubmit={onSubmit}>
              <h2 class="govuk-heading-m">{t("cases.create.caseDetails")}</h2>
              <TextInput
                id="urn"
                label={t("cases.create.urn.label")}
                hint={t("cases.create.urn.hint")}
                error={fieldError("urn")}
                value={fields.urn}
                onInput={(value) => setFields("urn", value)}
                widthClass="govuk-input--width-20"
                autocomplete="off"
                spellcheck={false}
              />
              <Select
                id="prosecutor"
                label={t("cases.create.prosecutor.label")}
                error={fieldError("prosecutor")}
                value={fields.prosecutor}
                options={prosecutors()}
                onChange={(value) => setFields("prosecutor", value)}
              />
              <Radios
                id="jurisdiction"
                legend={t("cases.create.jurisdiction.legend")}
                value={fields.jurisdiction}
                options={options(jurisdiction.options, "jurisdictions")}
                isInline={true}
                onChange={(value) => setFields("jurisdiction", value)}
              />
              <Select
                id="courtCode"
                label={t("cases.create.court.label")}
                error={fieldError("courtCode")}
                value={fields.courtCode}
                options={courts()}
                onChange={(value) => setFields("courtCode", value)}
              />
              <Show when={fields.jurisdiction === "crown"}>
                <DateInput
                  id="sentOn"
                  legend={t("cases.create.sentOn.legend")}
                  error={dateError("sentOn")}
                  value={fields.sentOn}
                  onInput={(part, value) => setFields("sentOn", part, value)}
                />
              </Show>

              <Index each={fields.defendants}>
                {(defendant, d) => (
                  <fieldset class="govuk-fieldset app-case-section">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                      <h2 class="govuk-fieldset__heading">{t("cases.create.defendant.heading", { number: d + 1 })}</h2>
                    </legend>
                    <Radios
                      id={fieldId.defendant(d, "kind")}
                      legend={t("cases.create.defendant.kind.legend")}
                      value={defendant().kind}
                      options={DEFENDANT_KINDS.map((kind) => ({ value: kind, text: t(`cases.create.defendant.kind.${kind}`) }))}
                      isInline={true}
                      onChange={(value) => onKind(d, value === "organisation" ? "organisation" : "person")}
                    />
                    <Show
                      when={defendant().kind === "organisation"}
                      fallback={
                        <>
                          <DefendantIdentityFields
                            id={(name) => fieldId.defendant(d, name)}
                            values={defendant()}
                            errors={{
                              firstName: fieldError(fieldId.defendant(d, "firstName")),
                              lastName: fieldError(fieldId.defendant(d, "lastName")),
                              dateOfBirth: dateError(fieldId.defendant(d, "dateOfBirth")),
                            }}
                            onName={(name, value) => setFields("defendants", d, name, value)}
                            onDate={(part, value) => setFields("defendants", d, "dateOfBirth", part, value)}
                          />
                          <Radios
                            id={fieldId.defendant(d, "custody")}
                            legend={t("cases.create.defendant.custody")}
                            error={fieldError(fieldId.defendant(d, "custody"))}
                            value={defendant().custody}
                            options={options(custody.options, "custodyStatuses")}
                            onChange={(value) => setFields("defendants", d, "custody", value)}
                          />
                        </>
                      }
                    >
                      <OrganisationNameField
                        id={fieldId.defendant(d, "organisationName")}
                        error={fieldError(fieldId.defendant(d, "organisationName"))}
                        value={defendant().organisationName}
                        onInput={(value) => setFields("defendants", d, "organisationName", value)}
                      />
                    </Show>
                    <Index each={defendant().offences}>
                      {(offence, o) => {
                        const id = (name: string) => fieldId.offence(d, o, name);
                        return (
                          <fieldset class="govuk-fieldset">
                            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                              <h3 class="govuk-fieldset__heading">{t("cases.create.offence.heading", { number: o + 1 })}</h3>
                            </legend>
                            <TextInput
                              id={id("code")}
                              label={t("cases.create.offence.code.label")}
                              hint={t("cases.create.offence.code.hint")}
                              error={fieldError(id("code"))}
                              value={offence().code}
                              onInput={(value) => setFields("defendants", d, "offences", o, "code", value)}
                              widthClass="govuk-input--width-10"
                              autocomplete="off"
                              spellcheck={false}
                            />
                            <TextInput
                              id={id("title")}
                              label={t("cases.create.offence.title")}
                              error={fieldError(id("title"))}
                              value={offence().title}
                              onInput={(value) => setFields("defendants", d, "offences", o, "title", value)}
                            />
                            <TextInput
                              id={id("wording")}
                              label={t("cases.create.offence.wording")}
                              error={fieldError(id("wording"))}
                              value={offence().wording}
                              onInput={(value) => setFields("defendants", d, "offences", o, "wording", value)}
                            />
                            <TextInput
                              id={id("legislation")}
                              label={t("cases.create.offence.legislation")}
                              error={fieldError(id("legislation"))}
                              value={offence().legislation}
                              onInput={(value) => setFields("defendants", d, "offences", o, "legislation", value)}
                            />
                            <DateInput
                              id={id("startDate")}
                              legend={t("cases.create.offence.startDate.legend")}
                              error={dateError(id("startDate"))}
                              value={offence().startDate}
                              onInput={(part, value) => setFields("defendants", d, "offences", o, "startDate", part, value)}
                            />
                            <Radios
                              id={id("modeOfTrial")}
                              legend={t("cases.create.offence.modeOfTrial")}
                              error={fieldError(id("modeOfTrial"))}
                              value={offence().modeOfTrial}
                              options={options(modeOfTrial.options, "modesOfTrial")}
                              onChange={(value) => setFields("defendants", d, "offences", o, "modeOfTrial", value)}
                            />
                            <Show when={defendant().offences.length > 1}>
                              <button type="button" class="govuk-button govuk-button--warning" onClick={() => removeOffence(d, o)}>
                                {t("cases.create.offence.remove", { number: o + 1 })}
                              </button>
                            </Show>
                          </fieldset>
                        );
                      }}
                    </Index>
                    <div class="govuk-button-group">
                      <button type="button" class="govuk-button govuk-button--secondary" onClick={() => addOffence(d)}>
                        {t("cases.create.offence.add")}
                      </button>
                      <Show when={fields.defendants.length > 1}>
                        <button type="button" class="govuk-button govuk-button--warning" onClick={() => removeDefendant(d)}>
                          {t("cases.create.defendant.remove", { number: d + 1 })}
                        </button>
                      </Show>
                    </div>
                  </fieldset>
                )}
              </Index>
              <button type="button" class="govuk-button govuk-button--secondary" onClick={addDefendant}>
                {t("cases.create.defendant.add")}
              </button>

              <fieldset class="govuk-fieldset app-case-section">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                  <h2 class="govuk-fieldset__heading">{t("cases.create.hearing.heading")}</h2>
                </legend>
                <DateInput
                  id="hearing-date"
                  legend={t("cases.create.hearing.date.legend")}
                  error={dateError("hearing-date")}
                  value={fields.hearing.date}
                  onInput={(part, value) => setFields("hearing", "date", part, value)}
                />
                <TextInput
                  id="hearing-startTime"
                  label={t("cases.create.hearing.startTime.label")}
                  hint={t("cases.create.hearing.startTime.hint")}
                  error={fieldError("hearing-startTime")}
                  value={fields.hearing.startTime}
                  onInput={(value) => setFields("hearing", "startTime", value)}
                  widthClass="govuk-input--width-5"
                  autocomplete="off"
                />
                <Select
                  id="hearing-type"
                  label={t("cases.create.hearing.type")}
                  error={fieldError("hearing-type")}
                  value={fields.hearing.type}
                  options={options(hearingType.options, "hearingTypes")}
                  onChange={(value) => setFields("hearing", "type", value)}
                />
                <TextInput
                  id="hearing-courtroom"
                  label={t("cases.create.hearing.courtroom.label")}
                  value={fields.hearing.courtroom}
                  onInput={(value) => setFields("hearing", "courtroom", value)}
                  widthClass="govuk-input--width-5"
                  autocomplete="off"
                />
              </fieldset>

              <div class="govuk-button-group">
                <button type="submit" class="govuk-button" disabled={isSending()} aria-disabled={isSending()}>
                  {t("cases.create.submit")}
                </button>
                <a class="govuk-link" href="/cases">
                  {t("cases.create.cancel")}
                </a>
              </div>
            </form>
          </div>
        </div>
      </Match>
    </Switch>
  );
}

/** The link to {@link CreateCasePage}, for court staff only. */
export function CreateCaseLink() {
  const session = useSession();
  return (
    <Show when={session.me()?.role === "court-staff"}>
      <a href="/cases/new" class="govuk-button govuk-button--secondary" draggable="false">
        {t("cases.create.link")}
      </a>
    </Show>
  );
}
