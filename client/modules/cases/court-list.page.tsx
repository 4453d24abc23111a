import { useNavigate, useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { formatDate, formatTime, todayInLondon } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { DateInput } from "../form-controls/date-input.component.tsx";
import { checkDate, type DateError, type DateParts, datePartId, partsOfIsoDate } from "../form-controls/date-parts.ts";
import { ImportLink } from "../imports/import.page.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { SignInRequired } from "../session/sign-in-required.component.tsx";
import { type CaseDetail, fetchCase, searchCases } from "./case.api.ts";
import { courtName, valueText } from "./case-labels.component.tsx";
import { casePath } from "./case-workspace.component.tsx";

/** One hearing on the list, with the case it belongs to. */
type Listing = { caseId: string; urn: string; defendants: string; time: string; court: string; courtroom: string | null; type: string };

type ListResult = { status: "listed"; listings: Listing[] } | { status: "signed-out" } | { status: "failed"; error: ApiError };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The hearings on `date` at `courts`. There is no hearings-by-court API yet: the case search
 * finds the cases with a hearing that day, and each case's detail gives its hearings.
 */
async function loadList(key: { date: string; courts: readonly string[] }): Promise<ListResult> {
  try {
    const cases = await searchCases({ hearingFrom: key.date, hearingTo: key.date });
    const details = await Promise.all(cases.map((item) => fetchCase(item.id)));
    const listings = details.flatMap((detail) => listingsOf(detail, key));
    listings.sort((a, b) => `${a.time}${a.court}${a.urn}`.localeCompare(`${b.time}${b.court}${b.urn}`));
    return { status: "listed", listings };
  } catch (error: unknown) {
    if (!(error instanceof ApiError)) return { status: "failed", error: unexpectedError() };
    return error.status === 401 ? { status: "signed-out" } : { status: "failed", error };
  }
}

function listingsOf(detail: CaseDetail, key: { date: string; courts: readonly string[] }): Listing[] {
  const defendants = detail.defendants.map((d) => d.name).join(", ");
  return detail.hearings
    .filter((h) => h.date === key.date && key.courts.includes(h.court.code))
    .map((h) => ({ caseId: detail.id, urn: detail.urn, defendants, time: h.startTime, court: courtName(h.court), courtroom: h.courtroom, type: h.type }));
}

/** `/court-list?date=`: the hearings at the user's courts on a day, today by default. */
export function CourtListPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [query] = useSearchParams<{ date?: string }>();
  const date = () => {
    const asked = query.date;
    return typeof asked === "string" && ISO_DATE.test(asked) ? asked : todayInLondon();
  };
  const [picker, setPicker] = createStore<DateParts>(partsOfIsoDate(date()));
  const [dateError, setDateError] = createSignal<DateError>();
  createEffect(on(date, (current) => setPicker(partsOfIsoDate(current)), { defer: true }));

  const courts = () => session.me()?.courts ?? [];
  const [result] = createResource(
    () => (session.me() ? { date: date(), courts: courts() } : undefined),
    loadList,
  );
  const signedOut = () => session.state().status === "signed-out" || result()?.status === "signed-out";
  const listed = () => {
    const current = result();
    return !result.loading && current?.status === "listed" ? current.listings : undefined;
  };
  const failure = () => {
    const current = result();
    return !result.loading && current?.status === "failed" ? current.error : undefined;
  };

  usePageTitle(() => ({ key: "cases.courtList.pageTitle", values: { date: formatDate(date()) } }), {
    hasErrors: () => dateError() !== undefined,
  });

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const checked = checkDate(picker, { field: t("cases.courtList.date.field"), required: t("cases.create.errors.dateRequired", { field: "date" }) });
    if (checked.status === "invalid") {
      setDateError(checked.error);
      return;
    }
    setDateError(undefined);
    if (checked.status === "valid") navigate(`/court-list?date=${checked.isoDate}`);
  };

  return (
    <Show when={!signedOut()} fallback={<SignInRequired returnTo="/court-list" />}>
      <Show when={dateError()}>
        {(error) => (
          <ErrorSummary errors={[{ fieldId: datePartId("date", error().parts[0] ?? "day"), message: error().message }]} />
        )}
      </Show>
      <Show when={failure()}>{(error) => <ErrorSummary message={error().message} />}</Show>
      <h1 class="govuk-heading-l">{t("cases.courtList.heading", { date: formatDate(date()) })}</h1>
      <ImportLink />
      <form method="get" action="/court-list" novalidate onSubmit={onSubmit}>
        <DateInput
          id="date"
          legend={t("cases.courtList.date.legend")}
          error={dateError()}
          value={picker}
          onInput={(part, value) => setPicker(part, value)}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("cases.courtList.show")}
        </button>
      </form>
      <Show
        when={listed()}
        fallback={
          <p class="govuk-body" role="status">
            {result.loading ? t("cases.courtList.loading") : ""}
          </p>
        }
      >
        {(listings) => (
          <Show when={listings().length > 0} fallback={<p class="govuk-body">{t("cases.courtList.none")}</p>}>
            <section class="app-table-scroll" aria-labelledby="court-list-caption" tabindex="0">
              <table class="govuk-table">
                <caption class="govuk-visually-hidden" id="court-list-caption">
                  {t("cases.courtList.heading", { date: formatDate(date()) })}
                </caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">{t("cases.courtList.columns.time")}</th>
                    <th scope="col" class="govuk-table__header">{t("cases.courtList.columns.urn")}</th>
                    <th scope="col" class="govuk-table__header">{t("cases.courtList.columns.defendants")}</th>
                    <th scope="col" class="govuk-table__header">{t("cases.courtList.columns.type")}</th>
                    <th scope="col" class="govuk-table__header">{t("cases.courtList.columns.court")}</th>
                    <th scope="col" class="govuk-table__header">{t("cases.courtList.columns.courtroom")}</th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  <For each={listings()}>
                    {(listing) => (
                      <tr class="govuk-table__row">
                        <td class="govuk-table__cell">{formatTime(listing.time)}</td>
                        <th scope="row" class="govuk-table__header">
                          <a class="govuk-link" href={casePath(listing.caseId)}>
                            {listing.urn}
                          </a>
                        </th>
                        <td class="govuk-table__cell">{listing.defendants}</td>
                        <td class="govuk-table__cell">{valueText("hearingTypes", listing.type)}</td>
                        <td class="govuk-table__cell">{listing.court}</td>
                        <td class="govuk-table__cell">{listing.courtroom ?? t("cases.courtList.noCourtroom")}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
          </Show>
        )}
      </Show>
    </Show>
  );
}
