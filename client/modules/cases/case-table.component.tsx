import { createUniqueId, For, Show } from "solid-js";
import { formatDate, formatTime } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { type CaseSummary, isOrganisation } from "./case.api.ts";
import { CaseStatusTag, courtName, valueText } from "./case-labels.component.tsx";

/** GOV.UK table of cases, each URN a link to the case. */
export function CaseTable(props: { cases: CaseSummary[]; caption: string }) {
  const captionId = createUniqueId();
  return (
    // Wide on a narrow screen: the table scrolls inside its own region, which keyboard users
    // can focus and scroll, instead of the whole page (WCAG 1.4.10).
    <section class="app-table-scroll" aria-labelledby={captionId} tabindex="0">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--s" id={captionId}>
          {props.caption}
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
        <a class="govuk-link" href={`/cases/${encodeURIComponent(props.item.id)}`}>
          {props.item.urn}
        </a>
      </th>
      <td class="govuk-table__cell">
        <ul class="app-defendant-list">
          <For each={props.item.defendants}>
            {(defendant) => (
              <li>
                {defendant.name}
                <Show
                  when={defendant.dateOfBirth}
                  fallback={
                    <Show when={isOrganisation(defendant)}>
                      <span class="app-secondary-text">{t("cases.list.organisation")}</span>
                    </Show>
                  }
                >
                  {(dateOfBirth) => (
                    <span class="app-secondary-text">{t("cases.list.dateOfBirth", { date: formatDate(dateOfBirth()) })}</span>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </td>
      <td class="govuk-table__cell">{courtName(props.item.court)}</td>
      <td class="govuk-table__cell">{valueText("jurisdictions", props.item.jurisdiction)}</td>
      <td class="govuk-table__cell">
        <Show when={props.item.nextHearing} fallback={t("cases.list.noHearing")}>
          {(hearing) => (
            <>
              {t("cases.list.hearingDateTime", {
                date: formatDate(hearing().date),
                time: formatTime(hearing().startTime),
              })}
              <span class="app-secondary-text">{valueText("hearingTypes", hearing().type)}</span>
              <Show when={hearing().court.code !== props.item.court.code}>
                <span class="app-secondary-text">{courtName(hearing().court)}</span>
              </Show>
            </>
          )}
        </Show>
      </td>
      <td class="govuk-table__cell">
        <CaseStatusTag status={props.item.status} />
      </td>
    </tr>
  );
}
