import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { formatDateTime } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import type { CaseDetail } from "../cases/case.api.ts";
import { useCase } from "../cases/case-workspace.component.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { createForm, type FormSummary, fetchForms, formPath, formPdfUrl } from "./form.api.ts";
import { completenessText, definitionOf, formStatus, formText, formTypeFor, partTitle } from "./form-labels.ts";

type FormsResult = { status: "loaded"; forms: FormSummary[] } | { status: "failed"; error: ApiError };

async function loadForms(caseId: string): Promise<FormsResult> {
  try {
    return { status: "loaded", forms: await fetchForms(caseId) };
  } catch (error: unknown) {
    return { status: "failed", error: error instanceof ApiError ? error : unexpectedError() };
  }
}

/**
 * `/cases/:caseId/forms`: the case's management forms (PET in the magistrates' court, PTPH in
 * the Crown Court), each with its status, how complete each part is and who has signed it off.
 * The court starts a form here.
 */
export function CaseFormsPage() {
  const detail = useCase();
  const session = useSession();
  const navigate = useNavigate();
  const [result] = createResource(() => detail().id, loadForms);
  const [creating, setCreating] = createSignal(false);
  const [createError, setCreateError] = createSignal<string>();
  usePageTitle(() => ({ key: "caseForms.pageTitle", values: { urn: detail().urn } }));

  const loaded = () => {
    const current = result.latest;
    return current?.status === "loaded" ? current.forms : undefined;
  };
  const failure = () => {
    const current = result();
    return !result.loading && current?.status === "failed" ? current.error : undefined;
  };
  const isCourt = () => session.me()?.party === "court";
  /** The form the court may start: its jurisdiction's, unless one is already open (not yet finalised). */
  const typeToCreate = () => {
    const type = formTypeFor(detail().jurisdiction);
    const forms = loaded();
    if (!type || !forms) return undefined;
    return forms.some((form) => form.type === type && form.status !== "finalised") ? undefined : type;
  };

  const create = async () => {
    const type = typeToCreate();
    if (!type || creating()) return;
    setCreateError(undefined);
    setCreating(true);
    try {
      const form = await createForm(detail().id, type);
      navigate(formPath(detail().id, form.id));
    } catch (error: unknown) {
      const apiError = error instanceof ApiError ? error : unexpectedError();
      setCreateError(t("caseForms.create.failed", { reason: apiError.message }));
      setCreating(false);
    }
  };

  return (
    <>
      <Show when={createError()}>{(message) => <ErrorSummary message={message()} />}</Show>
      <Show when={failure()}>{(error) => <ErrorSummary message={`${t("caseForms.unavailable")} ${error().message}`} />}</Show>
      <h2 class="govuk-heading-l">{t("caseForms.heading")}</h2>
      <p class="govuk-body">{t("caseForms.intro")}</p>
      <Show when={isCourt() && typeToCreate()}>
        {(type) => (
          <button type="button" class="govuk-button" data-module="govuk-button" disabled={creating()} aria-disabled={creating() ? "true" : undefined} onClick={() => void create()}>
            {type() === "PET" ? t("caseForms.create.PET") : t("caseForms.create.PTPH")}
          </button>
        )}
      </Show>
      <Switch>
        <Match when={!loaded() && result.loading}>
          <p class="govuk-body" role="status">
            {t("caseForms.loading")}
          </p>
        </Match>
        <Match when={loaded()?.length === 0}>
          <p class="govuk-body">{isCourt() ? t("caseForms.noneCourt") : t("caseForms.none")}</p>
        </Match>
        <Match when={loaded()}>{(forms) => <For each={forms()}>{(form) => <FormCard form={form} detail={detail()} />}</For>}</Match>
      </Switch>
    </>
  );
}

/** One form as a GOV.UK summary card: its title links to the editor. */
function FormCard(props: { form: FormSummary; detail: CaseDetail }) {
  const definition = definitionOf(props.form.type);
  const title = () => formText(definition.title);
  const status = () => formStatus(props.form.status);
  const headingId = `form-${props.form.id}`;
  return (
    <section class="govuk-summary-card app-form-card" aria-labelledby={headingId} data-form={props.form.id}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title" id={headingId}>
          <a class="govuk-link" href={formPath(props.detail.id, props.form.id)}>
            {t("caseForms.cardTitle", { title: title(), type: props.form.type })}
          </a>
        </h3>
        <strong class={`govuk-tag ${status().tagClass}`} data-form-status={props.form.status}>
          {status().text}
        </strong>
      </div>
      <div class="govuk-summary-card__content">
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("caseForms.summary.started")}</dt>
            <dd class="govuk-summary-list__value">{formatDateTime(props.form.createdAt)}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("caseForms.summary.answers")}</dt>
            <dd class="govuk-summary-list__value">
              <ul class="govuk-list">
                <For each={props.form.parts}>
                  {(part) => (
                    <li data-part={part.key}>
                      {t("caseForms.partCompleteness", {
                        part: partTitle(definition, part.key, props.detail),
                        completeness: completenessText(part.completeness),
                      })}
                    </li>
                  )}
                </For>
              </ul>
            </dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("caseForms.summary.signOffs")}</dt>
            <dd class="govuk-summary-list__value">
              <ul class="govuk-list">
                <For each={props.form.requiredSignOffs}>
                  {(required) => (
                    <li data-party={required.party}>
                      {t("caseForms.partLabel", { part: partTitle(definition, required.party, props.detail) })}{" "}
                      <Switch fallback={t("caseForms.signOff.notSigned")}>
                        <Match when={required.signed}>{t("caseForms.signOff.signed")}</Match>
                        <Match when={required.changedSinceSigned}>
                          <strong class="govuk-tag govuk-tag--orange">{t("caseForms.signOff.changed")}</strong>
                        </Match>
                      </Switch>
                    </li>
                  )}
                </For>
              </ul>
            </dd>
          </div>
          <Show when={props.form.finalisedDocumentId}>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{t("caseForms.summary.finalPdf")}</dt>
              <dd class="govuk-summary-list__value">
                <a class="govuk-link" href={formPdfUrl(props.form.id)} download="" rel="external">
                  {t("caseForms.finalPdf")}
                </a>
              </dd>
            </div>
          </Show>
        </dl>
      </div>
    </section>
  );
}
