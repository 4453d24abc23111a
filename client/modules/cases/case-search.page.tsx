import { useLocation, useNavigate, useSearchParams } from "@solidjs/router";
import { createRenderEffect, createResource, createSignal, Match, on, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { todayInLondon } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { DateInput } from "../form-controls/date-input.component.tsx";
import type { DatePart } from "../form-controls/date-parts.ts";
import { TextInput } from "../form-controls/text-input.component.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { SignInRequired } from "../session/sign-in-required.component.tsx";
import { type CaseSearch, type CaseSummary, searchCases } from "./case.api.ts";
import {
  type CaseSearchCheck,
  type CaseSearchFields,
  checkSearch,
  emptySearch,
  fieldsFromQuery,
  isFiltered,
  queryOfSearch,
} from "./case-search.query.ts";
import { CaseTable } from "./case-table.component.tsx";
import { CreateCaseLink } from "./create-case.page.tsx";

type SearchResult =
  | { status: "found"; search: CaseSearch; cases: CaseSummary[] }
  | { status: "signed-out" }
  | { status: "failed"; error: ApiError };

async function runSearch(search: CaseSearch): Promise<SearchResult> {
  try {
    return { status: "found", search, cases: await searchCases(search) };
  } catch (error: unknown) {
    if (!(error instanceof ApiError)) return { status: "failed", error: unexpectedError() };
    return error.status === 401 ? { status: "signed-out" } : { status: "failed", error };
  }
}

type DateField = "dateOfBirth" | "hearingFrom" | "hearingTo";

/**
 * `/cases`: find a case. The search is in the address (a GET form), so results can be linked to
 * and the back button goes back to the previous search; with no filter it lists all the cases
 * the user may see.
 */
export function CaseSearchPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [query] = useSearchParams();

  const [fields, setFields] = createStore<CaseSearchFields>(emptySearch());
  const [check, setCheck] = createSignal<CaseSearchCheck>({ errors: {}, summary: [] });
  const [search, setSearch] = createSignal<CaseSearch>();
  const [result] = createResource(search, runSearch);

  // Whenever the address changes (the first load, a search, back and forward), the form shows
  // the search in it, and that search runs if it is valid.
  createRenderEffect(
    on(
      () => location.search,
      () => {
        const fromAddress = fieldsFromQuery(query);
        setFields(fromAddress);
        const checked = checkSearch(fromAddress, todayInLondon());
        setCheck(checked);
        setSearch(checked.search);
      },
    ),
  );

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const checked = checkSearch(fields, todayInLondon());
    setCheck(checked);
    if (!checked.search) return;
    const target = queryOfSearch(checked.search);
    // The same search again: run it again, as a full page submit would.
    if (target === location.search) setSearch({ ...checked.search });
    else navigate(`/cases${target}`);
  };

  const setDatePart = (field: DateField) => (part: DatePart, value: string) =>
    setFields(field, part, value);

  const signedOut = () => result()?.status === "signed-out";
  const failure = () => {
    const current = result();
    return !result.loading && current?.status === "failed" ? current.error : undefined;
  };
  const found = () => {
    const current = result();
    return !result.loading && current?.status === "found" ? current : undefined;
  };
  const isDefence = () => session.me()?.role === "defence";

  usePageTitle(() => (signedOut() ? "cases.signInRequired.title" : "cases.search.title"), {
    hasErrors: () => check().summary.length > 0 || failure()?.status === 400,
  });

  return (
    <Show when={!signedOut()} fallback={<SignInRequired returnTo={`/cases${location.search}`} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Show when={check().summary.length > 0}>
            <ErrorSummary errors={check().summary} />
          </Show>
          <Show when={failure()}>{(error) => <ErrorSummary message={error().message} />}</Show>
          <h1 class="govuk-heading-l">{t("cases.search.title")}</h1>
          <CreateCaseLink />
          <Show when={isDefence()}>
            <p class="govuk-body">{t("cases.search.getAccess.text")}</p>
            <a href="/cases/access" class="govuk-button govuk-button--secondary" draggable="false">
              {t("cases.search.getAccess.link")}
            </a>
          </Show>
          <form method="get" action="/cases" novalidate onSubmit={onSubmit}>
            <TextInput
              id="urn"
              label={t("cases.search.urn.label")}
              hint={t("cases.search.urn.hint")}
              error={check().errors.urn}
              value={fields.urn}
              onInput={(value) => setFields("urn", value)}
              widthClass="govuk-input--width-20"
              autocomplete="off"
              spellcheck={false}
            />
            <TextInput
              id="surname"
              label={t("cases.search.surname.label")}
              hint={t("cases.search.surname.hint")}
              error={check().errors.surname}
              value={fields.surname}
              onInput={(value) => setFields("surname", value)}
              widthClass="govuk-input--width-20"
              autocomplete="off"
              spellcheck={false}
            />
            <DateInput
              id="dateOfBirth"
              legend={t("cases.search.dateOfBirth.legend")}
              hint={t("cases.search.dateOfBirth.hint")}
              error={check().errors.dateOfBirth}
              value={fields.dateOfBirth}
              onInput={setDatePart("dateOfBirth")}
            />
            <TextInput
              id="court"
              label={t("cases.search.court.label")}
              hint={t("cases.search.court.hint")}
              error={check().errors.court}
              value={fields.court}
              onInput={(value) => setFields("court", value)}
              widthClass="govuk-input--width-10"
              autocomplete="off"
              spellcheck={false}
            />
            <DateInput
              id="hearingFrom"
              legend={t("cases.search.hearingFrom.legend")}
              hint={t("cases.search.hearingFrom.hint")}
              error={check().errors.hearingFrom}
              value={fields.hearingFrom}
              onInput={setDatePart("hearingFrom")}
            />
            <DateInput
              id="hearingTo"
              legend={t("cases.search.hearingTo.legend")}
              hint={t("cases.search.hearingTo.hint")}
              error={check().errors.hearingTo}
              value={fields.hearingTo}
              onInput={setDatePart("hearingTo")}
            />
            <TextInput
              id="q"
              label={t("cases.search.q.label")}
              hint={t("cases.search.q.hint")}
              error={check().errors.q}
              value={fields.q}
              onInput={(value) => setFields("q", value)}
            />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button">
                {t("cases.search.submit")}
              </button>
              <Show when={location.search !== ""}>
                <a class="govuk-link" href="/cases">
                  {t("cases.search.clear")}
                </a>
              </Show>
            </div>
          </form>
        </div>
      </div>
      <SearchResults
        loading={result.loading}
        found={check().summary.length > 0 ? undefined : found()}
      />
    </Show>
  );
}

/** The results of the search in the address, and a status message that reads them out. */
function SearchResults(props: {
  loading: boolean;
  found: { search: CaseSearch; cases: CaseSummary[] } | undefined;
}) {
  const filtered = () => (props.found ? isFiltered(props.found.search) : false);
  const count = () => props.found?.cases.length ?? 0;
  const countText = () =>
    filtered()
      ? t("cases.search.matchCount", { count: count() })
      : t("cases.list.count", { count: count() });
  const announcement = () => {
    if (props.loading) return t("cases.search.loading");
    if (!props.found) return "";
    if (count() > 0) return countText();
    return filtered() ? t("cases.search.noMatch.title") : t("cases.search.noCases.title");
  };

  return (
    <>
      {/* Always in the page, so that screen readers announce each change of its text. */}
      <p class="govuk-visually-hidden" role="status">
        {announcement()}
      </p>
      <Switch>
        <Match when={props.loading}>
          <p class="govuk-body" aria-hidden="true">
            {t("cases.search.loading")}
          </p>
        </Match>
        <Match when={props.found}>
          {(found) => (
            <>
              <h2 class="govuk-heading-m">
                {filtered() ? t("cases.search.results") : t("cases.search.yourCases")}
              </h2>
              <Show
                when={found().cases.length > 0}
                fallback={
                  <Show
                    when={filtered()}
                    fallback={
                      <>
                        <p class="govuk-body govuk-!-font-weight-bold">
                          {t("cases.search.noCases.title")}
                        </p>
                        <p class="govuk-body">{t("cases.search.noCases.text")}</p>
                      </>
                    }
                  >
                    <p class="govuk-body govuk-!-font-weight-bold">
                      {t("cases.search.noMatch.title")}
                    </p>
                    <p class="govuk-hint">{t("cases.search.noMatch.hint")}</p>
                  </Show>
                }
              >
                <CaseTable cases={found().cases} caption={countText()} />
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}
