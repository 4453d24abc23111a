import { useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, Show, Switch } from "solid-js";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { formatDateTime } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import type { CaseDetail } from "../cases/case.api.ts";
import { casePath, useCase, useCaseTrail } from "../cases/case-workspace.component.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import type { Me } from "../session/session.api.ts";
import { useSession } from "../session/session.context.tsx";
import { SignInRequired } from "../session/sign-in-required.component.tsx";
import { fetchForm, finaliseForm, type FormSummary, formPath, formPdfUrl, signOffForm } from "./form.api.ts";
import { completenessText, definitionOf, formStatus, formText, partDefinition, partTitle } from "./form-labels.ts";
import { FormPartView, PartStatus } from "./form-part.component.tsx";
import { createPartState, type PartState } from "./form-part-state.ts";

/** How often the page asks the server for the form's sign-offs and status while it is open. */
const POLL_MS = 3000;
/** After the user's own changes are saved, how long before asking (so a burst of typing asks once). */
const SETTLE_MS = 400;

type FormResult =
  | { status: "loaded"; form: FormSummary }
  | { status: "not-found" }
  | { status: "signed-out" }
  | { status: "failed"; error: ApiError };

async function loadForm(formId: string): Promise<FormResult> {
  try {
    return { status: "loaded", form: await fetchForm(formId) };
  } catch (error: unknown) {
    if (!(error instanceof ApiError)) return { status: "failed", error: unexpectedError() };
    if (error.status === 401) return { status: "signed-out" };
    if (error.status === 404) return { status: "not-found" };
    return { status: "failed", error };
  }
}

/**
 * `/cases/:caseId/forms/:formId`: a PET or PTPH form. Each part is its own collaboration doc,
 * edited live by the party that answers it and read by everyone else; the parties sign off the
 * whole form, and the court finalises an agreed form into a PDF.
 */
export function FormEditorPage() {
  const detail = useCase();
  const session = useSession();
  const params = useParams<{ formId: string }>();
  const [result] = createResource(() => params.formId, loadForm);

  const current = () => (result.loading ? undefined : result());
  const loaded = () => {
    const answer = current();
    // A form of another case is not found here.
    return answer?.status === "loaded" && answer.form.caseId === detail().id ? answer.form : undefined;
  };
  const notFound = () => {
    const answer = current();
    return answer?.status === "not-found" || (answer?.status === "loaded" && answer.form.caseId !== detail().id);
  };
  const failure = () => {
    const answer = current();
    return answer?.status === "failed" ? answer.error : undefined;
  };
  const title = () => {
    const form = loaded();
    return form ? formText(definitionOf(form.type).title) : undefined;
  };

  useCaseTrail(() => {
    const forms = { text: t("cases.workspace.navigation.forms"), href: casePath(detail().id, "/forms") };
    return [forms, { text: title() ?? (notFound() ? t("caseForms.editor.notFound.title") : t("caseForms.editor.loading")) }];
  });
  usePageTitle(() => {
    const name = title();
    if (name) return { key: "caseForms.editor.pageTitle", values: { title: name, urn: detail().urn } };
    if (notFound()) return "caseForms.editor.notFound.title";
    if (current()?.status === "signed-out") return "cases.signInRequired.title";
    return "caseForms.editor.loading";
  });

  return (
    <Switch
      fallback={
        <p class="govuk-body" role="status">
          {t("caseForms.editor.loading")}
        </p>
      }
    >
      <Match when={current()?.status === "signed-out"}>
        <SignInRequired returnTo={formPath(detail().id, params.formId)} />
      </Match>
      <Match when={failure()}>
        {(error) => (
          <>
            <ErrorSummary message={error().message} />
            <h1 class="govuk-heading-l">{t("caseForms.editor.unavailableTitle")}</h1>
          </>
        )}
      </Match>
      <Match when={notFound()}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h1 class="govuk-heading-l">{t("caseForms.editor.notFound.title")}</h1>
            <p class="govuk-body">{t("caseForms.editor.notFound.text")}</p>
            <p class="govuk-body">
              <a class="govuk-link" href={casePath(detail().id, "/forms")}>
                {t("caseForms.editor.notFound.link")}
              </a>
            </p>
          </div>
        </div>
      </Match>
      <Match when={loaded() && session.me()}>
        {/* Keyed on the form, so another form opens its own docs. */}
        <Show when={loaded()} keyed>
          {(form) => <Show when={session.me()}>{(me) => <FormEditor initial={form} me={me()} detail={detail()} />}</Show>}
        </Show>
      </Match>
    </Switch>
  );
}

/** The parties whose sign-off the user gives: their party's own parts (for the court, only judges and legal advisers). */
function ownSignOffs(form: FormSummary, me: Me) {
  return form.requiredSignOffs.filter((required) => {
    if (required.party === "court") return me.role === "judge" || me.role === "legal-adviser";
    return form.parts.find((part) => part.key === required.party)?.canWrite ?? false;
  });
}

function FormEditor(props: { initial: FormSummary; me: Me; detail: CaseDetail }) {
  const formId = props.initial.id;
  const definition = definitionOf(props.initial.type);
  const [summary, setSummary] = createSignal(props.initial);
  const [query] = useSearchParams<{ part?: string }>();

  const finalised = () => summary().status === "finalised";
  const states: PartState[] = [];
  for (const part of props.initial.parts) {
    const partDef = partDefinition(definition, part.key);
    if (!partDef) continue;
    states.push(
      createPartState({
        key: part.key,
        docName: part.docName,
        definition: partDef,
        userId: props.me.id,
        canWrite: () => summary().parts.find((p) => p.key === part.key)?.canWrite ?? false,
        finalised,
      }),
    );
  }

  // The server's word on sign-offs and status: asked regularly, and soon after the user's own
  // changes are saved, so "changed since signed off" shows while the page is open.
  let asking = false;
  const refresh = async () => {
    if (asking) return;
    asking = true;
    try {
      setSummary(await fetchForm(formId));
    } catch {
      // Keep what is shown; the next poll asks again.
    } finally {
      asking = false;
    }
  };
  // A finalised form changes no more.
  const poll = setInterval(() => {
    if (!document.hidden && !finalised()) void refresh();
  }, POLL_MS);
  let settle: ReturnType<typeof setTimeout> | undefined;
  for (const state of states) {
    createEffect(
      on(state.status, (status, previous) => {
        if (status === "saved" && previous === "saving") {
          clearTimeout(settle);
          settle = setTimeout(() => void refresh(), SETTLE_MS);
        }
      }),
    );
  }
  onCleanup(() => {
    clearInterval(poll);
    clearTimeout(settle);
  });

  const titleOf = (key: string) => partTitle(definition, key, props.detail);
  // The part shown by default is the user's own, decided once: finalising (after which nobody can
  // write) must not move the reader to another part.
  const ownPart = (states.find((state) => props.initial.parts.find((p) => p.key === state.key)?.canWrite) ?? states[0])?.key;
  const defaultPart = () => ownPart;
  // A memo: the effect below must run when the part shown changes, not on every poll.
  const selectedKey = createMemo(() => {
    const asked = Array.isArray(query.part) ? query.part[0] : query.part;
    return states.some((state) => state.key === asked) ? asked : defaultPart();
  });
  const selected = () => states.find((state) => state.key === selectedKey());
  const writtenBy = (key: string) => {
    const part = summary().parts.find((p) => p.key === key);
    if (!part?.writableBy) return undefined;
    if (part.writableBy === "prosecution") return t("caseForms.editor.parties.prosecution");
    if (part.writableBy === "court") return t("caseForms.editor.parties.court");
    const organisationId = part.writableBy.slice("defence:".length);
    const firm = props.detail.defendants.find((d) => d.representedBy?.organisationId === organisationId)?.representedBy;
    return firm?.organisationName ?? organisationId;
  };

  // Moving to another part starts the reader at its heading.
  let heading: HTMLHeadingElement | undefined;
  createEffect(on(selectedKey, () => heading?.focus(), { defer: true }));

  // After finalising, the reader goes on at the link to the PDF (the button has gone).
  let finalisedNotice: HTMLDivElement | undefined;
  const onFinalised = (form: FormSummary) => {
    setSummary(form);
    finalisedNotice?.focus();
  };

  const status = () => formStatus(summary().status);
  const mine = () => ownSignOffs(summary(), props.me);
  const changedSinceMine = () => mine().some((required) => required.changedSinceSigned);

  return (
    <>
      <span class="govuk-caption-l">{t("caseForms.editor.caption", { urn: props.detail.urn, type: summary().type })}</span>
      <h1 class="govuk-heading-l">{formText(definition.title)}</h1>
      <p class="govuk-body app-form-status">
        {t("caseForms.editor.statusLabel")}{" "}
        <strong class={`govuk-tag ${status().tagClass}`} data-form-status={summary().status}>
          {status().text}
        </strong>
      </p>
      <div aria-live="polite">
        <Show when={changedSinceMine() && !finalised()}>
          <div class="govuk-warning-text app-form-changed">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">{t("caseForms.editor.warning")}</span>
              {t("caseForms.editor.changedSinceYouSigned")}
            </strong>
          </div>
        </Show>
      </div>
      <Show when={summary().finalisedDocumentId}>
        <div class="govuk-inset-text app-form-finalised" tabindex="-1" ref={finalisedNotice}>
          <p class="govuk-body">{t("caseForms.editor.finalise.done")}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={formPdfUrl(formId)} download="" rel="external">
              {t("caseForms.finalPdf")}
            </a>
          </p>
        </div>
      </Show>

      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-quarter">
          <nav class="app-form-parts" aria-label={t("caseForms.editor.partsNavigation")}>
            <h2 class="govuk-heading-s">{t("caseForms.editor.partsHeading")}</h2>
            <ul class="govuk-list app-form-parts__list">
              <For each={states}>
                {(state) => (
                  <li class="app-form-parts__item" classList={{ "app-form-parts__item--current": state.key === selectedKey() }}>
                    <a
                      class="govuk-link govuk-link--no-visited-state app-form-parts__link"
                      href={`${formPath(props.detail.id, formId)}?part=${encodeURIComponent(state.key)}`}
                      aria-current={state.key === selectedKey() ? "true" : undefined}
                    >
                      {titleOf(state.key)}
                    </a>
                    <span class="app-form-parts__meta">{completenessText(state.completeness())}</span>
                    <PartStatus state={state} class="app-form-parts__meta" />
                  </li>
                )}
              </For>
            </ul>
          </nav>
        </div>
        <div class="govuk-grid-column-three-quarters">
          <Show when={selected()} keyed>
            {(state) => (
              <FormPartView
                state={state}
                title={titleOf(state.key)}
                writtenBy={writtenBy(state.key)}
                finalised={finalised()}
                headingRef={(element) => {
                  heading = element;
                }}
              />
            )}
          </Show>
        </div>
      </div>

      <SignOffSection summary={summary()} me={props.me} titleOf={titleOf} states={states} onSigned={setSummary} />
      <FinaliseSection summary={summary()} me={props.me} onFinalised={onFinalised} />
    </>
  );
}

/** Who has signed off, and the user's own sign-off with what it covers. */
function SignOffSection(props: {
  summary: FormSummary;
  me: Me;
  titleOf: (key: string) => string;
  states: readonly PartState[];
  onSigned: (form: FormSummary) => void;
}) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const mine = () => ownSignOffs(props.summary, props.me);
  const canSignOff = () => mine().length > 0 && props.summary.status !== "finalised";
  const signedNow = () => mine().length > 0 && mine().every((required) => required.signed);
  const changed = () => mine().some((required) => required.changedSinceSigned);
  const lastSignOff = (party: string) => props.summary.signOffs.filter((s) => s.party === party).at(-1);
  let signedNotice: HTMLParagraphElement | undefined;

  const signOff = async () => {
    if (busy()) return;
    setError(undefined);
    // The sign-off covers what the server holds: the user's own changes must be there first.
    if (props.states.some((state) => state.status() === "saving" || state.status() === "connecting")) {
      setError(t("caseForms.editor.signOff.notSaved"));
      return;
    }
    setBusy(true);
    try {
      props.onSigned(await signOffForm(props.summary.id));
      // The button has gone: the reader goes on at what it did.
      signedNotice?.focus();
    } catch (failure: unknown) {
      const apiError = failure instanceof ApiError ? failure : unexpectedError();
      setError(t("caseForms.editor.signOff.failed", { reason: apiError.message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="app-form-agreement" aria-labelledby="form-sign-offs">
      <h2 class="govuk-heading-l" id="form-sign-offs">
        {t("caseForms.editor.signOff.heading")}
      </h2>
      <dl class="govuk-summary-list app-form-sign-offs">
        <For each={props.summary.requiredSignOffs}>
          {(required) => (
            <div class="govuk-summary-list__row" data-party={required.party}>
              <dt class="govuk-summary-list__key">{props.titleOf(required.party)}</dt>
              <dd class="govuk-summary-list__value">
                <Switch fallback={<strong class="govuk-tag govuk-tag--grey">{t("caseForms.signOff.notSigned")}</strong>}>
                  <Match when={required.signed}>
                    <strong class="govuk-tag govuk-tag--green">{t("caseForms.signOff.signed")}</strong>{" "}
                    <Show when={lastSignOff(required.party)}>
                      {(last) => <span class="app-secondary-text">{t("caseForms.editor.signOff.signedAt", { at: formatDateTime(last().signedAt) })}</span>}
                    </Show>
                  </Match>
                  <Match when={required.changedSinceSigned}>
                    <strong class="govuk-tag govuk-tag--orange">{t("caseForms.signOff.changed")}</strong>
                  </Match>
                </Switch>
              </dd>
            </div>
          )}
        </For>
      </dl>
      <Show when={canSignOff()}>
        <Show when={error()}>{(message) => <ErrorSummary message={message()} />}</Show>
        <Switch>
          <Match when={signedNow()}>
            <p class="govuk-body" tabindex="-1" ref={signedNotice}>
              {t("caseForms.editor.signOff.youSigned")}
            </p>
          </Match>
          <Match when={true}>
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">{t("caseForms.editor.warning")}</span>
                {t("caseForms.editor.signOff.warning")}
              </strong>
            </div>
            <button type="button" class="govuk-button" data-module="govuk-button" disabled={busy()} aria-disabled={busy() ? "true" : undefined} onClick={() => void signOff()}>
              {changed() ? t("caseForms.editor.signOff.again") : t("caseForms.editor.signOff.button")}
            </button>
          </Match>
        </Switch>
      </Show>
    </section>
  );
}

/** For judges and legal advisers: finalise an agreed form, then the link to its PDF. */
function FinaliseSection(props: { summary: FormSummary; me: Me; onFinalised: (form: FormSummary) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const isJudicial = () => props.me.role === "judge" || props.me.role === "legal-adviser";
  const finalise = async () => {
    if (busy()) return;
    setError(undefined);
    setBusy(true);
    try {
      props.onFinalised(await finaliseForm(props.summary.id));
    } catch (failure: unknown) {
      const apiError = failure instanceof ApiError ? failure : unexpectedError();
      setError(t("caseForms.editor.finalise.failed", { reason: apiError.message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={isJudicial() && props.summary.status !== "finalised"}>
      <section class="app-form-agreement" aria-labelledby="form-finalise">
        <h2 class="govuk-heading-l" id="form-finalise">
          {t("caseForms.editor.finalise.heading")}
        </h2>
        <Show when={error()}>{(message) => <ErrorSummary message={message()} />}</Show>
        <Show when={props.summary.status === "agreed"} fallback={<p class="govuk-body">{t("caseForms.editor.finalise.notAgreed")}</p>}>
          <p class="govuk-body">{t("caseForms.editor.finalise.text")}</p>
          <button type="button" class="govuk-button" data-module="govuk-button" disabled={busy()} aria-disabled={busy() ? "true" : undefined} onClick={() => void finalise()}>
            {t("caseForms.editor.finalise.button")}
          </button>
        </Show>
      </section>
    </Show>
  );
}
