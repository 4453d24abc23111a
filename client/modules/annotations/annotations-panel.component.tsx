import { courtName } from "../cases/case-labels.component.tsx";
import type { PageViewport } from "pdfjs-dist/types/src/display/page_viewport";
import { type Accessor, createEffect, createMemo, createSignal, createUniqueId, For, onCleanup, Show } from "solid-js";
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

type Point = { x: number; y: number };

/** A box being dragged out on a page. */
type Drag = { page: number; element: HTMLElement; start: Point; preview: HTMLDivElement; pointerId: number };

const MAX_TEXT = 2000;
/** Smaller than this (in pixels, either way) is a click, not a box. */
const MIN_BOX = 4;

const keyOf = (annotation: ListedAnnotation) => `${annotation.source.docName}|${annotation.id}`;

function boxBetween(a: Point, b: Point): BoxRect {
  return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}

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
  /** The parties whose shared annotations are hidden, on the pages and in the list. */
  const [hiddenParties, setHiddenParties] = createSignal<ReadonlySet<string>>(new Set());
  /** "all", "you" (the user's private annotations), or `author:` and a name as the server recorded it. */
  const [authorFilter, setAuthorFilter] = createSignal<string>("all");
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
    if (party === "court") return courtName(props.detail.court);
    return party;
  };
  /** A party's name for its shared-annotations toggle: "Prosecution", "Court", or the defence firm. */
  const partyLabel = (party: string): string => {
    if (party === "prosecution") return t("documents.viewer.annotations.party.prosecution");
    if (party === "court") return t("documents.viewer.annotations.party.court");
    if (party === props.me.party) return props.me.organisation.name;
    const found = parties.find((candidate) => candidate.party === party);
    return found?.kind === "defence" ? found.organisationName : party;
  };
  /** The parties whose shared doc is open, in the order of the case's parties. */
  const sharedParties = state.sources.filter((source) => source.scope === "shared").map((source) => source.party);
  const partyShown = (annotation: ListedAnnotation) =>
    annotation.source.scope !== "shared" || !hiddenParties().has(annotation.source.party);
  const toggleParty = (party: string, on: boolean) => {
    const next = new Set(hiddenParties());
    if (on) next.delete(party);
    else next.add(party);
    setHiddenParties(next);
  };
  /** The names of the authors the server has recorded, sorted. */
  const authorNames = createMemo(() => {
    const authorOfAnnotation = authorFromServer();
    const names = new Set<string>();
    for (const annotation of state.list()) {
      const author = authorOfAnnotation(annotation);
      if (author) names.add(author.name);
    }
    return [...names].sort((a, b) => a.localeCompare(b));
  });
  const authorMatches = (annotation: ListedAnnotation) => {
    const filter = authorFilter();
    if (filter === "all") return true;
    if (filter === "you") return annotation.source.scope === "private";
    const author = authorFromServer()(annotation);
    return author !== undefined && `author:${author.name}` === filter;
  };
  /** "You" for a private annotation; for the others, who created it and when, as the server recorded it. */
  const authorOf = (annotation: ListedAnnotation) => {
    if (annotation.source.scope === "private") return t("documents.viewer.annotations.you");
    const author = authorFromServer()(annotation);
    if (!author) return partyName(annotation.source.party);
    return t("documents.viewer.annotations.authorAt", { name: author.name, date: formatDateTime(author.at) });
  };
  /** The quote of a highlight, or the text of a note (its first comment). */
  const textOf = (annotation: ListedAnnotation) =>
    annotation.quote ?? (annotation.kind === "note" ? annotation.comments[0]?.text : undefined) ?? "";
  /** The replies: every comment but the one that is a note's text. */
  const threadOf = (annotation: ListedAnnotation) =>
    annotation.kind === "note" ? annotation.comments.slice(1) : annotation.comments;

  // Draw the visible scopes on every drawn page, again whenever either changes.
  createEffect(() => {
    const visible = shown();
    const byPage = new Map<number, ListedAnnotation[]>();
    for (const annotation of state.list()) {
      if (!visible[annotation.source.scope] || !partyShown(annotation)) continue;
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
      return (
        (filter === "all" || annotation.source.scope === filter) &&
        (page === "all" || annotation.page === page) &&
        partyShown(annotation) &&
        authorMatches(annotation)
      );
    });
  // Items are keyed by doc and id, so one stays (and keeps a reply being typed) as the list changes.
  const listedByKey = createMemo(() => new Map(listed().map((annotation) => [keyOf(annotation), annotation])));
  const listedKeys = () => listed().map(keyOf);
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

  // Draw a box: once armed, the next drag on a drawn page makes an area annotation there.
  const [drawing, setDrawing] = createSignal(false);
  let drawButton: HTMLButtonElement | undefined;
  let drag: Drag | undefined;

  const pageAt = (target: EventTarget | null) => {
    if (!(target instanceof Node)) return undefined;
    for (const [page, rendered] of props.viewer.rendered()) {
      const element = props.viewer.pageElement(page);
      if (element?.contains(target)) return { page, element, rendered };
    }
    return undefined;
  };
  const pointIn = (element: HTMLElement, event: PointerEvent): Point => {
    const origin = element.getBoundingClientRect();
    return {
      x: Math.min(Math.max(event.clientX - origin.left, 0), origin.width),
      y: Math.min(Math.max(event.clientY - origin.top, 0), origin.height),
    };
  };
  const placePreview = (current: Drag, end: Point) => {
    const origin = current.element.getBoundingClientRect();
    if (origin.width === 0 || origin.height === 0) return;
    const box = boxBetween(current.start, end);
    current.preview.style.setProperty("--annotation-left", String(box.left / origin.width));
    current.preview.style.setProperty("--annotation-top", String(box.top / origin.height));
    current.preview.style.setProperty("--annotation-width", String(box.width / origin.width));
    current.preview.style.setProperty("--annotation-height", String(box.height / origin.height));
  };
  const stopDrawing = () => {
    drag?.preview.remove();
    drag = undefined;
    setDrawing(false);
  };
  const onPointerDown = (event: PointerEvent) => {
    if (!drawing() || drag || event.button !== 0) return;
    const hit = pageAt(event.target);
    if (!hit) return;
    event.preventDefault();
    document.getSelection()?.removeAllRanges();
    const preview = document.createElement("div");
    preview.className = `app-annotation app-annotation--area app-annotation--${scope()}`;
    preview.setAttribute("aria-hidden", "true");
    hit.element.append(preview);
    drag = { page: hit.page, element: hit.element, start: pointIn(hit.element, event), preview, pointerId: event.pointerId };
    placePreview(drag, drag.start);
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    event.preventDefault();
    placePreview(drag, pointIn(drag.element, event));
  };
  const onPointerUp = (event: PointerEvent) => {
    const current = drag;
    if (!current || event.pointerId !== current.pointerId) return;
    event.preventDefault();
    const box = boxBetween(current.start, pointIn(current.element, event));
    current.preview.remove();
    drag = undefined;
    // A click is not a box: stay armed for a drag.
    if (box.width < MIN_BOX || box.height < MIN_BOX) return;
    const rendered = props.viewer.rendered().get(current.page);
    const [rect] = rendered ? boxesToPdfRects([box], rendered.viewport) : [];
    if (!rect) return;
    state.add(scope(), {
      documentId: props.documentId,
      page: current.page,
      kind: "area",
      rect,
      comments: [],
      createdAt: now(),
    });
    setDrawing(false);
    document.getSelection()?.removeAllRanges();
    setMessage(t("documents.viewer.annotations.added.area", { page: current.page }));
  };
  const onPointerCancel = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag.preview.remove();
    drag = undefined;
  };
  // No text selection while a box is dragged out.
  const onSelectStart = (event: Event) => {
    if (drag) event.preventDefault();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!drawing() || event.key !== "Escape") return;
    event.preventDefault();
    stopDrawing();
    setMessage(t("documents.viewer.annotations.drawBoxCancelled"));
    drawButton?.focus();
  };
  document.addEventListener("pointerdown", onPointerDown, true);
  document.addEventListener("pointermove", onPointerMove, true);
  document.addEventListener("pointerup", onPointerUp, true);
  document.addEventListener("pointercancel", onPointerCancel, true);
  document.addEventListener("selectstart", onSelectStart, true);
  document.addEventListener("keydown", onKeyDown);
  onCleanup(() => {
    document.removeEventListener("pointerdown", onPointerDown, true);
    document.removeEventListener("pointermove", onPointerMove, true);
    document.removeEventListener("pointerup", onPointerUp, true);
    document.removeEventListener("pointercancel", onPointerCancel, true);
    document.removeEventListener("selectstart", onSelectStart, true);
    document.removeEventListener("keydown", onKeyDown);
    drag?.preview.remove();
  });

  // Replies: what is being typed and the error, per annotation, kept across redraws of the list.
  const [replyDrafts, setReplyDrafts] = createSignal<ReadonlyMap<string, string>>(new Map());
  const [replyErrors, setReplyErrors] = createSignal<ReadonlyMap<string, string>>(new Map());
  const withEntry = (map: ReadonlyMap<string, string>, key: string, value: string) => {
    const next = new Map(map);
    if (value) next.set(key, value);
    else next.delete(key);
    return next;
  };
  const sendReply = (annotation: ListedAnnotation, event: SubmitEvent, input: HTMLTextAreaElement | undefined) => {
    event.preventDefault();
    const key = keyOf(annotation);
    const text = (replyDrafts().get(key) ?? "").trim();
    const error = !text
      ? t("documents.viewer.annotations.errors.replyRequired")
      : text.length > MAX_TEXT
        ? t("documents.viewer.annotations.errors.replyTooLong", { max: MAX_TEXT })
        : "";
    setReplyErrors(withEntry(replyErrors(), key, error));
    if (error) {
      input?.focus();
      return;
    }
    if (!state.reply(annotation, text)) return;
    setReplyDrafts(withEntry(replyDrafts(), key, ""));
    setMessage(t("documents.viewer.annotations.replied"));
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
        <button
          type="button"
          class="govuk-button govuk-button--secondary app-annotations__button"
          aria-pressed={drawing() ? "true" : "false"}
          aria-describedby={`${id}-draw-hint`}
          ref={drawButton}
          onClick={() => {
            if (drawing()) {
              stopDrawing();
              setMessage(t("documents.viewer.annotations.drawBoxCancelled"));
              return;
            }
            setDrawing(true);
            setMessage(t("documents.viewer.annotations.drawBoxArmed"));
          }}
        >
          {t("documents.viewer.annotations.drawBox")}
        </button>
        <p class="govuk-hint govuk-!-font-size-16" id={`${id}-draw-hint`}>
          {drawing() ? t("documents.viewer.annotations.drawBoxArmed") : t("documents.viewer.annotations.drawBoxHint")}
        </p>
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
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
            {t("documents.viewer.annotations.partiesLegend")}
          </legend>
          <div class="govuk-checkboxes govuk-checkboxes--small">
            <For each={sharedParties}>
              {(party) => {
                const inputId = `${id}-party-${party}`.replace(/[^\w-]/g, "-");
                return (
                  <div class="govuk-checkboxes__item">
                    <input
                      class="govuk-checkboxes__input"
                      id={inputId}
                      type="checkbox"
                      checked={!hiddenParties().has(party)}
                      onChange={(event) => toggleParty(party, event.currentTarget.checked)}
                    />
                    <label class="govuk-label govuk-checkboxes__label" for={inputId}>
                      {partyLabel(party)}
                    </label>
                  </div>
                );
              }}
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
        <label class="govuk-label" for={`${id}-filter-author`}>
          {t("documents.viewer.annotations.filterAuthor")}
        </label>
        <select class="govuk-select" id={`${id}-filter-author`} onChange={(event) => setAuthorFilter(event.currentTarget.value)}>
          <option value="all" selected={authorFilter() === "all"}>
            {t("documents.viewer.annotations.allAuthors")}
          </option>
          <option value="you" selected={authorFilter() === "you"}>
            {t("documents.viewer.annotations.you")}
          </option>
          <For each={authorNames()}>
            {(name) => (
              <option value={`author:${name}`} selected={authorFilter() === `author:${name}`}>
                {name}
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
          <For each={listedKeys()}>
            {(key) => (
              <Show when={listedByKey().get(key)}>
                {(item) => {
                  const what = () =>
                    t("documents.viewer.annotations.itemContext", {
                      kind: t(KIND_LABEL[item().kind]),
                      page: item().page,
                    });
                  let replyInput: HTMLTextAreaElement | undefined;
                  const replyId = `${id}-reply-${item().source.scope}-${item().source.party}-${item().id}`.replace(/[^\w-]/g, "-");
                  const replyError = () => replyErrors().get(key) ?? "";
                  return (
                    <li class={`app-annotations__item app-annotations__item--${item().source.scope}`}>
                      <p class="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{what()}</p>
                      <Show when={textOf(item())}>
                        <p class="govuk-body-s govuk-!-margin-bottom-1 app-annotations__text">{textOf(item())}</p>
                      </Show>
                      <p class="govuk-body-s app-secondary-text govuk-!-margin-bottom-1">
                        {t("documents.viewer.annotations.meta", {
                          scope: t(SCOPE_LABEL[item().source.scope]),
                          author: authorOf(item()),
                        })}
                      </p>
                      <Show when={threadOf(item()).length > 0}>
                        <ul
                          class="govuk-list govuk-body-s govuk-!-margin-bottom-1 app-annotations__thread"
                          aria-label={`${t("documents.viewer.annotations.repliesLabel")} (${what()})`}
                        >
                          <For each={threadOf(item())}>
                            {(comment) => (
                              <li class="govuk-!-margin-bottom-1">
                                <span class="app-annotations__text">{comment.text}</span>{" "}
                                <span class="app-secondary-text">
                                  <time datetime={comment.at}>{formatDateTime(comment.at)}</time>
                                </span>
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                      <div class="app-annotations__actions">
                        <button
                          type="button"
                          class="govuk-button govuk-button--secondary app-annotations__button"
                          onClick={() => props.viewer.goToPage(item().page)}
                        >
                          {t("documents.viewer.annotations.goToPage", { page: item().page })}
                          <span class="govuk-visually-hidden"> ({what()})</span>
                        </button>
                        <Show when={item().source.own}>
                          <For each={SCOPES.filter((value) => value !== item().source.scope)}>
                            {(to) => (
                              <button
                                type="button"
                                class="govuk-button govuk-button--secondary app-annotations__button"
                                onClick={() => move(item(), to)}
                              >
                                {t(MOVE_LABEL[to])}
                                <span class="govuk-visually-hidden"> ({what()})</span>
                              </button>
                            )}
                          </For>
                        </Show>
                      </div>
                      <Show when={item().source.own}>
                        <details class="govuk-details govuk-!-margin-bottom-1 app-annotations__reply">
                          <summary class="govuk-details__summary">
                            <span class="govuk-details__summary-text">
                              {t("documents.viewer.annotations.reply")}
                              <span class="govuk-visually-hidden"> ({what()})</span>
                            </span>
                          </summary>
                          <form class="govuk-details__text" novalidate onSubmit={(event) => sendReply(item(), event, replyInput)}>
                            <div class="govuk-form-group" classList={{ "govuk-form-group--error": replyError() !== "" }}>
                              <label class="govuk-label govuk-label--s" for={replyId}>
                                {t("documents.viewer.annotations.replyLabel")}
                              </label>
                              <Show when={replyError()}>
                                <p class="govuk-error-message" id={`${replyId}-error`}>
                                  <span class="govuk-visually-hidden">{t("documents.viewer.annotations.errorPrefix")}</span>{" "}
                                  {replyError()}
                                </p>
                              </Show>
                              <textarea
                                class="govuk-textarea"
                                classList={{ "govuk-textarea--error": replyError() !== "" }}
                                id={replyId}
                                name="reply"
                                rows="2"
                                aria-describedby={replyError() ? `${replyId}-error` : undefined}
                                value={replyDrafts().get(key) ?? ""}
                                onInput={(event) => setReplyDrafts(withEntry(replyDrafts(), key, event.currentTarget.value))}
                                ref={replyInput}
                              />
                            </div>
                            <button type="submit" class="govuk-button govuk-button--secondary app-annotations__button">
                              {t("documents.viewer.annotations.addReply")}
                              <span class="govuk-visually-hidden"> ({what()})</span>
                            </button>
                          </form>
                        </details>
                      </Show>
                    </li>
                  );
                }}
              </Show>
            )}
          </For>
        </ul>
      </Show>
    </aside>
  );
}
