import type { PageViewport } from "pdfjs-dist/types/src/display/page_viewport";
import { type Accessor, createEffect, createSignal, createUniqueId, For, onCleanup, Show } from "solid-js";
import { formatDateTime } from "../../src/date-format.ts";
import { type AppMessageKey, t } from "../../src/i18n.ts";
import type { CaseDetail } from "../cases/case.api.ts";
import { casePartiesOf } from "../notes/notes-parties.ts";
import { createAnnotationAttribution } from "./annotation-attribution.ts";
import { drawAnnotationLayer } from "./annotation-layer.ts";
import { type AnnotationKind, type BoxRect, boxesToPdfRects, SCOPES, type Scope } from "./annotation.model.ts";
import { createAnnotationsState, type ListedAnnotation } from "./annotations.state.ts";

/** A drawn page: where its annotations go and the viewport it was drawn at. */
export type RenderedPage = { layer: HTMLElement; viewport: PageViewport };

/** What the panel needs of the viewer. */
export type AnnotationsViewer = {
  /** The drawn pages; reactive. */
  rendered: Accessor<ReadonlyMap<number, RenderedPage>>;
  currentPage: Accessor<number>;
  pageCount: Accessor<number>;
  /** The number of the page whose text layer holds a node, if any. */
  pageOfNode: (node: Node | null) => number | undefined;
  pageElement: (page: number) => HTMLElement | undefined;
  goToPage: (page: number) => void;
};

export type AnnotationsPanelProps = {
  detail: CaseDetail;
  documentId: string;
  me: { id: string; party: string; organisation: { name: string } };
  viewer: AnnotationsViewer;
};

const SCOPE_LABEL: Readonly<Record<Scope, AppMessageKey>> = {
  private: "documents.viewer.annotations.scope.private",
  team: "documents.viewer.annotations.scope.team",
  shared: "documents.viewer.annotations.scope.shared",
};
const MOVE_LABEL: Readonly<Record<Scope, AppMessageKey>> = {
  private: "documents.viewer.annotations.move.private",
  team: "documents.viewer.annotations.move.team",
  shared: "documents.viewer.annotations.move.shared",
};
const KIND_LABEL: Readonly<Record<AnnotationKind, AppMessageKey>> = {
  highlight: "documents.viewer.annotations.kind.highlight",
  area: "documents.viewer.annotations.kind.area",
  note: "documents.viewer.annotations.kind.note",
  bookmark: "documents.viewer.annotations.kind.bookmark",
};

type CapturedSelection = { page: number; range: Range; text: string };

/**
 * Annotations on a document: the tools that make them (highlight the selected text, add a note,
 * bookmark the page, in the chosen scope), which scopes are drawn on the pages, and the list of
 * every annotation the user may read, with "Go to page" and, for their own, moving it to another
 * scope.
 */
export function AnnotationsPanel(props: AnnotationsPanelProps) {
  const id = createUniqueId();
  const parties = casePartiesOf(props.detail);
  const state = createAnnotationsState({
    caseId: props.detail.id,
    documentId: props.documentId,
    me: props.me,
    parties: parties.map((party) => party.party),
  });

  const authorFromServer = createAnnotationAttribution(state);

  const [scope, setScope] = createSignal<Scope>("private");
  const [shown, setShown] = createSignal<Record<Scope, boolean>>({ private: true, team: true, shared: true });
  const [scopeFilter, setScopeFilter] = createSignal<Scope | "all">("all");
  const [pageFilter, setPageFilter] = createSignal<number | "all">("all");
  const [noteOpen, setNoteOpen] = createSignal(false);
  const [noteText, setNoteText] = createSignal("");
  const [noteError, setNoteError] = createSignal("");
  const [message, setMessage] = createSignal("");
  const [selectionError, setSelectionError] = createSignal("");
  let noteInput: HTMLTextAreaElement | undefined;

  // The last selection made inside a page's text layer, kept while the user reaches the button.
  let captured: CapturedSelection | undefined;
  const onSelectionChange = () => {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const start = props.viewer.pageOfNode(selection.anchorNode);
    const end = props.viewer.pageOfNode(selection.focusNode);
    if (start === undefined || start !== end) {
      captured = undefined;
      return;
    }
    const text = selection.toString().replace(/\s+/g, " ").trim();
    if (text) captured = { page: start, range: selection.getRangeAt(0).cloneRange(), text };
  };
  document.addEventListener("selectionchange", onSelectionChange);
  onCleanup(() => document.removeEventListener("selectionchange", onSelectionChange));

  const partyName = (party: string): string => {
    if (party === props.me.party) return props.me.organisation.name;
    const found = parties.find((candidate) => candidate.party === party);
    if (found?.kind === "defence") return found.organisationName;
    if (party === "prosecution") return props.detail.prosecutor.name;
    if (party === "court") return props.detail.court.name;
    return party;
  };
  /** "You" for a private annotation; for the others, who created it and when, as the server recorded it. */
  const authorOf = (annotation: ListedAnnotation) => {
    if (annotation.source.scope === "private") return t("documents.viewer.annotations.you");
    const author = authorFromServer()(annotation);
    if (!author) return partyName(annotation.source.party);
    return t("documents.viewer.annotations.authorAt", { name: author.name, date: formatDateTime(author.at) });
  };
  const textOf = (annotation: ListedAnnotation) => annotation.quote ?? annotation.comments[0]?.text ?? "";

  // Draw the visible scopes on every drawn page, again whenever either changes.
  createEffect(() => {
    const visible = shown();
    const byPage = new Map<number, ListedAnnotation[]>();
    for (const annotation of state.list()) {
      if (!visible[annotation.source.scope]) continue;
      const onPage = byPage.get(annotation.page) ?? [];
      onPage.push(annotation);
      byPage.set(annotation.page, onPage);
    }
    for (const [page, rendered] of props.viewer.rendered()) {
      drawAnnotationLayer(rendered.layer, rendered.viewport, byPage.get(page) ?? []);
    }
  });

  const listed = () =>
    state.list().filter((annotation) => {
      const filter = scopeFilter();
      const page = pageFilter();
      return (filter === "all" || annotation.source.scope === filter) && (page === "all" || annotation.page === page);
    });
  const pagesWithAnnotations = () => [...new Set(state.list().map((annotation) => annotation.page))].sort((a, b) => a - b);

  const now = () => new Date().toISOString();

  const highlight = () => {
    setSelectionError("");
    const selection = captured;
    const rendered = selection ? props.viewer.rendered().get(selection.page) : undefined;
    const pageElement = selection ? props.viewer.pageElement(selection.page) : undefined;
    if (!selection || !rendered || !pageElement) {
      setSelectionError(t("documents.viewer.annotations.errors.noSelection"));
      return;
    }
    const origin = pageElement.getBoundingClientRect();
    const boxes: BoxRect[] = Array.from(selection.range.getClientRects(), (rect) => ({
      left: rect.left - origin.left,
      top: rect.top - origin.top,
      width: rect.width,
      height: rect.height,
    }));
    const quads = boxesToPdfRects(boxes, rendered.viewport);
    if (quads.length === 0) {
      setSelectionError(t("documents.viewer.annotations.errors.noSelection"));
      return;
    }
    state.add(scope(), {
      documentId: props.documentId,
      page: selection.page,
      kind: "highlight",
      quads,
      quote: selection.text,
      comments: [],
      createdAt: now(),
    });
    captured = undefined;
    document.getSelection()?.removeAllRanges();
    setMessage(t("documents.viewer.annotations.added.highlight", { page: selection.page }));
  };

  const saveNote = (event: SubmitEvent) => {
    event.preventDefault();
    const text = noteText().trim();
    if (!text) {
      setNoteError(t("documents.viewer.annotations.errors.noteRequired"));
      noteInput?.focus();
      return;
    }
    if (text.length > 2000) {
      setNoteError(t("documents.viewer.annotations.errors.noteTooLong", { max: 2000 }));
      noteInput?.focus();
      return;
    }
    const page = props.viewer.currentPage();
    state.add(scope(), {
      documentId: props.documentId,
      page,
      kind: "note",
      comments: [{ text, at: now() }],
      createdAt: now(),
    });
    setNoteText("");
    setNoteError("");
    setNoteOpen(false);
    setMessage(t("documents.viewer.annotations.added.note", { page }));
  };

  const bookmark = () => {
    const page = props.viewer.currentPage();
    state.add(scope(), { documentId: props.documentId, page, kind: "bookmark", comments: [], createdAt: now() });
    setMessage(t("documents.viewer.annotations.added.bookmark", { page }));
  };

  const move = (annotation: ListedAnnotation, to: Scope) => {
    state.move(annotation, to);
    setMessage(t("documents.viewer.annotations.moved", { scope: t(SCOPE_LABEL[to]) }));
  };

  const saved = () => state.sources.every((source) => !source.own || source.collab.status() === "saved");

  return (
    <aside
      class="app-annotations"
      aria-labelledby={`${id}-heading`}
      data-saved={saved() ? "true" : "false"}
    >
      <h2 class="govuk-heading-s" id={`${id}-heading`}>
        {t("documents.viewer.annotations.heading")}
      </h2>
      <p class="govuk-visually-hidden" role="status">
        {message()}
      </p>
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
            {t("documents.viewer.annotations.scopeLegend")}
          </legend>
          <div class="govuk-radios govuk-radios--small">
            <For each={SCOPES}>
              {(value) => (
                <div class="govuk-radios__item">
                  <input
                    class="govuk-radios__input"
                    id={`${id}-scope-${value}`}
                    name={`${id}-scope`}
                    type="radio"
                    value={value}
                    checked={scope() === value}
                    onChange={() => setScope(value)}
                  />
                  <label class="govuk-label govuk-radios__label" for={`${id}-scope-${value}`}>
                    {t(SCOPE_LABEL[value])}
                  </label>
                </div>
              )}
            </For>
          </div>
        </fieldset>
      </div>
      <div class="app-annotations__tools">
        <Show when={selectionError()}>
          <p class="govuk-error-message">
            <span class="govuk-visually-hidden">{t("documents.viewer.annotations.errorPrefix")}</span>{" "}
            {selectionError()}
          </p>
        </Show>
        <button type="button" class="govuk-button govuk-button--secondary app-annotations__button" onClick={highlight}>
          {t("documents.viewer.annotations.highlight")}
        </button>
        <button
          type="button"
          class="govuk-button govuk-button--secondary app-annotations__button"
          aria-expanded={noteOpen() ? "true" : "false"}
          aria-controls={`${id}-note-form`}
          onClick={() => {
            setNoteOpen(!noteOpen());
            if (noteOpen()) queueMicrotask(() => noteInput?.focus());
          }}
        >
          {t("documents.viewer.annotations.addNote")}
        </button>
        <button type="button" class="govuk-button govuk-button--secondary app-annotations__button" onClick={bookmark}>
          {t("documents.viewer.annotations.bookmark")}
        </button>
      </div>
      <form id={`${id}-note-form`} novalidate hidden={!noteOpen()} onSubmit={saveNote}>
        <div class="govuk-form-group" classList={{ "govuk-form-group--error": noteError() !== "" }}>
          <label class="govuk-label" for={`${id}-note`}>
            {t("documents.viewer.annotations.noteLabel", { page: props.viewer.currentPage() })}
          </label>
          <Show when={noteError()}>
            <p class="govuk-error-message" id={`${id}-note-error`}>
              <span class="govuk-visually-hidden">{t("documents.viewer.annotations.errorPrefix")}</span> {noteError()}
            </p>
          </Show>
          <textarea
            class="govuk-textarea"
            classList={{ "govuk-textarea--error": noteError() !== "" }}
            id={`${id}-note`}
            name="note"
            rows="3"
            aria-describedby={noteError() ? `${id}-note-error` : undefined}
            value={noteText()}
            onInput={(event) => setNoteText(event.currentTarget.value)}
            ref={noteInput}
          />
        </div>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button app-annotations__button">
            {t("documents.viewer.annotations.saveNote")}
          </button>
          <button
            type="button"
            class="govuk-button govuk-button--secondary app-annotations__button"
            onClick={() => {
              setNoteOpen(false);
              setNoteError("");
            }}
          >
            {t("documents.viewer.annotations.cancel")}
          </button>
        </div>
      </form>
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
            {t("documents.viewer.annotations.showLegend")}
          </legend>
          <div class="govuk-checkboxes govuk-checkboxes--small">
            <For each={SCOPES}>
              {(value) => (
                <div class="govuk-checkboxes__item">
                  <input
                    class="govuk-checkboxes__input"
                    id={`${id}-show-${value}`}
                    type="checkbox"
                    checked={shown()[value]}
                    onChange={(event) => setShown({ ...shown(), [value]: event.currentTarget.checked })}
                  />
                  <label class="govuk-label govuk-checkboxes__label" for={`${id}-show-${value}`}>
                    {t(SCOPE_LABEL[value])}
                  </label>
                </div>
              )}
            </For>
          </div>
        </fieldset>
      </div>
      <div class="govuk-form-group app-annotations__filters">
        <label class="govuk-label" for={`${id}-filter-scope`}>
          {t("documents.viewer.annotations.filterScope")}
        </label>
        <select
          class="govuk-select"
          id={`${id}-filter-scope`}
          onChange={(event) => setScopeFilter(event.currentTarget.value as Scope | "all")}
        >
          <option value="all" selected={scopeFilter() === "all"}>
            {t("documents.viewer.annotations.allScopes")}
          </option>
          <For each={SCOPES}>
            {(value) => (
              <option value={value} selected={scopeFilter() === value}>
                {t(SCOPE_LABEL[value])}
              </option>
            )}
          </For>
        </select>
        <label class="govuk-label" for={`${id}-filter-page`}>
          {t("documents.viewer.annotations.filterPage")}
        </label>
        <select
          class="govuk-select"
          id={`${id}-filter-page`}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setPageFilter(value === "all" ? "all" : Number(value));
          }}
        >
          <option value="all" selected={pageFilter() === "all"}>
            {t("documents.viewer.annotations.allPages")}
          </option>
          <For each={pagesWithAnnotations()}>
            {(page) => (
              <option value={String(page)} selected={pageFilter() === page}>
                {t("documents.viewer.page", { page })}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show
        when={listed().length > 0}
        fallback={<p class="govuk-body-s">{t("documents.viewer.annotations.none")}</p>}
      >
        <ul class="govuk-list app-annotations__list" aria-label={t("documents.viewer.annotations.listLabel")}>
          <For each={listed()}>
            {(annotation) => {
              const what = () =>
                t("documents.viewer.annotations.itemContext", {
                  kind: t(KIND_LABEL[annotation.kind]),
                  page: annotation.page,
                });
              return (
                <li class={`app-annotations__item app-annotations__item--${annotation.source.scope}`}>
                  <p class="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{what()}</p>
                  <Show when={textOf(annotation)}>
                    <p class="govuk-body-s govuk-!-margin-bottom-1 app-annotations__text">{textOf(annotation)}</p>
                  </Show>
                  <p class="govuk-body-s app-secondary-text govuk-!-margin-bottom-1">
                    {t("documents.viewer.annotations.meta", {
                      scope: t(SCOPE_LABEL[annotation.source.scope]),
                      author: authorOf(annotation),
                    })}
                  </p>
                  <div class="app-annotations__actions">
                    <button
                      type="button"
                      class="govuk-button govuk-button--secondary app-annotations__button"
                      onClick={() => props.viewer.goToPage(annotation.page)}
                    >
                      {t("documents.viewer.annotations.goToPage", { page: annotation.page })}
                      <span class="govuk-visually-hidden"> ({what()})</span>
                    </button>
                    <Show when={annotation.source.own}>
                      <For each={SCOPES.filter((value) => value !== annotation.source.scope)}>
                        {(to) => (
                          <button
                            type="button"
                            class="govuk-button govuk-button--secondary app-annotations__button"
                            onClick={() => move(annotation, to)}
                          >
                            {t(MOVE_LABEL[to])}
                            <span class="govuk-visually-hidden"> ({what()})</span>
                          </button>
                        )}
                      </For>
                    </Show>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </aside>
  );
}
