import { useNavigate } from "@solidjs/router";
import { createSignal, Index, Match, Show, Switch } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { custody, plea } from "../../../shared/schemas/defendant.schema.ts";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { todayInLondon } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { DateInput } from "../form-controls/date-input.component.tsx";
import { Radios } from "../form-controls/radios.component.tsx";
import { Select, type SelectOption } from "../form-controls/select.component.tsx";
import { TextInput } from "../form-controls/text-input.component.tsx";
import { ErrorSummary, type FieldError } from "../layout/error-summary.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { fetchCase } from "./case.api.ts";
import { patchRecord } from "./case-intake.api.ts";
import { valueText } from "./case-labels.component.tsx";
import { DefendantIdentityFields, OrganisationNameField } from "./defendant-identity.component.tsx";
import { casePath, useCase, useCaseTrail } from "./case-workspace.component.tsx";
import { checkEditCase, type EditCaseErrors, editCaseFields, editFieldId } from "./edit-case.form.ts";

const NO_ERRORS: EditCaseErrors = { fields: {}, dates: {} };
const options = (values: readonly string[], group: Parameters<typeof valueText>[0]): SelectOption[] =>
  values.map((value) => ({ value, text: valueText(group, value) }));

/**
 * `/cases/:caseId/edit`: court staff correct and update a case after intake: its status, each
 * defendant's details, custody and bail, and each offence's plea. Only what changed is sent, one
 * record at a time from the version loaded; when someone else changed a record meanwhile (412),
 * the form is filled again from the latest case and the user is told what was and was not saved.
 */
export function EditCasePage() {
  const detail = useCase();
  const session = useSession();
  const navigate = useNavigate();
  const [fields, setFields] = createStore(editCaseFields(detail()));
  const [errors, setErrors] = createSignal<EditCaseErrors>(NO_ERRORS);
  const [summary, setSummary] = createSignal<readonly FieldError[]>([]);
  const [refusal, setRefusal] = createSignal<string>();
  const [isSaving, setSaving] = createSignal(false);
  const isCourtStaff = () => session.me()?.role === "court-staff";

  useCaseTrail(() => [{ text: t("cases.edit.title") }]);
  usePageTitle(() => "cases.edit.title", { hasErrors: () => summary().length > 0 || refusal() !== undefined });

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isSaving()) return;
    const checked = checkEditCase(fields, detail(), todayInLondon());
    setErrors(checked.errors);
    setSummary(checked.summary);
    setRefusal(undefined);
    if (!checked.changes) return;
    setSaving(true);
    const saved: string[] = [];
    try {
      for (const change of checked.changes) {
        try {
          await patchRecord(change.path, change.version, change.patch);
          saved.push(change.name);
        } catch (error: unknown) {
          if (!(error instanceof ApiError)) throw error;
          if (error.code !== "record.stale") throw error;
          // Someone else got there first: show their version, and say what did go in.
          const latest = await fetchCase(detail().id);
          setFields(reconcile(editCaseFields(latest)));
          setRefusal(
            saved.length === 0
              ? t("cases.edit.errors.stale", { name: change.name })
              : t("cases.edit.errors.staleAfterSaving", { name: change.name, saved: saved.join(", ") }),
          );
          return;
        }
      }
      navigate(casePath(detail().id));
    } catch (error: unknown) {
      setRefusal(error instanceof ApiError ? error.message : unexpectedError().message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Switch>
      <Match when={session.me() && !isCourtStaff()}>
        <h1 class="govuk-heading-l">{t("cases.edit.title")}</h1>
        <p class="govuk-body">{t("cases.edit.notCourtStaff")}</p>
      </Match>
      <Match when={isCourtStaff()}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <Show when={summary().length > 0}>
              <ErrorSummary errors={summary()} />
            </Show>
            <Show when={refusal()}>{(message) => <ErrorSummary message={message()} />}</Show>
            <span class="govuk-caption-l">{detail().urn}</span>
            <h1 class="govuk-heading-l">{t("cases.edit.title")}</h1>
            <form method="post" novalidate onSubmit={onSubmit}>
              <Radios
                id="status"
                legend={t("cases.edit.status")}
                value={fields.status}
                options={options(detail().status === "sent-to-crown-court" ? ["sent-to-crown-court", "concluded"] : ["active", "concluded"], "caseStatuses")}
                onChange={(value) => setFields("status", value)}
              />
              <Index each={fields.defendants}>
                {(defendant, d) => {
                  const id = (name: string) => editFieldId.defendant(d, name);
                  const fieldError = (name: string) => errors().fields[id(name)];
                  return (
                    <fieldset class="govuk-fieldset app-case-section">
                      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                        <h2 class="govuk-fieldset__heading">{detail().defendants[d]?.name}</h2>
                      </legend>
                      {/* An organisation has its name, and no date of birth, custody or bail. */}
                      <Show
                        when={defendant().isOrganisation}
                        fallback={
                          <>
                            <DefendantIdentityFields
                              id={id}
                              values={defendant()}
                              errors={{ firstName: fieldError("firstName"), lastName: fieldError("lastName"), dateOfBirth: errors().dates[id("dateOfBirth")] }}
                              onName={(name, value) => setFields("defendants", d, name, value)}
                              onDate={(part, value) => setFields("defendants", d, "dateOfBirth", part, value)}
                            />
                            <Radios
                              id={id("custody")}
                              legend={t("cases.create.defendant.custody")}
                              value={defendant().custody}
                              options={options(custody.options, "custodyStatuses")}
                              onChange={(value) => setFields("defendants", d, "custody", value)}
                            />
                            <DateInput
                              id={id("custodyTimeLimit")}
                              legend={t("cases.edit.defendant.custodyTimeLimit.legend")}
                              hint={t("cases.edit.defendant.custodyTimeLimit.hint")}
                              error={errors().dates[id("custodyTimeLimit")]}
                              value={defendant().custodyTimeLimit}
                              onInput={(part, value) => setFields("defendants", d, "custodyTimeLimit", part, value)}
                            />
                            <TextInput
                              id={id("bailConditions")}
                              label={t("cases.edit.defendant.bailConditions")}
                              error={fieldError("bailConditions")}
                              value={defendant().bailConditions}
                              onInput={(value) => setFields("defendants", d, "bailConditions", value)}
                              rows={3}
                            />
                          </>
                        }
                      >
                        <OrganisationNameField
                          id={id("organisationName")}
                          error={fieldError("organisationName")}
                          value={defendant().organisationName}
                          onInput={(value) => setFields("defendants", d, "organisationName", value)}
                        />
                      </Show>
                      <TextInput
                        id={id("interpreterLanguage")}
                        label={t("cases.edit.defendant.interpreterLanguage.label")}
                        hint={t("cases.edit.defendant.interpreterLanguage.hint")}
                        error={fieldError("interpreterLanguage")}
                        value={defendant().interpreterLanguage}
                        onInput={(value) => setFields("defendants", d, "interpreterLanguage", value)}
                        widthClass="govuk-input--width-20"
                        autocomplete="off"
                      />
                      <Index each={defendant().offences}>
                        {(offence, o) => (
                          <Select
                            id={editFieldId.offence(d, o)}
                            label={t("cases.edit.offencePlea", { offence: offence().title })}
                            value={offence().plea}
                            options={options(plea.options, "pleas")}
                            onChange={(value) => setFields("defendants", d, "offences", o, "plea", value)}
                          />
                        )}
                      </Index>
                    </fieldset>
                  );
                }}
              </Index>
              <div class="govuk-button-group">
                <button type="submit" class="govuk-button" disabled={isSaving()} aria-disabled={isSaving()}>
                  {t("cases.edit.submit")}
                </button>
                <a class="govuk-link" href={casePath(detail().id)}>
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
