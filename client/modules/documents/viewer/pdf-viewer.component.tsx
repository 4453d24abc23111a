import type { PDFDocumentLoadingTask } from "pdfjs-dist";
import { createEffect, createSignal, createUniqueId, Match, on, onCleanup, onMount, Show, Switch, untrack } from "solid-js";
import { type MessageKey, t } from "../../../src/i18n.ts";
import { AnnotationsPanel, type RenderedPage } from "../../annotations/annotations-panel.component.tsx";
import type { CaseDetail } from "../../cases/case.api.ts";
import { ErrorSummary } from "../../layout/error-summary.component.tsx";
import {
  activePresentation,
  createMoveSender,
  isFollowing,
  isPresentingHere,
  startPresenting,
  stopPresenting,
} from "../../presentation/presentation.state.ts";
import { contentUrl, downloadUrl } from "../document.api.ts";
import { createDownload } from "../download.ts";
import { DownloadStatus } from "../download-status.component.tsx";
import { DocumentFinder, type FindMatch } from "./find.ts";
import { MAX_ZOOM, MIN_ZOOM, PdfViewer } from "./pdf-viewer.ts";
import { openPdf } from "./pdfjs.ts";

export type PdfViewerPanelProps = {
  documentId: string;
  title: string;
  /** The page to show (`?page=`); a new value scrolls there. */
  page?: number;
  /** Words to find (`?q=`): they fill the find box and are found when the document opens. */
  query?: string;
  /** With these, annotations are drawn on the pages and listed beside them. */
  annotations?: {
    detail: CaseDetail;
    me: { id: string; party: string; organisation: { name: string } };
  };
  /** With these, the user can present the document in the case, and follow whoever presents it. */
  presentation?: { caseId: string; userId: string };
};

type FindState =
  | { phase: "idle" }
  | { phase: "searching"; page: number }
  | { phase: "done"; q: string };

/**
 * A document in pdf.js with its toolbar: page number, previous and next page, zoom, download,
 * find in document and thumbnails. Every control is a native button or input in the tab order;
 * what they change is announced in a polite live region.
 */
export function PdfViewerPanel(props: PdfViewerPanelProps) {
  const ids = {
    pageInput: createUniqueId(),
    pageCount: createUniqueId(),
    find: createUniqueId(),
    findStatus: createUniqueId(),
    thumbnails: createUniqueId(),
  };
  let pagesElement: HTMLDivElement | undefined;
  let thumbnailList: HTMLOListElement | undefined;
  let viewer: PdfViewer | undefined;
  let finder: DocumentFinder | undefined;
  let loadingTask: PDFDocumentLoadingTask | undefined;
  let findController: AbortController | undefined;
  let lastQuery = "";

  const [status, setStatus] = createSignal<"loading" | "ready" | "failed">("loading");
  const [pageCount, setPageCount] = createSignal(0);
  const [currentPage, setCurrentPage] = createSignal(1);
  const [pageText, setPageText] = createSignal("1");
  const [zoom, setZoom] = createSignal(1);
  const [thumbnailsOpen, setThumbnailsOpen] = createSignal(false);
  const [announcement, setAnnouncement] = createSignal("");
  const [findText, setFindText] = createSignal(props.query ?? "");
  const [matches, setMatches] = createSignal<readonly FindMatch[]>([]);
  const [selected, setSelected] = createSignal(-1);
  const [findState, setFindState] = createSignal<FindState>({ phase: "idle" });
  const [rendered, setRendered] = createSignal<ReadonlyMap<number, RenderedPage>>(new Map());
  const download = createDownload();

  const percent = () => Math.round(zoom() * 100);
  const isReady = () => status() === "ready";

  // Presenting: this tab's page and zoom go to everyone following, and nothing else does.
  const presentation = props.presentation;
  const mover = presentation ? createMoveSender(presentation.caseId) : undefined;
  const [presentBusy, setPresentBusy] = createSignal(false);
  const [presentError, setPresentError] = createSignal<MessageKey>();
  const [presentStatus, setPresentStatus] = createSignal("");
  const presenting = () =>
    presentation !== undefined && isPresentingHere(presentation.caseId, props.documentId, presentation.userId);
  /** Where the presenter is, while the user follows a presentation of this document by someone else. */
  const followed = () => {
    if (!presentation || !isFollowing(presentation.caseId)) return undefined;
    const current = activePresentation(presentation.caseId);
    if (!current || current.documentId !== props.documentId || current.presenter.userId === presentation.userId) {
      return undefined;
    }
    return { page: current.page, zoom: current.zoom };
  };

  /** Say something in the live region, even when it is what was said last. */
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  const announce = (text: string) => {
    setAnnouncement("");
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => setAnnouncement(text), 50);
  };
  const announcePage = (page: number) =>
    announce(t("documents.viewer.pageAnnouncement", { page, count: pageCount() }));

  onMount(() => {
    const pages = pagesElement;
    const thumbnails = thumbnailList;
    if (!pages || !thumbnails) return;
    const task = openPdf(contentUrl(props.documentId));
    loadingTask = task;
    // A password-protected PDF cannot be read here; say so rather than prompt.
    task.onPassword = () => {
      setStatus("failed");
      void task.destroy();
    };
    task.promise.then(
      async (pdf) => {
        if (loadingTask !== task) return;
        finder = new DocumentFinder(pdf);
        const created = new PdfViewer({
          document: pdf,
          pages,
          thumbnails,
          labels: {
            page: (page) => t("documents.viewer.page", { page }),
            thumbnail: (page) => t("documents.viewer.thumbnail", { page }),
          },
          onPageChange: (page) => {
            setCurrentPage(page);
            if (document.activeElement?.id !== ids.pageInput) setPageText(String(page));
          },
          onZoomChange: setZoom,
          onThumbnailSelected: announcePage,
          onPageRendered: (page, layer, viewport) => {
            const next = new Map(rendered());
            next.set(page, { layer, viewport });
            setRendered(next);
          },
          onPageReleased: (page) => {
            if (!rendered().has(page)) return;
            const next = new Map(rendered());
            next.delete(page);
            setRendered(next);
          },
        });
        viewer = created;
        setPageCount(pdf.numPages);
        await created.open(clampPage(props.page ?? 1, pdf.numPages));
        if (loadingTask !== task) return;
        setStatus("ready");
        const q = props.query?.trim();
        if (q) void runFind(q, created.currentPage);
      },
      () => {
        if (loadingTask === task) setStatus("failed");
      },
    );
  });

  onCleanup(() => {
    mover?.cancel();
    // Leaving the document ends presenting it.
    if (presentation && untrack(presenting)) void stopPresenting(presentation.caseId);
    clearTimeout(announceTimer);
    findController?.abort();
    viewer?.destroy();
    viewer = undefined;
    const task = loadingTask;
    loadingTask = undefined;
    void task?.destroy();
  });

  // A new `?page=` (a search result for another page of this document) scrolls there.
  createEffect(
    on(
      () => props.page,
      (page) => {
        if (page !== undefined && viewer) goToPage(page);
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      () => props.query,
      (query) => {
        const q = query?.trim() ?? "";
        setFindText(q);
        if (q && viewer) void runFind(q, viewer.currentPage);
      },
      { defer: true },
    ),
  );

  createEffect(() => {
    if (!mover) return;
    if (!presenting()) {
      mover.reset();
      return;
    }
    if (isReady()) mover.move(currentPage(), zoom());
  });

  // Following: each move of the presenter sets this viewer's zoom and page. The user may scroll in
  // between; the presenter's next move brings them back.
  createEffect(() => {
    const target = followed();
    if (!target || !isReady()) return;
    untrack(() => {
      if (!viewer) return;
      if (Math.abs(viewer.zoom - target.zoom) > 0.0005) viewer.zoomTo(target.zoom);
      if (viewer.currentPage !== target.page) goToPage(target.page);
    });
  });

  const togglePresenting = async () => {
    if (!presentation || presentBusy()) return;
    setPresentBusy(true);
    setPresentError(undefined);
    const stopping = presenting();
    if (!stopping) mover?.reset();
    const answer = stopping
      ? await stopPresenting(presentation.caseId)
      : await startPresenting(presentation.caseId, props.documentId);
    setPresentBusy(false);
    if (!answer.ok) {
      setPresentError(answer.error);
      return;
    }
    setPresentStatus(stopping ? t("presentation.stopped") : t("presentation.started"));
  };

  const goToPage = (page: number) => {
    if (!viewer) return;
    const target = clampPage(page, viewer.pageCount);
    viewer.goToPage(target);
    setPageText(String(target));
    announcePage(target);
  };

  const commitPageInput = () => {
    if (!viewer) return;
    const typed = Number(pageText().trim());
    if (!Number.isInteger(typed) || typed < 1 || typed > viewer.pageCount) {
      setPageText(String(currentPage()));
      announce(t("documents.viewer.pageInvalid", { count: viewer.pageCount }));
      return;
    }
    if (typed !== currentPage()) goToPage(typed);
  };

  const changeZoom = (change: (current: PdfViewer) => void) => {
    if (!viewer) return;
    change(viewer);
    announce(t("documents.viewer.zoomAnnouncement", { percent: percent() }));
  };

  const toggleThumbnails = () => {
    const open = !thumbnailsOpen();
    setThumbnailsOpen(open);
    if (open) queueMicrotask(() => viewer?.revealCurrentThumbnail());
  };

  const runFind = async (q: string, fromPage: number) => {
    if (!finder || !viewer) return;
    findController?.abort();
    const controller = new AbortController();
    findController = controller;
    setFindState({ phase: "searching", page: 1 });
    try {
      const found = await finder.find(q, {
        signal: controller.signal,
        onPage: (page) => setFindState({ phase: "searching", page }),
      });
      if (findController !== controller || !viewer) return;
      lastQuery = q;
      const after = found.findIndex((match) => match.page >= fromPage);
      const index = found.length === 0 ? -1 : Math.max(0, after);
      setMatches(found);
      setSelected(index);
      viewer.setMatches(found, index);
      const match = found[index];
      if (match) viewer.selectMatch(index, match);
      setFindState({ phase: "done", q });
    } catch {
      // Cancelled by a newer find, or the document closed.
    }
  };

  const selectMatch = (step: 1 | -1) => {
    const all = matches();
    if (!viewer || all.length === 0) return;
    const index = (selected() + step + all.length) % all.length;
    const match = all[index];
    if (!match) return;
    setSelected(index);
    viewer.selectMatch(index, match);
  };

  const onFind = (event: SubmitEvent) => {
    event.preventDefault();
    const q = findText().trim();
    if (!viewer) return;
    if (q === "") {
      findController?.abort();
      lastQuery = "";
      setMatches([]);
      setSelected(-1);
      viewer.setMatches([], -1);
      setFindState({ phase: "idle" });
      return;
    }
    // The same words again go to the next match, as a browser's find does.
    if (q === lastQuery && findState().phase === "done") selectMatch(1);
    else void runFind(q, viewer.currentPage);
  };

  const findStatus = () => {
    const state = findState();
    if (state.phase === "searching") {
      return t("documents.viewer.find.searching", { page: state.page, count: pageCount() });
    }
    if (state.phase === "idle") return "";
    if (matches().length === 0) return t("documents.viewer.find.none", { q: state.q });
    return t("documents.viewer.find.count", { current: selected() + 1, count: matches().length });
  };
  const hasMatches = () => matches().length > 0;

  return (
    <div class="app-pdf-viewer">
      <Show when={presentation}>
        <div class="app-pdf-presentation">
          <button
            type="button"
            class="govuk-button govuk-!-margin-bottom-2"
            classList={{ "govuk-button--warning": presenting(), "govuk-button--secondary": !presenting() }}
            aria-disabled={presentBusy() ? "true" : undefined}
            onClick={() => void togglePresenting()}
          >
            {presenting() ? t("presentation.stop") : t("presentation.present")}
          </button>
          <Show when={presentError()}>
            {(key) => (
              <p class="govuk-error-message" role="alert">
                <span class="govuk-visually-hidden">{t("errorMessage.prefix")}</span> {t(key())}
              </p>
            )}
          </Show>
          <p class="govuk-visually-hidden" role="status">
            {presentStatus()}
          </p>
        </div>
      </Show>
      <fieldset class="app-pdf-toolbar">
        <legend class="govuk-visually-hidden">{t("documents.viewer.toolbar")}</legend>
        <div class="app-pdf-toolbar__row">
          <button
            type="button"
            class="govuk-button govuk-button--secondary app-pdf-toolbar__button"
            aria-expanded={thumbnailsOpen() ? "true" : "false"}
            aria-controls={ids.thumbnails}
            onClick={toggleThumbnails}
          >
            {thumbnailsOpen() ? t("documents.viewer.hideThumbnails") : t("documents.viewer.showThumbnails")}
          </button>
          <div class="app-pdf-toolbar__group">
            <ToolbarButton
              label={t("documents.viewer.previousPage")}
              disabled={!isReady() || currentPage() <= 1}
              onClick={() => goToPage(currentPage() - 1)}
            />
            <form
              class="app-pdf-toolbar__page"
              novalidate
              onSubmit={(event) => {
                event.preventDefault();
                commitPageInput();
              }}
            >
              <label class="govuk-label app-pdf-toolbar__label" for={ids.pageInput}>
                {t("documents.viewer.pageInput")}
              </label>
              <input
                class="govuk-input govuk-input--width-3 app-pdf-toolbar__input"
                id={ids.pageInput}
                type="text"
                inputmode="numeric"
                autocomplete="off"
                spellcheck={false}
                aria-describedby={ids.pageCount}
                disabled={!isReady()}
                value={pageText()}
                onInput={(event) => setPageText(event.currentTarget.value)}
                onChange={commitPageInput}
              />
              <span class="govuk-body app-pdf-toolbar__text" id={ids.pageCount}>
                {pageCount() > 0 ? t("documents.viewer.pageCount", { count: pageCount() }) : ""}
              </span>
            </form>
            <ToolbarButton
              label={t("documents.viewer.nextPage")}
              disabled={!isReady() || currentPage() >= pageCount()}
              onClick={() => goToPage(currentPage() + 1)}
            />
          </div>
          <div class="app-pdf-toolbar__group">
            <ToolbarButton
              label={t("documents.viewer.zoomOut")}
              disabled={!isReady() || zoom() <= MIN_ZOOM + 0.001}
              onClick={() => changeZoom((current) => current.zoomOut())}
            />
            <span class="govuk-body app-pdf-toolbar__text app-pdf-toolbar__zoom">
              {t("documents.viewer.zoomLevel", { percent: percent() })}
            </span>
            <ToolbarButton
              label={t("documents.viewer.zoomIn")}
              disabled={!isReady() || zoom() >= MAX_ZOOM - 0.001}
              onClick={() => changeZoom((current) => current.zoomIn())}
            />
            <ToolbarButton
              label={t("documents.viewer.fitWidth")}
              disabled={!isReady()}
              onClick={() => changeZoom((current) => current.fitWidth())}
            />
          </div>
          <ToolbarButton
            label={t("documents.viewer.download")}
            disabled={download.isRunning()}
            onClick={() => void download.start(downloadUrl(props.documentId), `${props.title}.pdf`)}
          />
        </div>
        <form class="app-pdf-toolbar__row app-pdf-find" novalidate onSubmit={onFind}>
          <label class="govuk-label app-pdf-toolbar__label" for={ids.find}>
            {t("documents.viewer.find.label")}
          </label>
          <input
            class="govuk-input app-pdf-find__input"
            id={ids.find}
            type="search"
            autocomplete="off"
            spellcheck={false}
            aria-describedby={ids.findStatus}
            disabled={!isReady()}
            value={findText()}
            onInput={(event) => setFindText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && event.shiftKey) {
                event.preventDefault();
                selectMatch(-1);
              }
            }}
          />
          <button
            type="submit"
            class="govuk-button govuk-button--secondary app-pdf-toolbar__button"
            aria-disabled={isReady() ? undefined : "true"}
          >
            {t("documents.viewer.find.submit")}
          </button>
          <ToolbarButton
            label={t("documents.viewer.find.previous")}
            disabled={!hasMatches()}
            onClick={() => selectMatch(-1)}
          />
          <ToolbarButton
            label={t("documents.viewer.find.next")}
            disabled={!hasMatches()}
            onClick={() => selectMatch(1)}
          />
          <span class="govuk-body app-pdf-toolbar__text" id={ids.findStatus} role="status">
            {findStatus()}
          </span>
        </form>
      </fieldset>
      <DownloadStatus download={download} waitingText={t("download.starting")} />
      <p class="govuk-visually-hidden" aria-live="polite">
        {announcement()}
      </p>
      <Switch>
        <Match when={status() === "loading"}>
          <p class="govuk-body" role="status">
            {t("documents.viewer.loading")}
          </p>
        </Match>
        <Match when={status() === "failed"}>
          <ErrorSummary message={t("documents.viewer.failed")} />
        </Match>
      </Switch>
      <div class="app-pdf-viewer__body" classList={{ "app-pdf-viewer__body--hidden": status() === "failed" }}>
        <nav
          class="app-pdf-viewer__sidebar"
          id={ids.thumbnails}
          aria-label={t("documents.viewer.thumbnails")}
          hidden={!thumbnailsOpen()}
        >
          <ol class="app-pdf-thumbnails" ref={thumbnailList} />
        </nav>
        {/* The pages are pdf.js's: the viewer fills this region itself. */}
        <section
          class="app-pdf-viewer__pages"
          ref={pagesElement}
          tabindex="0"
          aria-label={t("documents.viewer.pages")}
        />
        <Show when={props.annotations}>
          {(annotations) => (
            <AnnotationsPanel
              detail={annotations().detail}
              documentId={props.documentId}
              me={annotations().me}
              viewer={{
                rendered,
                currentPage,
                pageCount,
                pageOfNode: (node) => viewer?.pageOfNode(node),
                pageElement: (page) => viewer?.pageElement(page),
                goToPage,
              }}
            />
          )}
        </Show>
      </div>
    </div>
  );
}

function clampPage(page: number, count: number): number {
  if (!Number.isFinite(page)) return 1;
  return Math.min(Math.max(Math.trunc(page), 1), Math.max(count, 1));
}

/**
 * A toolbar button. "Disabled" ones stay focusable (`aria-disabled`, not `disabled`), so focus is
 * not lost when, say, "Next page" reaches the last page.
 */
function ToolbarButton(props: { label: string; disabled: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      class="govuk-button govuk-button--secondary app-pdf-toolbar__button"
      aria-disabled={props.disabled ? "true" : undefined}
      onClick={() => {
        if (!props.disabled) props.onClick();
      }}
    >
      {props.label}
    </button>
  );
}
