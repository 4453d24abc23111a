import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { ApiError, unexpectedError } from "../../../src/api.ts";
import { formatDateTime } from "../../../src/date-format.ts";
import { t } from "../../../src/i18n.ts";
import { usePageTitle } from "../../../src/page-title.ts";
import { useSession } from "../../session/session.context.tsx";
import { casePath, useCase, useCaseTrail } from "../../cases/case-workspace.component.tsx";
import { ErrorSummary } from "../../layout/error-summary.component.tsx";
import { type DocumentSection, fetchDocuments, type ListedDocument } from "../document.api.ts";
import { sectionName, viewerPath } from "../document-labels.ts";
import { PdfViewerPanel } from "./pdf-viewer.component.tsx";

type Lookup =
  | { status: "found"; document: ListedDocument; section: DocumentSection; latest: ListedDocument }
  | { status: "not-found" }
  | { status: "failed"; error: ApiError };

/** The document and its latest version, from the case's list (which holds only what the user may see). */
async function lookUp(key: { caseId: string; documentId: string }): Promise<Lookup> {
  let sections: DocumentSection[];
  try {
    sections = await fetchDocuments(key.caseId);
  } catch (error: unknown) {
    return { status: "failed", error: error instanceof ApiError ? error : unexpectedError() };
  }
  for (const section of sections) {
    const document = section.documents.find((candidate) => candidate.id === key.documentId);
    if (!document) continue;
    const latest =
      section.documents.find((candidate) => candidate.title === document.title && candidate.latest) ??
      document;
    return { status: "found", document, section, latest };
  }
  return { status: "not-found" };
}

function pageOf(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const page = Number(text);
  return text && Number.isInteger(page) && page > 0 ? page : undefined;
}

function textOf(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() ? text.trim() : undefined;
}

/**
 * `/cases/:caseId/documents/:documentId`: one document in the viewer, across the full width of
 * the window. `?page=N` opens it at page N and `?q=words` finds the words in it.
 */
export function DocumentViewerPage() {
  const detail = useCase();
  const session = useSession();
  const params = useParams<{ documentId: string }>();
  const [query] = useSearchParams<{ page?: string; q?: string }>();
  const [lookup] = createResource(
    () => ({ caseId: detail().id, documentId: params.documentId }),
    lookUp,
  );

  const found = () => {
    const current = lookup();
    return !lookup.loading && current?.status === "found" ? current : undefined;
  };
  const notFound = () => !lookup.loading && lookup()?.status === "not-found";
  const failure = () => {
    const current = lookup();
    return !lookup.loading && current?.status === "failed" ? current.error : undefined;
  };
  const documentsPath = () => casePath(detail().id, "/documents");

  useCaseTrail(() => {
    const documents = { text: t("cases.workspace.navigation.documents"), href: documentsPath() };
    const current = found();
    if (current) return [documents, { text: current.document.title }];
    return [documents, { text: notFound() ? t("documents.viewer.notFound.title") : t("documents.viewer.loading") }];
  });
  usePageTitle(() => {
    const current = found();
    if (current) {
      return {
        key: "documents.viewer.pageTitle",
        values: { title: current.document.title, urn: detail().urn },
      };
    }
    if (notFound()) return "documents.viewer.notFound.title";
    return "documents.viewer.loading";
  });

  return (
    <Switch
      fallback={
        <p class="govuk-body" role="status">
          {t("documents.viewer.loading")}
        </p>
      }
    >
      <Match when={failure()}>
        {(error) => (
          <>
            <ErrorSummary message={error().message} />
            <h1 class="govuk-heading-l">{t("documents.viewer.notFound.title")}</h1>
          </>
        )}
      </Match>
      <Match when={notFound()}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h1 class="govuk-heading-l">{t("documents.viewer.notFound.title")}</h1>
            <p class="govuk-body">{t("documents.viewer.notFound.text")}</p>
            <p class="govuk-body">
              <a class="govuk-link" href={documentsPath()}>
                {t("documents.viewer.notFound.link")}
              </a>
            </p>
          </div>
        </div>
      </Match>
      <Match when={found()}>
        {(current) => (
          <div class="app-full-width">
            <span class="govuk-caption-l">
              {t("documents.viewer.caption", {
                urn: detail().urn,
                section: sectionName(current().section.code, current().section.name),
              })}
            </span>
            <h1 class="govuk-heading-l app-pdf-viewer__title">{current().document.title}</h1>
            <p class="govuk-body app-secondary-text">
              {t("documents.viewer.versionServed", {
                version: current().document.version,
                date: formatDateTime(current().document.servedAt),
              })}
            </p>
            <p class="govuk-body">
              <a class="govuk-link" href={`/api/documents/${encodeURIComponent(current().document.id)}/notes.pdf`} download="">
                {t("documents.viewer.downloadNotes")}
              </a>
            </p>
            <Show when={current().latest.id !== current().document.id}>
              <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong class="govuk-warning-text__text">
                  <span class="govuk-visually-hidden">{t("documents.viewer.warning")}</span>
                  {t("documents.viewer.notLatest")}{" "}
                  <a class="govuk-link" href={viewerPath(detail().id, current().latest.id)}>
                    {t("documents.viewer.latestLink")}
                  </a>
                </strong>
              </div>
            </Show>
            {/* Keyed on the document, so opening another one starts a new viewer. */}
            <Show when={current().document.id} keyed>
              {(documentId) => (
                <PdfViewerPanel
                  documentId={documentId}
                  title={current().document.title}
                  page={pageOf(query.page)}
                  query={textOf(query.q)}
                  annotations={(() => {
                    const me = session.me();
                    return me ? { detail: detail(), me } : undefined;
                  })()}
                  presentation={(() => {
                    const me = session.me();
                    return me ? { caseId: detail().id, userId: me.id } : undefined;
                  })()}
                />
              )}
            </Show>
          </div>
        )}
      </Match>
    </Switch>
  );
}
