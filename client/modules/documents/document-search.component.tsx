import { useLocation, useNavigate, useSearchParams } from "@solidjs/router";
import {
  createRenderEffect,
  createResource,
  createSignal,
  createUniqueId,
  For,
  Match,
  on,
  Show,
  Switch,
} from "solid-js";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { t } from "../../src/i18n.ts";
import { classNames } from "../form-controls/class-names.ts";
import { ErrorMessage } from "../form-controls/error-message.component.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { type SearchResult, searchDocuments } from "./document.api.ts";
import { sectionName, snippetParts, viewerPath } from "./document-labels.ts";

/** Longest search the server reads. */
const MAX_QUERY = 200;
const FIELD_ID = "q";

type SearchOutcome =
  | { status: "found"; q: string; results: SearchResult[] }
  | { status: "failed"; error: ApiError };

async function runSearch(search: { caseId: string; q: string }): Promise<SearchOutcome> {
  try {
    return { status: "found", q: search.q, results: await searchDocuments(search.caseId, search.q) };
  } catch (error: unknown) {
    return { status: "failed", error: error instanceof ApiError ? error : unexpectedError() };
  }
}

function checkQuery(q: string): string | undefined {
  if (q.trim() === "") return t("documents.search.errors.required");
  if (q.length > MAX_QUERY) return t("documents.search.errors.tooLong");
  return undefined;
}

/**
 * "Search the IDPC": the words are in the address (`?q=`), so a search can be linked to and the
 * back button returns to it. Each result links to the viewer at its page, finding the words.
 */
export function DocumentSearch(props: { caseId: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [query] = useSearchParams<{ q?: string }>();
  const [typed, setTyped] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [search, setSearch] = createSignal<{ caseId: string; q: string }>();
  const [outcome] = createResource(search, runSearch);
  const headingId = createUniqueId();

  createRenderEffect(
    on(
      () => location.search,
      () => {
        const q = typeof query.q === "string" ? query.q : "";
        setTyped(q);
        const problem = q === "" ? undefined : checkQuery(q);
        setError(problem);
        setSearch(q === "" || problem ? undefined : { caseId: props.caseId, q: q.trim() });
      },
    ),
  );

  const documentsPath = () => `/cases/${encodeURIComponent(props.caseId)}/documents`;

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const q = typed();
    const problem = checkQuery(q);
    setError(problem);
    if (problem) return;
    const target = `?${new URLSearchParams({ q: q.trim() })}`;
    if (target === location.search) setSearch({ caseId: props.caseId, q: q.trim() });
    else navigate(`${documentsPath()}${target}`);
  };

  const found = () => {
    const current = outcome();
    return !outcome.loading && current?.status === "found" ? current : undefined;
  };
  const failure = () => {
    const current = outcome();
    return !outcome.loading && current?.status === "failed" ? current.error : undefined;
  };

  return (
    <div class="app-document-search">
      <Show when={error()}>
        {(message) => <ErrorSummary errors={[{ fieldId: FIELD_ID, message: message() }]} />}
      </Show>
      <Show when={failure()}>{(failed) => <ErrorSummary message={failed().message} />}</Show>
      <form method="get" action={documentsPath()} novalidate onSubmit={onSubmit}>
        <div class={classNames("govuk-form-group", error() !== undefined && "govuk-form-group--error")}>
          <h2 class="govuk-label-wrapper">
            <label class="govuk-label govuk-label--m" for={FIELD_ID}>
              {t("documents.search.label")}
            </label>
          </h2>
          <div id={`${FIELD_ID}-hint`} class="govuk-hint">
            {t("documents.search.hint")}
          </div>
          <Show when={error()}>
            {(message) => <ErrorMessage id={`${FIELD_ID}-error`} message={message()} />}
          </Show>
          <div class="app-search-input">
            <input
              class={classNames("govuk-input", error() !== undefined && "govuk-input--error")}
              id={FIELD_ID}
              name={FIELD_ID}
              type="search"
              value={typed()}
              onInput={(event) => setTyped(event.currentTarget.value)}
              aria-describedby={error() ? `${FIELD_ID}-hint ${FIELD_ID}-error` : `${FIELD_ID}-hint`}
              autocomplete="off"
              spellcheck={false}
            />
            <button type="submit" class="govuk-button app-search-input__button">
              {t("documents.search.submit")}
            </button>
          </div>
        </div>
      </form>

      <Show when={search()}>
        <section class="app-search-results" aria-labelledby={headingId}>
          <h2 class="govuk-heading-m" id={headingId}>
            {t("documents.search.resultsHeading")}
          </h2>
          <Switch>
            <Match when={outcome.loading}>
              <p class="govuk-body" role="status">
                {t("documents.search.loading")}
              </p>
            </Match>
            <Match when={found()}>
              {(current) => (
                <>
                  <p class="govuk-body" role="status">
                    {current().results.length === 0
                      ? t("documents.search.none", { q: current().q })
                      : t("documents.search.count", {
                          count: current().results.length,
                          q: current().q,
                        })}
                  </p>
                  <Show when={current().results.length > 0}>
                    <ol class="govuk-list app-search-results__list">
                      <For each={current().results}>
                        {(result) => <ResultItem caseId={props.caseId} q={current().q} result={result} />}
                      </For>
                    </ol>
                  </Show>
                </>
              )}
            </Match>
          </Switch>
          <p class="govuk-body">
            <a class="govuk-link" href={documentsPath()}>
              {t("documents.search.clear")}
            </a>
          </p>
        </section>
      </Show>
    </div>
  );
}

function ResultItem(props: { caseId: string; q: string; result: SearchResult }) {
  return (
    <li class="app-search-results__item">
      <h3 class="govuk-heading-s app-search-results__title">
        <a
          class="govuk-link"
          href={viewerPath(props.caseId, props.result.documentId, {
            page: props.result.page,
            q: props.q,
          })}
        >
          {props.result.title}
          <span class="govuk-visually-hidden">
            {t("documents.search.pageOf", { page: props.result.page })}
          </span>
        </a>
      </h3>
      <p class="govuk-body-s app-secondary-text app-search-results__meta">
        {t("documents.search.resultMeta", {
          section: sectionName(props.result.section),
          version: props.result.version,
          page: props.result.page,
        })}
      </p>
      <p class="govuk-body app-search-results__snippet">
        <For each={snippetParts(props.result.snippet)}>
          {(part) => (part.marked ? <mark class="app-mark">{part.text}</mark> : part.text)}
        </For>
      </p>
    </li>
  );
}
