import { useNavigate } from "@solidjs/router";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { todayInLondon } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { DateInput } from "../form-controls/date-input.component.tsx";
import { Radios } from "../form-controls/radios.component.tsx";
import { TextInput } from "../form-controls/text-input.component.tsx";
import { ErrorSummary, type FieldError } from "../layout/error-summary.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { SignInRequired } from "../session/sign-in-required.component.tsx";
import { createAssociation } from "./case.api.ts";
import {
  ACCESS_KINDS,
  type AccessErrors,
  type AccessFields,
  type AccessKind,
  checkAccess,
  emptyAccessFields,
} from "./case-access.form.ts";
import type { CaseWorkspaceState } from "./case-workspace.component.tsx";

/** Why the server said no, in words that never reveal whether the case exists. */
type Refusal =
  | { kind: "not-matched"; isOrganisation: boolean }
  | { kind: "message"; message: string }
  | { kind: "signed-out" };

function refusalOf(error: unknown, isOrganisation: boolean): Refusal {
  if (!(error instanceof ApiError)) return { kind: "message", message: unexpectedError().message };
  switch (error.status) {
    case 401:
      return { kind: "signed-out" };
    case 404:
      return { kind: "not-matched", isOrganisation };
    case 409:
      return { kind: "message", message: t("cases.access.errors.conflict") };
    case 403:
      return error.code === "request.csrf"
        ? { kind: "message", message: error.message }
        : { kind: "message", message: t("cases.access.errors.defenceOnly") };
    default:
      // 429 and the rest: the server's own message says what to do.
      return { kind: "message", message: error.message };
  }
}

/**
 * `/cases/access`: a defence user gets access to a defendant's case with the URN, surname and
 * date of birth (DESIGN §1), or, for a defendant that is an organisation, the URN, its name and
 * the date of its first hearing (as on the summons), then lands on the case.
 */
export function CaseAccessPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [fields, setFields] = createStore<AccessFields>(emptyAccessFields());
  const [errors, setErrors] = createSignal<AccessErrors>({});
  const [summary, setSummary] = createSignal<readonly FieldError[]>([]);
  const [refusal, setRefusal] = createSignal<Refusal>();
  const [isSending, setSending] = createSignal(false);

  const isNotDefence = () => {
    const me = session.me();
    return me !== undefined && me.role !== "defence";
  };
  const isOrganisation = () => fields.kind === "organisation";
  const notMatched = () => {
    const current = refusal();
    return current?.kind === "not-matched" ? current : undefined;
  };
  const isSignedOut = () =>
    refusal()?.kind === "signed-out" || session.state().status === "signed-out";

  usePageTitle(
    () => (isSignedOut() ? "cases.signInRequired.title" : "cases.access.title"),
    // The server's refusals are answers to what was entered, as validation errors are.
    { hasErrors: () => summary().length > 0 || (refusal() !== undefined && !isSignedOut()) },
  );

  // The other kind asks other questions: problems with the ones no longer shown go with them.
  const onKind = (kind: AccessKind) => {
    setFields("kind", kind);
    setErrors({});
    setSummary([]);
    if (refusal()?.kind !== "signed-out") setRefusal(undefined);
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isSending()) return;
    const checked = checkAccess(fields, todayInLondon());
    setErrors(checked.errors);
    setSummary(checked.summary);
    setRefusal(undefined);
    if (!checked.request) return;
    setSending(true);
    try {
      const association = await createAssociation(checked.request);
      const state: CaseWorkspaceState = { accessGranted: true };
      navigate(`/cases/${encodeURIComponent(association.caseId)}`, { state });
    } catch (error: unknown) {
      setRefusal(refusalOf(error, checked.request.kind === "organisation"));
    } finally {
      setSending(false);
    }
  };

  return (
    <Switch>
      <Match when={isSignedOut()}>
        <SignInRequired returnTo="/cases/access" />
      </Match>
      <Match when={isNotDefence()}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h1 class="govuk-heading-l">{t("cases.access.title")}</h1>
            <p class="govuk-body">{t("cases.access.notDefence.text")}</p>
            <p class="govuk-body">
              <a class="govuk-link" href="/cases">
                {t("cases.access.notDefence.link")}
              </a>
            </p>
          </div>
        </div>
      </Match>
      <Match when={true}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <Show when={summary().length > 0}>
              <ErrorSummary errors={summary()} />
            </Show>
            <Switch>
              <Match when={notMatched()}>
                {(refused) => (
                  <ErrorSummary
                    message={
                      refused().isOrganisation
                        ? t("cases.access.errors.notMatchedOrganisation")
                        : t("cases.access.errors.notMatched")
                    }
                  >
                    <NotMatchedReasons />
                  </ErrorSummary>
                )}
              </Match>
              <Match when={messageOf(refusal())}>
                {(message) => <ErrorSummary message={message()} />}
              </Match>
            </Switch>
            <h1 class="govuk-heading-l">{t("cases.access.title")}</h1>
            <p class="govuk-body">
              {isOrganisation() ? t("cases.access.introOrganisation") : t("cases.access.intro")}
            </p>
            <p class="govuk-body">{t("cases.access.exclusive")}</p>
            <div class="govuk-inset-text">
              {isOrganisation() ? t("cases.access.whereToFindOrganisation") : t("cases.access.whereToFind")}
            </div>
            <form method="post" novalidate onSubmit={onSubmit}>
              <Radios
                id="kind"
                legend={t("cases.access.kind.legend")}
                value={fields.kind}
                options={ACCESS_KINDS.map((kind) => ({ value: kind, text: t(`cases.access.kind.${kind}`) }))}
                isInline={true}
                onChange={(value) => onKind(value === "organisation" ? "organisation" : "person")}
              />
              <TextInput
                id="urn"
                label={t("cases.access.urn.label")}
                hint={t("cases.access.urn.hint")}
                error={errors().urn}
                value={fields.urn}
                onInput={(value) => setFields("urn", value)}
                widthClass="govuk-input--width-20"
                autocomplete="off"
                spellcheck={false}
              />
              <Show
                when={isOrganisation()}
                fallback={
                  <>
                    <TextInput
                      id="surname"
                      label={t("cases.access.surname.label")}
                      error={errors().surname}
                      value={fields.surname}
                      onInput={(value) => setFields("surname", value)}
                      widthClass="govuk-input--width-20"
                      autocomplete="off"
                      spellcheck={false}
                    />
                    <DateInput
                      id="dateOfBirth"
                      legend={t("cases.access.dateOfBirth.legend")}
                      hint={t("cases.access.dateOfBirth.hint")}
                      error={errors().dateOfBirth}
                      value={fields.dateOfBirth}
                      onInput={(part, value) => setFields("dateOfBirth", part, value)}
                    />
                    <TextInput
                      id="forename"
                      label={t("cases.access.forename.label")}
                      hint={t("cases.access.forename.hint")}
                      error={errors().forename}
                      value={fields.forename}
                      onInput={(value) => setFields("forename", value)}
                      widthClass="govuk-input--width-20"
                      autocomplete="off"
                      spellcheck={false}
                    />
                  </>
                }
              >
                <TextInput
                  id="organisationName"
                  label={t("cases.access.organisationName.label")}
                  hint={t("cases.access.organisationName.hint")}
                  error={errors().organisationName}
                  value={fields.organisationName}
                  onInput={(value) => setFields("organisationName", value)}
                  widthClass="govuk-input--width-30"
                  autocomplete="off"
                  spellcheck={false}
                />
                <DateInput
                  id="hearingDate"
                  legend={t("cases.access.hearingDate.legend")}
                  hint={t("cases.access.hearingDate.hint")}
                  error={errors().hearingDate}
                  value={fields.hearingDate}
                  onInput={(part, value) => setFields("hearingDate", part, value)}
                />
              </Show>
              <div class="govuk-button-group">
                <button type="submit" class="govuk-button">
                  {t("cases.access.submit")}
                </button>
                <a class="govuk-link" href="/cases">
                  {t("cases.access.cancel")}
                </a>
              </div>
            </form>
          </div>
        </div>
      </Match>
    </Switch>
  );
}

function messageOf(refusal: Refusal | undefined): string | undefined {
  return refusal?.kind === "message" ? refusal.message : undefined;
}

function NotMatchedReasons() {
  const reasons = [
    t("cases.access.errors.notMatchedReasons.mistyped"),
    t("cases.access.errors.notMatchedReasons.notSent"),
    t("cases.access.errors.notMatchedReasons.recordedDifferently"),
  ];
  return (
    <>
      <p class="govuk-body">{t("cases.access.errors.notMatchedReasons.intro")}</p>
      <ul class="govuk-list govuk-list--bullet">
        <For each={reasons}>{(reason) => <li>{reason}</li>}</For>
      </ul>
    </>
  );
}
