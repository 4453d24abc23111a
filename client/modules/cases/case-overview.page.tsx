import { createUniqueId, For, type JSX, Show } from "solid-js";
import { formatDate, formatTime } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { type DefendantDetail, type HearingDetail, isOrganisation, type OffenceDetail } from "./case.api.ts";
import { CaseStatusTag, CustodyTag, courtName, valueText } from "./case-labels.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { casePath, useCase } from "./case-workspace.component.tsx";

/** `/cases/:caseId`: the overview section of the case workspace. */
export function CaseOverviewPage() {
  const detail = useCase();
  const session = useSession();
  usePageTitle(() => ({ key: "cases.overview.pageTitle", values: { urn: detail().urn } }));

  return (
    <>
      <h2 class="govuk-heading-m">{t("cases.overview.caseDetails")}</h2>
      <Show when={session.me()?.role === "court-staff"}>
        <p class="govuk-body">
          <a class="govuk-link" href={casePath(detail().id, "/edit")}>
            {t("cases.edit.link")}
          </a>
        </p>
      </Show>
      <dl class="govuk-summary-list">
        <SummaryRow label={t("cases.overview.summary.court")}>
          {courtName(detail().court)}
          <span class="app-secondary-text">
            {t("cases.overview.summary.courtCode", { code: detail().court.code })}
          </span>
        </SummaryRow>
        <SummaryRow label={t("cases.overview.summary.jurisdiction")}>
          {valueText("jurisdictions", detail().jurisdiction)}
        </SummaryRow>
        <SummaryRow label={t("cases.overview.summary.status")}>
          <CaseStatusTag status={detail().status} />
        </SummaryRow>
        <SummaryRow label={t("cases.overview.summary.prosecutor")}>{detail().prosecutor.name}</SummaryRow>
        <Show when={detail().jurisdiction === "crown" || detail().sentOn !== null}>
          <SummaryRow label={t("cases.overview.summary.sentOn")}>
            {detail().sentOn ? formatDate(detail().sentOn ?? "") : t("cases.overview.summary.notSent")}
          </SummaryRow>
        </Show>
      </dl>

      <For each={detail().defendants}>{(defendant) => <DefendantSection defendant={defendant} />}</For>

      <Hearings hearings={detail().hearings} />
    </>
  );
}

function SummaryRow(props: { label: string; children: JSX.Element }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{props.label}</dt>
      <dd class="govuk-summary-list__value">{props.children}</dd>
    </div>
  );
}

function DefendantSection(props: { defendant: DefendantDetail }) {
  const headingId = createUniqueId();
  const defendant = () => props.defendant;
  const isInCustody = () => defendant().custody === "custody";
  const isOnBail = () => defendant().custody === "bail";

  return (
    <section class="app-case-section" aria-labelledby={headingId}>
      <h2 class="govuk-heading-m" id={headingId}>
        {defendant().name}
      </h2>
      <dl class="govuk-summary-list">
        {/* An organisation has no date of birth, custody or bail: it says what it is instead. */}
        <Show when={isOrganisation(defendant())}>
          <SummaryRow label={t("cases.overview.defendant.type")}>{t("cases.overview.defendant.organisation")}</SummaryRow>
        </Show>
        <Show when={defendant().dateOfBirth}>
          {(dateOfBirth) => (
            <SummaryRow label={t("cases.overview.defendant.dateOfBirth")}>{formatDate(dateOfBirth())}</SummaryRow>
          )}
        </Show>
        <Show when={defendant().custody}>
          {(custody) => (
            <SummaryRow label={t("cases.overview.defendant.custody")}>
              <CustodyTag custody={custody()} />
            </SummaryRow>
          )}
        </Show>
        <Show when={isInCustody() || defendant().custodyTimeLimit !== null}>
          <SummaryRow label={t("cases.overview.defendant.custodyTimeLimit")}>
            <Show
              when={defendant().custodyTimeLimit}
              fallback={t("cases.overview.defendant.custodyTimeLimitNotRecorded")}
            >
              {(date) => t("cases.overview.defendant.custodyTimeLimitExpires", { date: formatDate(date()) })}
            </Show>
          </SummaryRow>
        </Show>
        <Show when={isOnBail() || defendant().bailConditions !== null}>
          <SummaryRow label={t("cases.overview.defendant.bailConditions")}>
            {defendant().bailConditions ?? t("cases.overview.defendant.noBailConditions")}
          </SummaryRow>
        </Show>
        <SummaryRow label={t("cases.overview.defendant.interpreter")}>
          {defendant().interpreterLanguage ?? t("cases.overview.defendant.noInterpreter")}
        </SummaryRow>
        <SummaryRow label={t("cases.overview.defendant.representedBy")}>
          {defendant().representedBy?.organisationName ??
            t("cases.overview.defendant.notRepresented")}
        </SummaryRow>
      </dl>
      <Offences offences={defendant().offences} />
    </section>
  );
}

function Offences(props: { offences: OffenceDetail[] }) {
  const captionId = createUniqueId();
  return (
    <Show
      when={props.offences.length > 0}
      fallback={
        <>
          <h3 class="govuk-heading-s">{t("cases.overview.offences.caption")}</h3>
          <p class="govuk-body">{t("cases.overview.offences.none")}</p>
        </>
      }
    >
      <section class="app-table-scroll" aria-labelledby={captionId} tabindex="0">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--s" id={captionId}>
            {t("cases.overview.offences.caption")}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t("cases.overview.offences.columns.offence")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("cases.overview.offences.columns.legislation")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("cases.overview.offences.columns.wording")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("cases.overview.offences.columns.plea")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("cases.overview.offences.columns.modeOfTrial")}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            <For each={props.offences}>{(offence) => <OffenceRow offence={offence} />}</For>
          </tbody>
        </table>
      </section>
    </Show>
  );
}

function OffenceRow(props: { offence: OffenceDetail }) {
  return (
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">
        {props.offence.title}
        <span class="app-secondary-text app-secondary-text--regular">
          {t("cases.overview.offences.code", { code: props.offence.code })}
        </span>
        <span class="app-secondary-text app-secondary-text--regular">
          {t("cases.overview.offences.startDate", { date: formatDate(props.offence.startDate) })}
        </span>
      </th>
      <td class="govuk-table__cell">{props.offence.legislation}</td>
      <td class="govuk-table__cell">
        <details class="govuk-details app-details--in-table">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">
              {t("cases.overview.offences.showWording")}
              <span class="govuk-visually-hidden">
                {" "}
                {t("cases.overview.offences.wordingOf", { offence: props.offence.title })}
              </span>
            </span>
          </summary>
          <div class="govuk-details__text">{props.offence.wording}</div>
        </details>
      </td>
      <td class="govuk-table__cell">{valueText("pleas", props.offence.plea)}</td>
      <td class="govuk-table__cell">{valueText("modesOfTrial", props.offence.modeOfTrial)}</td>
    </tr>
  );
}

function Hearings(props: { hearings: HearingDetail[] }) {
  const headingId = createUniqueId();
  const sorted = () =>
    [...props.hearings].sort((a, b) =>
      `${a.date}T${a.startTime}`.localeCompare(`${b.date}T${b.startTime}`),
    );
  return (
    <div class="app-case-section">
      <h2 class="govuk-heading-m" id={headingId}>
        {t("cases.overview.hearings.caption")}
      </h2>
      <Show
        when={sorted().length > 0}
        fallback={<p class="govuk-body">{t("cases.overview.hearings.none")}</p>}
      >
        <section class="app-table-scroll" aria-labelledby={headingId} tabindex="0">
          <table class="govuk-table">
            <caption class="govuk-visually-hidden">{t("cases.overview.hearings.caption")}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {t("cases.overview.hearings.columns.date")}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t("cases.overview.hearings.columns.time")}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t("cases.overview.hearings.columns.type")}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t("cases.overview.hearings.columns.court")}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t("cases.overview.hearings.columns.courtroom")}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              <For each={sorted()}>
                {(hearing) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{formatDate(hearing.date)}</td>
                    <td class="govuk-table__cell">{formatTime(hearing.startTime)}</td>
                    <td class="govuk-table__cell">{valueText("hearingTypes", hearing.type)}</td>
                    <td class="govuk-table__cell">{courtName(hearing.court)}</td>
                    <td class="govuk-table__cell">
                      {hearing.courtroom ?? t("cases.overview.hearings.noCourtroom")}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      </Show>
    </div>
  );
}
