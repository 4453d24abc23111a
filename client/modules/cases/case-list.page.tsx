import {
  createEffect,
  createResource,
  createUniqueId,
  For,
  Match,
  Show,
  Switch,
} from "solid-js";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { formatDate } from "../../src/date-format.ts";
import { hasMessage, t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { signInHref } from "../session/session.api.ts";
import { useSession } from "../session/session.context.tsx";
import { type CaseSummary, listCases } from "./case.api.ts";

type CaseListResult =
  | { status: "listed"; cases: CaseSummary[] }
  | { status: "signed-out" }
  | { status: "failed"; error: ApiError };

async function loadCases(): Promise<CaseListResult> {
  try {
    return { status: "listed", cases: await listCases() };
  } catch (error: unknown) {
    if (!(error instanceof ApiError)) return { status: "failed", error: unexpectedError() };
    return error.status === 401 ? { status: "signed-out" } : { status: "failed", error };
  }
}

/** `/cases`: the cases the signed-in user may see. */
export function CaseListPage() {
  const session = useSession();
  const [result] = createResource(loadCases);

  usePageTitle(() =>
    result()?.status === "signed-out" ? "cases.signInRequired.title" : "cases.list.title",
  );

  // The session ended since the shell last asked: let the header catch up.
  createEffect(() => {
    if (result()?.status === "signed-out" && session.me()) session.refresh();
  });

  return (
    <Switch
      fallback={
        <>
          <h1 class="govuk-heading-l">{t("cases.list.title")}</h1>
          <p class="govuk-body" role="status">
            {t("cases.list.loading")}
          </p>
        </>
      }
    >
      <Match when={result()?.status === "signed-out"}>
        <h1 class="govuk-heading-l">{t("cases.signInRequired.title")}</h1>
        <p class="govuk-body">{t("cases.signInRequired.text")}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={signInHref("/cases")} rel="external">
            {t("cases.signInRequired.link")}
          </a>
        </p>
      </Match>
      <Match when={failure(result())}>
        {(error) => (
          <>
            <ErrorSummary message={error().message} />
            <h1 class="govuk-heading-l">{t("cases.list.title")}</h1>
          </>
        )}
      </Match>
      <Match when={listed(result())}>
        {(cases) => (
          <>
            <h1 class="govuk-heading-l">{t("cases.list.title")}</h1>
            <Show
              when={cases().length > 0}
              fallback={
                <>
                  <h2 class="govuk-heading-m">{t("cases.list.empty")}</h2>
                  <p class="govuk-body">{t("cases.list.emptyDetail")}</p>
                </>
              }
            >
              <CaseTable cases={cases()} />
            </Show>
          </>
        )}
      </Match>
    </Switch>
  );
}

function listed(result: CaseListResult | undefined): CaseSummary[] | undefined {
  return result?.status === "listed" ? result.cases : undefined;
}

function failure(result: CaseListResult | undefined): ApiError | undefined {
  return result?.status === "failed" ? result.error : undefined;
}

function CaseTable(props: { cases: CaseSummary[] }) {
  const captionId = createUniqueId();
  return (
    // Wide on a narrow screen: the table scrolls inside its own region, which keyboard users
    // can focus and scroll, instead of the whole page (WCAG 1.4.10).
    <section class="app-table-scroll" aria-labelledby={captionId} tabindex="0">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m" id={captionId}>
          {t("cases.list.count", { count: props.cases.length })}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t("cases.list.columns.urn")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("cases.list.columns.defendants")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("cases.list.columns.court")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("cases.list.columns.jurisdiction")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("cases.list.columns.nextHearing")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("cases.list.columns.status")}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          <For each={props.cases}>{(item) => <CaseRow item={item} />}</For>
        </tbody>
      </table>
    </section>
  );
}

function CaseRow(props: { item: CaseSummary }) {
  return (
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">
        {props.item.urn}
      </th>
      <td class="govuk-table__cell">
        <ul class="app-defendant-list">
          <For each={props.item.defendants}>
            {(defendant) => (
              <li>
                {t("cases.list.defendantName", {
                  firstName: defendant.firstName,
                  lastName: defendant.lastName,
                })}
                <span class="app-secondary-text">
                  {t("cases.list.dateOfBirth", { date: formatDate(defendant.dateOfBirth) })}
                </span>
              </li>
            )}
          </For>
        </ul>
      </td>
      <td class="govuk-table__cell">{props.item.court.name}</td>
      <td class="govuk-table__cell">{t(`jurisdictions.${props.item.jurisdiction}`)}</td>
      <td class="govuk-table__cell">
        {props.item.nextHearing
          ? formatDate(props.item.nextHearing.date)
          : t("cases.list.noHearing")}
      </td>
      <td class="govuk-table__cell">
        <strong class={`govuk-tag ${STATUS_TAG_CLASS[props.item.status] ?? "govuk-tag--grey"}`}>
          {statusText(props.item.status)}
        </strong>
      </td>
    </tr>
  );
}

const STATUS_TAG_CLASS: Readonly<Record<string, string>> = {
  active: "govuk-tag--blue",
  "sent-to-crown-court": "govuk-tag--purple",
  concluded: "govuk-tag--grey",
};

/** The catalogue's words for a case status; an unknown status is shown as the server sent it. */
function statusText(status: string): string {
  const key = `caseStatuses.${status}`;
  return hasMessage(key) ? t(key) : status;
}
