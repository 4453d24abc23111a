import { createEffect, createMemo, createSignal, createUniqueId, For, Match, on, Show, Switch } from "solid-js";
import {
  HEARING_CSV_COLUMNS,
  IMPORT_MAX_BYTES,
  type ImportOutcome,
  type ImportProblem,
  type ImportSummary,
} from "../../../shared/schemas/import.schema.ts";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { formatFileSize } from "../../src/file-size.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { casePath } from "../cases/case-workspace.component.tsx";
import { classNames } from "../form-controls/class-names.ts";
import { describedBy, ErrorMessage } from "../form-controls/error-message.component.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { SuccessBanner } from "../layout/notification-banner.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { SignInRequired } from "../session/sign-in-required.component.tsx";
import { applyImport, checkImport, ImportFileError, importProblemsOf } from "./import.api.ts";

const FILE_ID = "import-file";

/** The roles the server lets import (everyone else gets a 403). */
const IMPORTERS: ReadonlySet<string> = new Set(["court-staff", "prosecutor"]);

/** Where the user is: choosing a file (with the last one's problems), checking what it would change, or done. */
type Step =
  | { step: "choose"; problems: readonly ImportProblem[] }
  | { step: "preview"; file: File; summary: ImportSummary }
  | { step: "imported"; summary: ImportSummary };

/** A request on its way: a dry run, or the import itself. */
type Busy = "checking" | "importing";

const BUSY_TEXT = { checking: "imports.checking", importing: "imports.importing" } as const;

const canImport = (role: string | undefined) => IMPORTERS.has(role ?? "");

/**
 * `/imports`: court staff and prosecutors upload cases (JSON) or a court list (CSV), see what it
 * would create and update (a dry run), then import it. A file with problems lists each one with
 * its line and field, and nothing is imported.
 */
export function ImportPage() {
  const session = useSession();
  const [step, setStep] = createSignal<Step>({ step: "choose", problems: [] });
  const [file, setFile] = createSignal<File>();
  const [fileError, setFileError] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal<Busy>();
  const [isExpired, setExpired] = createSignal(false);

  const preview = () => {
    const current = step();
    return current.step === "preview" ? current : undefined;
  };
  const imported = () => {
    const current = step();
    return current.step === "imported" ? current : undefined;
  };
  const problems = () => {
    const current = step();
    return current.step === "choose" ? current.problems : [];
  };

  usePageTitle(() => (preview() ? "imports.preview.title" : "imports.title"), {
    hasErrors: () => fileError() !== undefined || failure() !== undefined,
  });

  // A new step replaces the button that was pressed: start the reader at its heading, unless an
  // error summary is there to take the focus.
  let heading: HTMLHeadingElement | undefined;
  const stepName = createMemo(() => step().step);
  createEffect(
    on(stepName, () => {
      if (fileError() === undefined && failure() === undefined) heading?.focus();
    }, { defer: true }),
  );

  const chooseFile = (found: readonly ImportProblem[] = []) => {
    // The file input is drawn afresh, empty, when coming back from another step.
    if (step().step !== "choose") setFile(undefined);
    setStep({ step: "choose", problems: found });
  };

  const send = async (chosen: File, isDryRun: boolean) => {
    setBusy(isDryRun ? "checking" : "importing");
    setFileError(undefined);
    setFailure(undefined);
    // The last file's problems are not this one's.
    if (isDryRun) chooseFile();
    try {
      const summary = isDryRun ? await checkImport(chosen) : await applyImport(chosen);
      setStep(isDryRun ? { step: "preview", file: chosen, summary } : { step: "imported", summary });
    } catch (error: unknown) {
      const found = importProblemsOf(error);
      if (found) {
        setFileError(t("imports.errors.problems", { count: found.length }));
        chooseFile(found);
      } else if (error instanceof ImportFileError) {
        setFileError(error.message);
      } else if (error instanceof ApiError && error.status === 401) {
        setExpired(true);
      } else {
        setFailure((error instanceof ApiError ? error : unexpectedError()).message);
      }
    } finally {
      setBusy(undefined);
    }
  };

  const onCheck = (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const chosen = file();
    if (!chosen) {
      setFailure(undefined);
      setFileError(t("imports.errors.fileRequired"));
      return;
    }
    void send(chosen, true);
  };

  const startAgain = () => {
    setFileError(undefined);
    setFailure(undefined);
    chooseFile();
  };

  return (
    <Switch>
      <Match when={session.state().status === "signed-out" || isExpired()}>
        <SignInRequired returnTo="/imports" />
      </Match>
      <Match when={session.me() && !canImport(session.me()?.role)}>
        <h1 class="govuk-heading-l">{t("imports.title")}</h1>
        <p class="govuk-body">{t("imports.notAllowed")}</p>
      </Match>
      <Match when={canImport(session.me()?.role)}>
        <Show when={imported()}>{(done) => <ImportedBanner summary={done().summary} />}</Show>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <Show when={fileError()}>{(message) => <ErrorSummary errors={[{ fieldId: FILE_ID, message: message() }]} />}</Show>
            <Show when={failure()}>{(message) => <ErrorSummary message={message()} />}</Show>
            <Show when={preview()}>{(shown) => <span class="govuk-caption-l">{shown().file.name}</span>}</Show>
            <h1 class="govuk-heading-l" tabindex="-1" ref={heading}>
              {preview() ? t("imports.preview.title") : t("imports.title")}
            </h1>
            <Switch>
              <Match when={preview()}>
                {(shown) => (
                  <Preview
                    summary={shown().summary}
                    busy={busy()}
                    onApply={() => void send(shown().file, false)}
                    onChooseAnother={startAgain}
                  />
                )}
              </Match>
              <Match when={imported()}>
                {(done) => (
                  <>
                    <CasesTable
                      caption={t("imports.done.casesHeading")}
                      outcomeHeading={t("imports.done.outcome")}
                      cases={done().summary.cases}
                      outcomeText={(outcome) => t(`imports.done.outcomes.${outcome}`)}
                      isLinked={true}
                    />
                    <button type="button" class="govuk-button govuk-button--secondary" onClick={startAgain}>
                      {t("imports.done.another")}
                    </button>
                  </>
                )}
              </Match>
              <Match when={step().step === "choose"}>
                <p class="govuk-body">{t("imports.intro")}</p>
                <Show when={problems().length > 0}>
                  <ProblemsTable problems={problems()} />
                </Show>
                <form method="post" action="/imports" enctype="multipart/form-data" novalidate onSubmit={onCheck}>
                  <FileUpload error={fileError()} onChange={setFile} />
                  <BusyStatus busy={busy()} />
                  <button type="submit" class="govuk-button" disabled={busy() !== undefined} aria-disabled={busy() !== undefined}>
                    {t("imports.check")}
                  </button>
                </form>
              </Match>
            </Switch>
          </div>
        </div>
      </Match>
    </Switch>
  );
}

/** The link to {@link ImportPage}, for the users who may import. */
export function ImportLink() {
  const session = useSession();
  return (
    <Show when={canImport(session.me()?.role)}>
      <a href="/imports" class="govuk-button govuk-button--secondary" draggable="false">
        {t("imports.link")}
      </a>
    </Show>
  );
}

function FileUpload(props: { error?: string; onChange: (file: File | undefined) => void }) {
  return (
    <div class={classNames("govuk-form-group", !!props.error && "govuk-form-group--error")}>
      <label class="govuk-label govuk-label--m" for={FILE_ID}>
        {t("imports.file.label")}
      </label>
      <div id={`${FILE_ID}-hint`} class="govuk-hint">
        {t("imports.file.hint", { columns: HEARING_CSV_COLUMNS.join(", "), max: formatFileSize(IMPORT_MAX_BYTES) })}
      </div>
      <Show when={props.error}>{(error) => <ErrorMessage id={`${FILE_ID}-error`} message={error()} />}</Show>
      <input
        class={classNames("govuk-file-upload", !!props.error && "govuk-file-upload--error")}
        id={FILE_ID}
        name={FILE_ID}
        type="file"
        accept=".json,.csv,application/json,text/csv"
        aria-describedby={describedBy(FILE_ID, { hasHint: true, hasError: !!props.error })}
        onChange={(event) => props.onChange(event.currentTarget.files?.[0] ?? undefined)}
      />
    </div>
  );
}

/** What is being sent, read out as it starts (a live region, there before it has anything to say). */
function BusyStatus(props: { busy: Busy | undefined }) {
  return (
    <p class="govuk-body app-status-line" role="status">
      <Show when={props.busy}>{(busy) => t(BUSY_TEXT[busy()])}</Show>
    </p>
  );
}

function Preview(props: { summary: ImportSummary; busy: Busy | undefined; onApply: () => void; onChooseAnother: () => void }) {
  const changes = () => props.summary.created + props.summary.updated;
  return (
    <>
      <p class="govuk-body">{t("imports.preview.notYet")}</p>
      <dl class="govuk-summary-list">
        <CountRow label={t("imports.preview.toCreate")} count={props.summary.created} />
        <CountRow label={t("imports.preview.toUpdate")} count={props.summary.updated} />
        <CountRow label={t("imports.preview.unchanged")} count={props.summary.unchanged} />
      </dl>
      <CasesTable
        caption={t("imports.preview.casesHeading")}
        outcomeHeading={t("imports.preview.outcome")}
        cases={props.summary.cases}
        outcomeText={(outcome) => t(`imports.preview.outcomes.${outcome}`)}
        isLinked={false}
      />
      <Show when={changes() === 0}>
        <p class="govuk-body">{t("imports.preview.nothingToChange")}</p>
      </Show>
      <BusyStatus busy={props.busy} />
      <div class="govuk-button-group">
        <Show when={changes() > 0}>
          <button type="button" class="govuk-button" disabled={props.busy !== undefined} aria-disabled={props.busy !== undefined} onClick={() => props.onApply()}>
            {t("imports.preview.apply")}
          </button>
        </Show>
        <button type="button" class="govuk-button govuk-button--secondary" disabled={props.busy !== undefined} aria-disabled={props.busy !== undefined} onClick={() => props.onChooseAnother()}>
          {t("imports.preview.another")}
        </button>
      </div>
    </>
  );
}

function CountRow(props: { label: string; count: number }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{props.label}</dt>
      <dd class="govuk-summary-list__value">{props.count}</dd>
    </div>
  );
}

/** The file's cases, each with what happens (or happened) to it; after the import, each a link to its case. */
function CasesTable(props: {
  caption: string;
  outcomeHeading: string;
  cases: ImportSummary["cases"];
  outcomeText: (outcome: ImportOutcome) => string;
  isLinked: boolean;
}) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">{t("imports.urn")}</th>
          <th scope="col" class="govuk-table__header">{props.outcomeHeading}</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        <For each={props.cases}>
          {(item) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                <Show when={props.isLinked} fallback={item.urn}>
                  <a class="govuk-link" href={casePath(item.caseId)}>
                    {item.urn}
                  </a>
                </Show>
              </th>
              <td class="govuk-table__cell">{props.outcomeText(item.outcome)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

/** Every problem the server found, where it is in the file and in the server's own words. */
function ProblemsTable(props: { problems: readonly ImportProblem[] }) {
  const captionId = createUniqueId();
  return (
    <section class="app-table-scroll" aria-labelledby={captionId} tabindex="0">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m" id={captionId}>
          {t("imports.problems.heading")}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t("imports.problems.line")}</th>
            <th scope="col" class="govuk-table__header">{t("imports.problems.field")}</th>
            <th scope="col" class="govuk-table__header">{t("imports.problems.problem")}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          <For each={props.problems}>
            {(problem) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{problem.line ?? t("imports.problems.noLine")}</td>
                <td class="govuk-table__cell">{problem.field === "" ? t("imports.problems.wholeFile") : problem.field}</td>
                <td class="govuk-table__cell">{problem.message}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

function ImportedBanner(props: { summary: ImportSummary }) {
  return (
    <SuccessBanner title={t("imports.done.title")} heading={t("imports.done.heading")}>
      <ul class="govuk-list">
        <li>{t("imports.done.created", { count: props.summary.created })}</li>
        <li>{t("imports.done.updated", { count: props.summary.updated })}</li>
        <li>{t("imports.done.unchanged", { count: props.summary.unchanged })}</li>
      </ul>
    </SuccessBanner>
  );
}
