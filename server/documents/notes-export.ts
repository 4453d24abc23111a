import type { i18n } from "i18next";
import type { PDFFont } from "pdf-lib";
import * as Y from "yjs";
import { drawableText, embedTextFonts, loadPdfLib, wrapText } from "./pdf-fonts.ts";

/** One annotation as read from a notes doc (the client's model: Y.Map "annotations"). */
export type ExportedAnnotation = {
  scope: "private" | "team" | "shared";
  party: string;
  kind: string;
  page: number;
  quads: number[][];
  rect: number[] | null;
  quote: string;
  text: string;
  comments: string[];
};

const numbers = (value: unknown): number[] | null =>
  Array.isArray(value) && value.length === 4 && value.every((n) => typeof n === "number" && Number.isFinite(n)) ? (value as number[]) : null;

/** The annotations on `documentId` held in one notes doc. Anything malformed is skipped. */
export function annotationsIn(doc: Y.Doc, documentId: string, scope: ExportedAnnotation["scope"], party: string): ExportedAnnotation[] {
  const out: ExportedAnnotation[] = [];
  doc.getMap<unknown>("annotations").forEach((value) => {
    if (!(value instanceof Y.Map)) return;
    const map = value as Y.Map<unknown>;
    if (map.get("documentId") !== documentId) return;
    const page = Number(map.get("page"));
    if (!Number.isInteger(page) || page < 1) return;
    const quads = (Array.isArray(map.get("quads")) ? (map.get("quads") as unknown[]) : []).map(numbers).filter((q): q is number[] => q !== null);
    const comments = map.get("comments");
    const asText = (v: unknown) => (v instanceof Y.Text ? v.toString() : typeof v === "string" ? v : "");
    out.push({
      scope,
      party,
      kind: String(map.get("kind") ?? "note"),
      page,
      quads,
      rect: numbers(map.get("rect")),
      quote: asText(map.get("quote")),
      text: asText(map.get("text")),
      comments:
        comments instanceof Y.Array
          ? comments.toArray().map((c) => (c instanceof Y.Map ? asText(c.get("text")) : typeof c === "object" && c ? asText((c as { text?: unknown }).text) : asText(c)))
          : [],
    });
  });
  return out.sort((a, b) => a.page - b.page);
}

/**
 * "My notes" on a document as a PDF: its pages with the caller's readable annotations drawn on
 * them (highlights, areas, numbered notes), then an index of the notes.
 */
export async function notesPdf(options: { source: Uint8Array; annotations: ExportedAnnotation[]; i18n: i18n; title: string }): Promise<Uint8Array> {
  const { annotations, i18n } = options;
  const t = (key: string, values?: Record<string, string | number>) => i18n.t(key, values);
  const { PDFDocument, rgb } = await loadPdfLib();
  const out = await PDFDocument.create();
  const { regular: font, bold } = await embedTextFonts(out);
  const source = await PDFDocument.load(options.source, { updateMetadata: false });
  const pages = await out.copyPages(source, source.getPageIndices());
  const colour = { private: rgb(1, 0.87, 0.2), team: rgb(0.5, 0.8, 1), shared: rgb(0.55, 0.9, 0.55) } as const;
  annotations.forEach((a, i) => {
    const page = pages[a.page - 1];
    if (!page) return;
    for (const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] of a.quads) {
      page.drawRectangle({ x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1), color: colour[a.scope], opacity: 0.4 });
    }
    if (a.rect) {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = a.rect;
      page.drawRectangle({ x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1), borderColor: colour[a.scope], borderWidth: 2 });
    }
    const { height } = page.getSize();
    page.drawText(`[${i + 1}]`, { x: 8 + (i % 10) * 22, y: height - 14, size: 9, font: bold, color: rgb(0.6, 0, 0) });
  });
  for (const page of pages) out.addPage(page);
  let index = out.addPage([595.28, 841.89]);
  let y = 790;
  /** `text` on the index, wrapped to the page width, on as many lines and pages as it takes. */
  const write = (text: string, f: PDFFont, size: number, leading: number) => {
    for (const line of wrapText(drawableText(text, f), f, size, 595.28 - 112)) {
      if (y < 60) {
        index = out.addPage([595.28, 841.89]);
        y = 790;
      }
      index.drawText(line, { x: 56, y, size, font: f });
      y -= leading;
    }
  };
  write(t("notesExport:title", { title: options.title }), bold, 16, 20);
  y -= 8;
  annotations.forEach((a, i) => {
    const lines = [
      t("notesExport:entry", { n: i + 1, page: a.page, scope: t(`notesExport:scopes.${a.scope}`), kind: a.kind }),
      ...(a.quote ? [`"${a.quote}"`] : []),
      ...(a.text ? [a.text] : []),
      ...a.comments.map((c) => `- ${c}`),
    ];
    for (const line of lines) write(line, font, 10, 14);
    y -= 6;
  });
  if (annotations.length === 0) write(t("notesExport:none"), font, 11, 14);
  return out.save();
}
