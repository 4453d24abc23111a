import type { PDFDocumentProxy } from "pdfjs-dist";
import type { TextItem, TextMarkedContent } from "pdfjs-dist/types/src/display/api";

/** Part of a match within one text item of a page (one span of its text layer). */
export type MatchSegment = { item: number; from: number; to: number };

/** One match of a find: its page and where it is in that page's text items. */
export type FindMatch = { page: number; segments: MatchSegment[] };

/** A page's text as one string, with where each text item starts in it. */
type PageText = { text: string; starts: number[]; lengths: number[] };

function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return "str" in item;
}

/** A pattern matching the words of `query` in order, any run of spaces matching any other. */
export function findPattern(query: string): RegExp | undefined {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(escaped.join("\\s+"), "giu");
}

/**
 * Find in a document, page by page, from each page's text content: the same text items, in the
 * same order, as the text layer shows, so a match maps onto the layer's spans. Pages' texts are
 * kept, so the next find is quick.
 */
export class DocumentFinder {
  readonly #document: PDFDocumentProxy;
  readonly #texts = new Map<number, PageText>();

  constructor(document: PDFDocumentProxy) {
    this.#document = document;
  }

  async find(
    query: string,
    options: { signal: AbortSignal; onPage?: (page: number) => void },
  ): Promise<FindMatch[]> {
    const pattern = findPattern(query);
    if (!pattern) return [];
    const matches: FindMatch[] = [];
    for (let page = 1; page <= this.#document.numPages; page++) {
      if (options.signal.aborted) throw new DOMException("Find cancelled", "AbortError");
      options.onPage?.(page);
      const text = await this.#pageText(page);
      for (const found of text.text.matchAll(pattern)) {
        const start = found.index ?? 0;
        const end = start + found[0].length;
        if (end > start) matches.push({ page, segments: segmentsOf(text, start, end) });
      }
    }
    return matches;
  }

  async #pageText(page: number): Promise<PageText> {
    const known = this.#texts.get(page);
    if (known) return known;
    const proxy = await this.#document.getPage(page);
    const content = await proxy.getTextContent();
    const starts: number[] = [];
    const lengths: number[] = [];
    let text = "";
    for (const item of content.items) {
      if (!isTextItem(item)) continue;
      starts.push(text.length);
      lengths.push(item.str.length);
      text += item.str;
      // A line break between items keeps the last word of a line apart from the next one's first.
      if (item.hasEOL) text += "\n";
    }
    const pageText = { text, starts, lengths };
    this.#texts.set(page, pageText);
    return pageText;
  }
}

function segmentsOf(text: PageText, start: number, end: number): MatchSegment[] {
  const segments: MatchSegment[] = [];
  for (let item = 0; item < text.starts.length; item++) {
    const itemStart = text.starts[item] ?? 0;
    const itemEnd = itemStart + (text.lengths[item] ?? 0);
    if (itemEnd <= start) continue;
    if (itemStart >= end) break;
    const from = Math.max(start, itemStart) - itemStart;
    const to = Math.min(end, itemEnd) - itemStart;
    if (to > from) segments.push({ item, from, to });
  }
  return segments;
}
