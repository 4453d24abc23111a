import { type BoxRect, type PdfRect, pdfRectToFractions, type ViewportLike } from "./annotation.model.ts";
import type { ListedAnnotation } from "./annotations.state.ts";

/** Place a box with CSS variables (fractions of the page), which our style-src policy allows. */
function place(element: HTMLElement, box: BoxRect): void {
  element.style.setProperty("--annotation-left", String(box.left));
  element.style.setProperty("--annotation-top", String(box.top));
  element.style.setProperty("--annotation-width", String(box.width));
  element.style.setProperty("--annotation-height", String(box.height));
}

function box(kindClass: string, scope: string, rect: PdfRect, viewport: ViewportLike): HTMLDivElement {
  const element = document.createElement("div");
  element.className = `app-annotation ${kindClass} app-annotation--${scope}`;
  place(element, pdfRectToFractions(rect, viewport));
  return element;
}

/** The User Timing measure of one page's draw (detail: page, annotations, nodes), for `npm run bench`. */
export const DRAW_MEASURE = "annotation-layer:draw";

/**
 * Draw one page's annotations into its layer: highlights and areas where they are on the page,
 * notes and bookmarks as markers down its right edge. Decorative (`aria-hidden`): the panel
 * beside the pages lists the same annotations as text.
 */
export function drawAnnotationLayer(
  layer: HTMLElement,
  viewport: ViewportLike,
  annotations: readonly ListedAnnotation[],
): void {
  const start = performance.now();
  layer.setAttribute("aria-hidden", "true");
  const nodes: HTMLElement[] = [];
  let marker = 0;
  for (const annotation of annotations) {
    const scope = annotation.source.scope;
    if (annotation.kind === "highlight") {
      for (const quad of annotation.quads ?? []) nodes.push(box("app-annotation--highlight", scope, quad, viewport));
    } else if (annotation.kind === "area" && annotation.rect) {
      nodes.push(box("app-annotation--area", scope, annotation.rect, viewport));
    } else if (annotation.kind === "note" || annotation.kind === "bookmark") {
      const element = document.createElement("div");
      element.className = `app-annotation-marker app-annotation-marker--${annotation.kind} app-annotation--${scope}`;
      element.style.setProperty("--annotation-index", String(marker));
      marker += 1;
      nodes.push(element);
    }
  }
  layer.replaceChildren(...nodes);
  const page = Number(layer.parentElement?.dataset.pageNumber ?? annotations[0]?.page);
  performance.measure(DRAW_MEASURE, { start, end: performance.now(), detail: { page, annotations: annotations.length, nodes: nodes.length } });
}
