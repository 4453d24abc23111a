import { useLocation } from "@solidjs/router";
import { createResource, createUniqueId, For, Match, Show, Switch } from "solid-js";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { formatDate, formatDateTime } from "../../src/date-format.ts";
import { formatFileSize } from "../../src/file-size.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import type { CaseDetail } from "../cases/case.api.ts";
import { type CaseWorkspaceState, casePath, useCase } from "../cases/case-workspace.component.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { SuccessBanner } from "../layout/notification-banner.component.tsx";
import { onSocketEvent } from "../realtime/socket.ts";
import { useSession } from "../session/session.context.tsx";
import {
  bundleUrl,
  type DocumentSection,
  downloadUrl,
  fetchDocuments,
  type ListedDocument,
} from "./document.api.ts";
import {
  type DocumentVersions,
  groupVersions,
  restrictedNames,
  sectionName,
  viewerPath,
} from "./document-labels.ts";
import { DocumentSearch } from "./document-search.component.tsx";
import { createDownload } from "./download.ts";
import { DownloadStatus } from "./download-status.component.tsx";

type DocumentsResult =
  | { status: "loaded"; sections: DocumentSection[] }
  | { status: "failed"; error: ApiError };

async function loadDocuments(caseId: string): Promise<DocumentsResult> {
  try {
    return { status: "loaded", sections: await fetchDocuments(caseId) };
  } catch (error: unknown) {
    return { status: "failed", error: error instanceof ApiError ? error : unexpectedError() };
  }
}

/**
 * `/cases/:caseId/documents`: the IDPC tab. The documents the user may see, by section, each
 * with its versions; the whole IDPC as a ZIP or one PDF; a search across the pages; and, for the
 * prosecution, the way to serve another document.
 */
export function CaseDocumentsPage() {
  const detail = useCase();
  const session = useSession();
  const location = useLocation<CaseWorkspaceState>();
  const [result, { refetch }] = createResource(() => detail().id, loadDocuments);
  // Material served while the tab is open joins the list at once.
  onSocketEvent("document:served", (payload) => {
    if (payload.caseId === detail().id) void refetch();
  });
  usePageTitle(() => ({ key: "documents.pageTitle", values: { urn: detail().urn } }));

  const loaded = () => {
    const current = result();
    return !result.loading && current?.status === "loaded" ? current.sections : undefined;
  };
  const failure = () => {
    const current = result();
    return !result.loading && current?.status === "failed" ? current.error : undefined;
  };
  const isProsecutor = () => session.me()?.role === "prosecutor";

  return (
    <>
      <Show when={location.state?.served}>
        {(served) => (
          <SuccessBanner
            title={t("documents.served.title")}
            heading={t("documents.served.heading", { title: served().title })}
          >
            <p class="govuk-body">{t("documents.served.text", { version: served().version })}</p>
          </SuccessBanner>
        )}
      </Show>
      <Show when={failure()}>
        {(error) => <ErrorSummary message={`${t("documents.unavailable")} ${error().message}`} />}
      </Show>
      <Show when={isProsecutor()}>
        <a
          href={casePath(detail().id, "/documents/serve")}
          class="govuk-button"
          draggable="false"
        >
          {t("documents.serveLink")}
        </a>
      </Show>

      <DocumentSearch caseId={detail().id} />

      <Switch>
        <Match when={result.loading}>
          <p class="govuk-body" role="status">
            {t("documents.loading")}
          </p>
        </Match>
        <Match when={loaded()?.length === 0}>
          <p class="govuk-body">{t("documents.none")}</p>
        </Match>
        <Match when={loaded()}>
          {(sections) => (
            <>
              <Bundles caseId={detail().id} urn={detail().urn} />
              <For each={sections()}>
                {(section) => <SectionTable section={section} detail={detail()} />}
              </For>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}

/** The whole IDPC in one download, with its progress. */
function Bundles(props: { caseId: string; urn: string }) {
  const headingId = createUniqueId();
  const download = createDownload();
  const downloads = () => [
    { label: t("documents.bundles.zip"), url: bundleUrl(props.caseId, "zip"), fileName: `IDPC ${props.urn}.zip` },
    { label: t("documents.bundles.pdf"), url: bundleUrl(props.caseId, "pdf"), fileName: `IDPC ${props.urn}.pdf` },
    { label: t("documents.bundles.notes"), url: `/api/cases/${encodeURIComponent(props.caseId)}/notes.pdf`, fileName: `Notes IDPC ${props.urn}.pdf` },
  ];

  return (
    <section class="app-case-section" aria-labelledby={headingId}>
      <h2 class="govuk-heading-m" id={headingId}>
        {t("documents.bundles.heading")}
      </h2>
      <p class="govuk-body">{t("documents.bundles.text")}</p>
      <div class="govuk-button-group">
        <For each={downloads()}>
          {(item) => (
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              disabled={download.isRunning()}
              aria-disabled={download.isRunning() ? "true" : undefined}
              onClick={() => void download.start(item.url, item.fileName)}
            >
              {item.label}
            </button>
          )}
        </For>
      </div>
      <DownloadStatus download={download} waitingText={t("download.preparing")} />
    </section>
  );
}

function SectionTable(props: { section: DocumentSection; detail: CaseDetail }) {
  const headingId = createUniqueId();
  const name = () => sectionName(props.section.code, props.section.name);
  return (
    <div class="app-case-section">
      <h2 class="govuk-heading-m" id={headingId}>
        {name()}
      </h2>
      <section class="app-table-scroll" aria-labelledby={headingId} tabindex="0">
        <table class="govuk-table govuk-table--small-text-until-tablet app-documents-table">
          <caption class="govuk-visually-hidden">{name()}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t("documents.columns.title")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("documents.columns.version")}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t("documents.columns.pages")}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t("documents.columns.size")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("documents.columns.served")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("documents.columns.deemedServed")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("documents.columns.opened")}
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">{t("documents.columns.download")}</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            <For each={groupVersions(props.section.documents)}>
              {(versions) => <DocumentRow versions={versions} detail={props.detail} />}
            </For>
          </tbody>
        </table>
      </section>
    </div>
  );
}

function DocumentRow(props: { versions: DocumentVersions; detail: CaseDetail }) {
  const document = () => props.versions.latest;
  const restricted = () => restrictedNames(document(), props.detail);
  return (
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">
        <a class="govuk-link" href={viewerPath(props.detail.id, document().id)}>
          {document().title}
        </a>
        <Show when={restricted()}>
          {(names) => (
            <span class="app-secondary-text app-secondary-text--regular">
              {t("documents.restrictedTo", { names: names() })}
            </span>
          )}
        </Show>
      </th>
      <td class="govuk-table__cell">
        <span class="app-nowrap">{t("documents.version", { version: document().version })}</span>
        <Show when={props.versions.older.length > 0}>
          <OlderVersions versions={props.versions} caseId={props.detail.id} />
        </Show>
      </td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{document().pages}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{formatFileSize(document().bytes)}</td>
      <td class="govuk-table__cell">{formatDateTime(document().servedAt)}</td>
      <td class="govuk-table__cell">{formatDate(document().deemedServedOn)}</td>
      <td class="govuk-table__cell">
        <Opened document={document()} />
      </td>
      <td class="govuk-table__cell">
        <DownloadLink document={document()} />
      </td>
    </tr>
  );
}

function Opened(props: { document: ListedDocument }) {
  return (
    <Show
      when={props.document.openedByYourOrganisationAt}
      fallback={<strong class="govuk-tag govuk-tag--grey">{t("documents.notOpened")}</strong>}
    >
      {(at) => formatDateTime(at())}
    </Show>
  );
}

function DownloadLink(props: { document: ListedDocument }) {
  return (
    <a class="govuk-link" href={downloadUrl(props.document.id)} download="">
      {t("documents.download")}
      <span class="govuk-visually-hidden">
        {" "}
        {t("documents.downloadOf", {
          title: props.document.title,
          version: props.document.version,
          size: formatFileSize(props.document.bytes),
        })}
      </span>
    </a>
  );
}

function OlderVersions(props: { versions: DocumentVersions; caseId: string }) {
  return (
    <details class="govuk-details app-details--in-table app-details--compact">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">
          {t("documents.olderVersions")}
          <span class="govuk-visually-hidden">
            {" "}
            {t("documents.olderVersionsOf", { title: props.versions.latest.title })}
          </span>
        </span>
      </summary>
      <div class="govuk-details__text">
        <ul class="govuk-list">
          <For each={props.versions.older}>
            {(version) => (
              <li>
                <a class="govuk-link" href={viewerPath(props.caseId, version.id)}>
                  {t("documents.olderVersion", { version: version.version })}
                  <span class="govuk-visually-hidden">
                    {" "}
                    {t("documents.olderVersionsOf", { title: version.title })}
                  </span>
                </a>
                <span class="app-secondary-text">
                  {t("documents.olderVersionServed", { date: formatDateTime(version.servedAt) })}
                </span>
                <a class="govuk-link" href={downloadUrl(version.id)} download="">
                  {t("documents.download")}
                  <span class="govuk-visually-hidden">
                    {" "}
                    {t("documents.downloadOf", {
                      title: version.title,
                      version: version.version,
                      size: formatFileSize(version.bytes),
                    })}
                  </span>
                </a>
              </li>
            )}
          </For>
        </ul>
      </div>
    </details>
  );
}
