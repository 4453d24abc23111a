import * as Y from "yjs";

/**
 * Annotations on served documents (DESIGN §3). They live in the notes docs, next to the case
 * notes' Y.Text "text": each scope doc holds a Y.Map "annotations", id → Y.Map of one annotation.
 * Coordinates are PDF user space of the annotated page, so they hold at any zoom.
 */
export const ANNOTATIONS = "annotations";

/** Narrowest first: the order decides whether a move widens who can read an annotation. */
export const SCOPES = ["private", "team", "shared"] as const;
export type Scope = (typeof SCOPES)[number];

export const KINDS = ["highlight", "area", "note", "bookmark"] as const;
export type AnnotationKind = (typeof KINDS)[number];

/** [x1, y1, x2, y2] in PDF user space. */
export type PdfRect = [number, number, number, number];

export type AnnotationComment = { text: string; at: string };

/** One annotation as plain data, read from (or to be written to) a scope doc. */
export type AnnotationData = {
  documentId: string;
  page: number;
  kind: AnnotationKind;
  quads?: PdfRect[];
  rect?: PdfRect;
  quote?: string;
  comments: AnnotationComment[];
  createdAt: string;
};

export type Annotation = AnnotationData & { id: string };

export function scopeRank(scope: Scope): number {
  return SCOPES.indexOf(scope);
}

/** Whether moving from `from` to `to` lets more people read it. */
export function isBroader(from: Scope, to: Scope): boolean {
  return scopeRank(to) > scopeRank(from);
}

/** The doc that holds a scope's annotations for the signed-in user (DESIGN §3). */
export function scopeDocName(caseId: string, scope: Scope, me: { id: string; party: string }): string {
  if (scope === "private") return `case/${caseId}/notes/private/${me.id}`;
  return `case/${caseId}/notes/${scope}/${me.party}`;
}

export function newAnnotationId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function isRect(value: unknown): value is PdfRect {
  return Array.isArray(value) && value.length === 4 && value.every((n) => typeof n === "number" && Number.isFinite(n));
}

function isComment(value: unknown): value is AnnotationComment {
  if (typeof value !== "object" || value === null) return false;
  const comment = value as Record<string, unknown>;
  return typeof comment.text === "string" && typeof comment.at === "string";
}

/** Read one annotation's Y.Map; anything malformed (another client's bug, or a hostile one) is dropped. */
export function readAnnotation(id: string, entry: unknown): Annotation | undefined {
  if (!(entry instanceof Y.Map)) return undefined;
  const documentId = entry.get("documentId");
  const page = entry.get("page");
  const kind = entry.get("kind");
  const createdAt = entry.get("createdAt");
  if (typeof documentId !== "string" || typeof createdAt !== "string") return undefined;
  if (typeof page !== "number" || !Number.isInteger(page) || page < 1) return undefined;
  if (!KINDS.includes(kind)) return undefined;
  const quads = entry.get("quads");
  const rect = entry.get("rect");
  const quote = entry.get("quote");
  const comments = entry.get("comments");
  return {
    id,
    documentId,
    page,
    kind,
    quads: Array.isArray(quads) ? quads.filter(isRect) : undefined,
    rect: isRect(rect) ? rect : undefined,
    quote: typeof quote === "string" ? quote : undefined,
    comments: comments instanceof Y.Array ? comments.toArray().filter(isComment) : [],
    createdAt,
  };
}

/** Every well-formed annotation of `documentId` in a scope doc's map, oldest first. */
export function readAnnotations(map: Y.Map<unknown>, documentId: string): Annotation[] {
  const list: Annotation[] = [];
  for (const [id, entry] of map) {
    const annotation = readAnnotation(id, entry);
    if (annotation && annotation.documentId === documentId) list.push(annotation);
  }
  return list.sort((a, b) => a.page - b.page || a.createdAt.localeCompare(b.createdAt));
}

/** A fresh Y.Map holding a copy of `data`: nothing of the source doc's history comes with it. */
function toYMap(data: AnnotationData): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entry.set("documentId", data.documentId);
  entry.set("page", data.page);
  entry.set("kind", data.kind);
  if (data.quads) entry.set("quads", data.quads.map((quad) => [...quad]));
  if (data.rect) entry.set("rect", [...data.rect]);
  if (data.quote !== undefined) entry.set("quote", data.quote);
  const comments = new Y.Array<AnnotationComment>();
  comments.push(data.comments.map((comment) => ({ text: comment.text, at: comment.at })));
  entry.set("comments", comments);
  entry.set("createdAt", data.createdAt);
  return entry;
}

export function addAnnotation(map: Y.Map<unknown>, data: AnnotationData, id = newAnnotationId()): string {
  map.set(id, toYMap(data));
  return id;
}

/** Append a comment to an annotation's thread; false if the map no longer holds it. */
export function addComment(map: Y.Map<unknown>, id: string, comment: AnnotationComment): boolean {
  const entry = map.get(id);
  if (!(entry instanceof Y.Map)) return false;
  const append = () => {
    let comments = entry.get("comments");
    if (!(comments instanceof Y.Array)) {
      comments = new Y.Array<AnnotationComment>();
      entry.set("comments", comments);
    }
    (comments as Y.Array<AnnotationComment>).push([{ text: comment.text, at: comment.at }]);
  };
  if (entry.doc) entry.doc.transact(append);
  else append();
  return true;
}

export function deleteAnnotation(map: Y.Map<unknown>, id: string): void {
  map.delete(id);
}

/**
 * Move an annotation to another scope's doc. The content is copied, as it is now, into the
 * target only at this moment (never ahead of time, so a wider doc never holds what was not
 * shared); it goes into the target first and leaves the source after, so a failure in between
 * leaves it in both places rather than in neither. Returns the id in the target, or undefined if
 * the source no longer holds it.
 */
export function moveAnnotation(source: Y.Map<unknown>, target: Y.Map<unknown>, id: string): string | undefined {
  const current = readAnnotation(id, source.get(id));
  if (!current) return undefined;
  const { id: _id, ...data } = current;
  const movedId = newAnnotationId();
  addAnnotation(target, data, movedId);
  deleteAnnotation(source, id);
  return movedId;
}

/** What a viewport converts (pdf.js's PageViewport has both). */
export type ViewportLike = {
  width: number;
  height: number;
  convertToPdfPoint(x: number, y: number): number[];
  convertToViewportPoint(x: number, y: number): number[];
};

/** A rectangle in the page box, in viewport pixels relative to the page's top left corner. */
export type BoxRect = { left: number; top: number; width: number; height: number };

/** Client rectangles of a selection (relative to the page element) to PDF rectangles. */
export function boxesToPdfRects(boxes: readonly BoxRect[], viewport: ViewportLike): PdfRect[] {
  const rects: PdfRect[] = [];
  for (const box of boxes) {
    if (box.width < 0.5 || box.height < 0.5) continue;
    const [ax = 0, ay = 0] = viewport.convertToPdfPoint(box.left, box.top);
    const [bx = 0, by = 0] = viewport.convertToPdfPoint(box.left + box.width, box.top + box.height);
    rects.push([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)]);
  }
  return rects;
}

/** A PDF rectangle as fractions of the page box (0–1), so CSS can place it at any zoom. */
export function pdfRectToFractions(rect: PdfRect, viewport: ViewportLike): BoxRect {
  const [x1 = 0, y1 = 0] = viewport.convertToViewportPoint(rect[0], rect[1]);
  const [x2 = 0, y2 = 0] = viewport.convertToViewportPoint(rect[2], rect[3]);
  const left = Math.min(x1, x2);
  const top = Math.min(y1, y2);
  return {
    left: left / viewport.width,
    top: top / viewport.height,
    width: Math.abs(x2 - x1) / viewport.width,
    height: Math.abs(y2 - y1) / viewport.height,
  };
}
