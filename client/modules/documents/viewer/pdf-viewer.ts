import {
  AnnotationMode,
  type PDFDocumentProxy,
  type PDFPageProxy,
  PixelsPerInch,
  RenderingCancelledException,
  type RenderTask,
  TextLayer,
} from "pdfjs-dist";
import type { PageViewport } from "pdfjs-dist/types/src/display/page_viewport";
import type { FindMatch } from "./find.ts";

/** CSS pixels per PDF unit at 100%: a PDF point is 1/72 inch, a CSS pixel 1/96. */
const PDF_TO_CSS = PixelsPerInch.PDF_TO_CSS_UNITS;

/** The zoom levels "Zoom in" and "Zoom out" step through (1 is 100%). */
export const ZOOM_STEPS: readonly number[] = [
  0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4,
];
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;
/** Fitting the width never opens a document larger than this. */
const MAX_FIT_ZOOM = 2;

/** Largest canvas drawn for a page, in device pixels: beyond it pages render less sharply. */
const MAX_CANVAS_PIXELS = 16_777_216;
/** Width of a thumbnail, in CSS pixels (the stylesheet's `.app-pdf-thumbnail__image`). */
const THUMBNAIL_WIDTH = 96;
/** Space around the pages in the scrolling region, in CSS pixels (the stylesheet's padding). */
const PAGES_PADDING_X = 16;
/** Renders running at once: the nearest pages first, then thumbnails. */
const MAX_CONCURRENT_RENDERS = 2;

/** A page's size in PDF units as shown (after its rotation), and its user unit. */
type PageDims = { width: number; height: number; rawWidth: number; rawHeight: number; userUnit: number };

function dimsOf(page: PDFPageProxy): PageDims {
  const [x1 = 0, y1 = 0, x2 = 612, y2 = 792] = page.view;
  const rawWidth = x2 - x1;
  const rawHeight = y2 - y1;
  const turned = page.rotate % 180 !== 0;
  return {
    width: turned ? rawHeight : rawWidth,
    height: turned ? rawWidth : rawHeight,
    rawWidth,
    rawHeight,
    userUnit: page.userUnit,
  };
}

/**
 * Give an element a page's proportions through CSS custom properties (set through the CSSOM,
 * which our `style-src 'self'` policy allows); the stylesheet turns them into its size.
 */
function applyDims(element: HTMLElement, dims: PageDims): void {
  element.style.setProperty("--page-width", String(dims.width));
  element.style.setProperty("--page-height", String(dims.height));
  element.style.setProperty("--user-unit", String(dims.userUnit));
}

/** Device pixels per CSS pixel for a canvas of this size, kept under the canvas budget. */
function outputScale(viewport: PageViewport): number {
  const ratio = window.devicePixelRatio || 1;
  const area = viewport.width * viewport.height;
  if (area * ratio * ratio <= MAX_CANVAS_PIXELS) return ratio;
  return Math.sqrt(MAX_CANVAS_PIXELS / area);
}

/** Start drawing a page into a new canvas at `scale` device pixels per CSS pixel. */
function renderToCanvas(proxy: PDFPageProxy, viewport: PageViewport, scale: number) {
  const canvas = document.createElement("canvas");
  canvas.width = Math.floor(viewport.width * scale);
  canvas.height = Math.floor(viewport.height * scale);
  const task = proxy.render({
    canvas,
    viewport,
    transform: scale === 1 ? undefined : [scale, 0, 0, scale, 0, 0],
    annotationMode: AnnotationMode.ENABLE,
  });
  return { canvas, task };
}

/** Let go of a canvas's pixels at once rather than when it is collected. */
function releaseCanvas(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
  canvas.remove();
}

type PageView = {
  number: number;
  element: HTMLDivElement;
  canvasWrapper: HTMLDivElement;
  textLayerElement: HTMLDivElement;
  /** Where the annotations of the page are drawn, above the text layer. */
  annotationLayerElement: HTMLDivElement;
  /** The viewport of the page as last drawn. */
  viewport?: PageViewport;
  proxy?: PDFPageProxy;
  hasOwnDims: boolean;
  /** Whether the page is in or near the visible part of the region. */
  near: boolean;
  canvas?: HTMLCanvasElement;
  /** The zoom the canvas shows, if any. */
  renderedZoom?: number;
  /** Identifies the render in progress; a release or a newer render replaces it. */
  token?: object;
  task?: RenderTask;
  textLayer?: TextLayer;
  /** Text items whose spans hold find highlights. */
  highlighted: number[];
};

type ThumbnailView = {
  number: number;
  item: HTMLLIElement;
  button: HTMLButtonElement;
  image: HTMLSpanElement;
  near: boolean;
  canvas?: HTMLCanvasElement;
  token?: object;
  task?: RenderTask;
};

export type ViewerOptions = {
  document: PDFDocumentProxy;
  /** The scrolling region the pages go in. */
  pages: HTMLElement;
  /** The list the thumbnails go in; it scrolls inside its own region. */
  thumbnails: HTMLOListElement;
  labels: {
    /** The accessible name of a page, such as "Page 3". */
    page: (page: number) => string;
    /** The accessible name of a thumbnail's button. */
    thumbnail: (page: number) => string;
  };
  /** The page at the top of the region changed. */
  onPageChange: (page: number) => void;
  onZoomChange: (zoom: number) => void;
  /** The user chose a page from the thumbnails. */
  onThumbnailSelected: (page: number) => void;
  /** A page's canvas and text are drawn at `viewport`: its annotation layer can be filled. */
  onPageRendered?: (page: number, layer: HTMLElement, viewport: PageViewport) => void;
  /** A page let go of its drawing (far from view). */
  onPageReleased?: (page: number) => void;
};

type ZoomMode = "fit-width" | "fixed";

/**
 * The document viewer's pages, built on pdf.js's display layer without its full viewer. Each page
 * is a placeholder of the right size from the start (page 1's size until the page itself is
 * known), so a 500-page document opens at once; a page's canvas and text layer are drawn only
 * when it scrolls near the visible part and released when it goes far away. No pdf.js annotation layer
 * is rendered: links and form fields in a PDF do nothing here, and no PDF script ever runs.
 */
export class PdfViewer {
  readonly #document: PDFDocumentProxy;
  readonly #pages: HTMLElement;
  readonly #thumbnailList: HTMLOListElement;
  readonly #options: ViewerOptions;
  readonly #views: PageView[] = [];
  readonly #thumbnails: ThumbnailView[] = [];
  readonly #observers: IntersectionObserver[] = [];
  #resizeObserver?: ResizeObserver;
  #defaultDims?: PageDims;
  #zoom = 1;
  #zoomMode: ZoomMode = "fit-width";
  #currentPage = 1;
  #hasCurrentPage = false;
  #active = 0;
  #scheduled = 0;
  #scrollFrame = 0;
  #destroyed = false;
  #matchesByPage = new Map<number, { index: number; match: FindMatch }[]>();
  #selectedMatch = -1;
  #scrollToMatchOnRender = -1;

  constructor(options: ViewerOptions) {
    this.#options = options;
    this.#document = options.document;
    this.#pages = options.pages;
    this.#thumbnailList = options.thumbnails;
  }

  get pageCount(): number {
    return this.#document.numPages;
  }

  get currentPage(): number {
    return this.#currentPage;
  }

  get zoom(): number {
    return this.#zoom;
  }

  /** The viewport a page was last drawn at, if it is drawn. */
  viewportOf(page: number): PageViewport | undefined {
    return this.#views[page - 1]?.viewport;
  }

  /** The page element of a page, if any. */
  pageElement(page: number): HTMLElement | undefined {
    return this.#views[page - 1]?.element;
  }

  /** The number of the page whose text layer holds `node`, if any. */
  pageOfNode(node: Node | null): number | undefined {
    const element = node instanceof Element ? node : node?.parentElement;
    const text = element?.closest(".textLayer");
    const page = text?.closest<HTMLElement>(".app-pdf-page");
    if (!page || !this.#pages.contains(page)) return undefined;
    const number = Number(page.dataset.pageNumber);
    return Number.isInteger(number) ? number : undefined;
  }

  /** Lay out every page's placeholder and thumbnail, then show `page` at the zoom that fits. */
  async open(page = 1): Promise<void> {
    const first = await this.#document.getPage(1);
    if (this.#destroyed) return;
    const dims = dimsOf(first);
    this.#defaultDims = dims;
    applyDims(this.#pages, dims);
    applyDims(this.#thumbnailList, dims);

    const pageFragment = document.createDocumentFragment();
    const thumbnailFragment = document.createDocumentFragment();
    for (let number = 1; number <= this.#document.numPages; number++) {
      const view = this.#createPage(number);
      this.#views.push(view);
      pageFragment.append(view.element);
      const thumbnail = this.#createThumbnail(number);
      this.#thumbnails.push(thumbnail);
      thumbnailFragment.append(thumbnail.item);
    }
    const firstView = this.#views[0];
    if (firstView) {
      firstView.proxy = first;
      firstView.hasOwnDims = true;
    }
    this.#pages.replaceChildren(pageFragment);
    this.#thumbnailList.replaceChildren(thumbnailFragment);

    this.#setZoom(this.#fitWidthZoom(), "fit-width");
    this.#observe();
    this.#pages.addEventListener("scroll", this.#onScroll, { passive: true });
    this.#resizeObserver = new ResizeObserver(() => {
      if (this.#zoomMode === "fit-width") this.#setZoom(this.#fitWidthZoom(), "fit-width");
    });
    this.#resizeObserver.observe(this.#pages);
    this.goToPage(page);
    this.#schedule();
  }

  destroy(): void {
    this.#destroyed = true;
    for (const observer of this.#observers) observer.disconnect();
    this.#resizeObserver?.disconnect();
    this.#pages.removeEventListener("scroll", this.#onScroll);
    cancelAnimationFrame(this.#scheduled);
    cancelAnimationFrame(this.#scrollFrame);
    for (const view of this.#views) this.#releasePage(view);
    for (const thumbnail of this.#thumbnails) this.#releaseThumbnail(thumbnail);
  }

  /** Scroll so that `page` is at the top of the region. */
  goToPage(page: number): void {
    const view = this.#views[Math.min(Math.max(page, 1), this.#views.length) - 1];
    if (!view) return;
    this.#pages.scrollTop = view.element.offsetTop - PAGES_PADDING_X / 2;
    this.#setCurrentPage(view.number);
  }

  /** Scroll the thumbnails so the current page's is in view (after they are shown). */
  revealCurrentThumbnail(): void {
    const thumbnail = this.#thumbnails[this.#currentPage - 1];
    if (thumbnail) this.#keepThumbnailInView(thumbnail);
  }

  zoomIn(): void {
    const next = ZOOM_STEPS.find((step) => step > this.#zoom + 0.001) ?? MAX_ZOOM;
    this.#setZoom(next, "fixed");
  }

  zoomOut(): void {
    const previous = [...ZOOM_STEPS].reverse().find((step) => step < this.#zoom - 0.001) ?? MIN_ZOOM;
    this.#setZoom(previous, "fixed");
  }

  fitWidth(): void {
    this.#setZoom(this.#fitWidthZoom(), "fit-width");
  }

  /** Show the pages at `zoom` (1 is 100%), within the viewer's limits: a presenter's zoom, say. */
  zoomTo(zoom: number): void {
    if (!Number.isFinite(zoom)) return;
    this.#setZoom(zoom, "fixed");
  }

  /**
   * Show the matches of a find on the text layers, `selected` (an index into `matches`, or -1
   * for none) marked as the current one.
   */
  setMatches(matches: readonly FindMatch[], selected: number): void {
    this.#matchesByPage = new Map();
    matches.forEach((match, index) => {
      const onPage = this.#matchesByPage.get(match.page);
      if (onPage) onPage.push({ index, match });
      else this.#matchesByPage.set(match.page, [{ index, match }]);
    });
    this.#selectedMatch = selected;
    for (const view of this.#views) this.#applyHighlights(view);
  }

  /** Make a match the current one and bring it into view. */
  selectMatch(index: number, match: FindMatch): void {
    const previous = this.#selectedMatch;
    this.#selectedMatch = index;
    const previousPage = this.#pageOfMatch(previous);
    if (previousPage !== undefined && previousPage !== match.page) {
      const view = this.#views[previousPage - 1];
      if (view) this.#applyHighlights(view);
    }
    const view = this.#views[match.page - 1];
    if (!view) return;
    this.#applyHighlights(view);
    if (view.textLayer && this.#scrollToSelected(view)) return;
    // Not drawn yet: go to its page, and bring the match into view once its text layer is there.
    this.#scrollToMatchOnRender = index;
    this.goToPage(match.page);
  }

  #pageOfMatch(index: number): number | undefined {
    for (const [page, matches] of this.#matchesByPage) {
      if (matches.some((entry) => entry.index === index)) return page;
    }
    return undefined;
  }

  #createPage(number: number): PageView {
    const element = document.createElement("div");
    element.className = "app-pdf-page";
    element.setAttribute("role", "group");
    element.setAttribute("aria-label", this.#options.labels.page(number));
    element.dataset.pageNumber = String(number);
    const canvasWrapper = document.createElement("div");
    canvasWrapper.className = "app-pdf-page__canvas";
    canvasWrapper.setAttribute("aria-hidden", "true");
    const textLayerElement = document.createElement("div");
    textLayerElement.className = "textLayer";
    const annotationLayerElement = document.createElement("div");
    annotationLayerElement.className = "app-annotation-layer";
    element.append(canvasWrapper, textLayerElement, annotationLayerElement);
    return {
      number,
      element,
      canvasWrapper,
      textLayerElement,
      annotationLayerElement,
      hasOwnDims: false,
      near: false,
      highlighted: [],
    };
  }

  #createThumbnail(number: number): ThumbnailView {
    const item = document.createElement("li");
    item.className = "app-pdf-thumbnails__item";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "app-pdf-thumbnail";
    button.setAttribute("aria-label", this.#options.labels.thumbnail(number));
    button.dataset.pageNumber = String(number);
    const image = document.createElement("span");
    image.className = "app-pdf-thumbnail__image";
    const label = document.createElement("span");
    label.className = "app-pdf-thumbnail__number";
    label.setAttribute("aria-hidden", "true");
    label.textContent = String(number);
    button.append(image, label);
    button.addEventListener("click", () => {
      this.goToPage(number);
      this.#options.onThumbnailSelected(number);
    });
    item.append(button);
    return { number, item, button, image, near: false };
  }

  #observe(): void {
    const pageOf = (target: Element) => this.#views[Number((target as HTMLElement).dataset.pageNumber) - 1];
    const thumbnailOf = (target: Element) => {
      const button = target.querySelector<HTMLElement>(".app-pdf-thumbnail");
      return this.#thumbnails[Number(button?.dataset.pageNumber) - 1];
    };
    // Pages within a screen's height of the visible part are drawn...
    const near = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const view = pageOf(entry.target);
          if (view) view.near = entry.isIntersecting;
        }
        this.#schedule();
      },
      { root: this.#pages, rootMargin: "100% 0px" },
    );
    // ...and those more than three screens away let go of their canvas and text.
    const far = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const view = pageOf(entry.target);
          if (view && !entry.isIntersecting) this.#releasePage(view);
        }
      },
      { root: this.#pages, rootMargin: "300% 0px" },
    );
    const thumbnailScroller = this.#thumbnailList.parentElement ?? this.#thumbnailList;
    const nearThumbnails = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const thumbnail = thumbnailOf(entry.target);
          if (thumbnail) thumbnail.near = entry.isIntersecting;
        }
        this.#schedule();
      },
      { root: thumbnailScroller, rootMargin: "100% 0px" },
    );
    const farThumbnails = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const thumbnail = thumbnailOf(entry.target);
          if (thumbnail && !entry.isIntersecting) this.#releaseThumbnail(thumbnail);
        }
      },
      { root: thumbnailScroller, rootMargin: "400% 0px" },
    );
    for (const view of this.#views) {
      near.observe(view.element);
      far.observe(view.element);
    }
    for (const thumbnail of this.#thumbnails) {
      nearThumbnails.observe(thumbnail.item);
      farThumbnails.observe(thumbnail.item);
    }
    this.#observers.push(near, far, nearThumbnails, farThumbnails);
  }

  #onScroll = () => {
    if (this.#scrollFrame) return;
    this.#scrollFrame = requestAnimationFrame(() => {
      this.#scrollFrame = 0;
      this.#setCurrentPage(this.#pageAtTop());
    });
  };

  /** The page a third of the way down the region, where a reader's eye is. */
  #pageAtTop(): number {
    const region = this.#pages;
    const atEnd = region.scrollTop > 0 && region.scrollTop + region.clientHeight >= region.scrollHeight - 2;
    if (atEnd) return this.#views.length;
    const probe = region.scrollTop + region.clientHeight / 3;
    let low = 0;
    let high = this.#views.length - 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const element = this.#views[middle]?.element;
      if (element && element.offsetTop + element.offsetHeight < probe) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  }

  #setCurrentPage(page: number): void {
    if (page === this.#currentPage && this.#hasCurrentPage) return;
    this.#hasCurrentPage = true;
    this.#thumbnails[this.#currentPage - 1]?.button.removeAttribute("aria-current");
    this.#currentPage = page;
    const thumbnail = this.#thumbnails[page - 1];
    if (thumbnail) {
      thumbnail.button.setAttribute("aria-current", "page");
      this.#keepThumbnailInView(thumbnail);
    }
    this.#options.onPageChange(page);
  }

  #keepThumbnailInView(thumbnail: ThumbnailView): void {
    const scroller = this.#thumbnailList.parentElement;
    if (!scroller || scroller.clientHeight === 0) return;
    const top = thumbnail.item.offsetTop;
    const bottom = top + thumbnail.item.offsetHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (bottom > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = bottom - scroller.clientHeight;
    }
  }

  #fitWidthZoom(): number {
    const dims = this.#views[this.#currentPage - 1]?.proxy
      ? dimsOf(this.#views[this.#currentPage - 1]?.proxy as PDFPageProxy)
      : this.#defaultDims;
    if (!dims) return 1;
    const available = this.#pages.clientWidth - 2 * PAGES_PADDING_X;
    const zoom = available / (dims.width * dims.userUnit * PDF_TO_CSS);
    return Math.min(MAX_FIT_ZOOM, Math.max(MIN_ZOOM, zoom));
  }

  #setZoom(zoom: number, mode: ZoomMode): void {
    this.#zoomMode = mode;
    const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    if (Math.abs(next - this.#zoom) < 0.0005 && this.#pages.style.getPropertyValue("--scale-factor")) {
      return;
    }
    // Keep the same point of the same page at the top of the region.
    const view = this.#views[this.#currentPage - 1];
    const fraction = view
      ? (this.#pages.scrollTop - view.element.offsetTop) / Math.max(1, view.element.offsetHeight)
      : 0;
    const horizontal =
      this.#pages.scrollWidth > this.#pages.clientWidth
        ? (this.#pages.scrollLeft + this.#pages.clientWidth / 2) / this.#pages.scrollWidth
        : 0.5;
    this.#zoom = next;
    this.#pages.style.setProperty("--scale-factor", String(next * PDF_TO_CSS));
    if (view) {
      this.#pages.scrollTop = view.element.offsetTop + fraction * view.element.offsetHeight;
      this.#pages.scrollLeft = horizontal * this.#pages.scrollWidth - this.#pages.clientWidth / 2;
    }
    this.#options.onZoomChange(next);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled || this.#destroyed) return;
    this.#scheduled = requestAnimationFrame(() => {
      this.#scheduled = 0;
      this.#pump();
    });
  }

  /** Start the next renders: pages nearest the current one, then thumbnails. */
  #pump(): void {
    while (this.#active < MAX_CONCURRENT_RENDERS && !this.#destroyed) {
      const page = this.#nextPage();
      if (page) {
        this.#run(this.#renderPage(page));
        continue;
      }
      const thumbnail = this.#nextThumbnail();
      if (!thumbnail) return;
      this.#run(this.#renderThumbnail(thumbnail));
    }
  }

  #run(render: Promise<void>): void {
    this.#active += 1;
    void render.finally(() => {
      this.#active -= 1;
      this.#schedule();
    });
  }

  #nextPage(): PageView | undefined {
    let best: PageView | undefined;
    for (const view of this.#views) {
      if (!view.near || view.token || view.renderedZoom === this.#zoom) continue;
      if (!best || Math.abs(view.number - this.#currentPage) < Math.abs(best.number - this.#currentPage)) {
        best = view;
      }
    }
    return best;
  }

  #nextThumbnail(): ThumbnailView | undefined {
    return this.#thumbnails.find((thumbnail) => thumbnail.near && !thumbnail.canvas && !thumbnail.token);
  }

  async #pageProxy(number: number): Promise<PDFPageProxy> {
    const view = this.#views[number - 1];
    if (view?.proxy) return view.proxy;
    const proxy = await this.#document.getPage(number);
    if (view) {
      view.proxy = proxy;
      if (!view.hasOwnDims) {
        view.hasOwnDims = true;
        applyDims(view.element, dimsOf(proxy));
      }
    }
    const thumbnail = this.#thumbnails[number - 1];
    if (thumbnail) applyDims(thumbnail.item, dimsOf(proxy));
    return proxy;
  }

  async #renderPage(view: PageView): Promise<void> {
    const token = {};
    view.token = token;
    const zoom = this.#zoom;
    try {
      const proxy = await this.#pageProxy(view.number);
      if (view.token !== token || this.#destroyed) return;
      const viewport = proxy.getViewport({ scale: zoom * PDF_TO_CSS });
      const scale = outputScale(viewport);
      const { canvas, task } = renderToCanvas(proxy, viewport, scale);
      view.task = task;
      await task.promise;
      if (view.token !== token) {
        releaseCanvas(canvas);
        return;
      }
      view.task = undefined;
      const previous = view.canvas;
      view.canvasWrapper.replaceChildren(canvas);
      view.canvas = canvas;
      if (previous) releaseCanvas(previous);
      view.renderedZoom = zoom;
      view.viewport = viewport;
      await this.#renderText(view, proxy, viewport, token);
      if (view.token === token) this.#options.onPageRendered?.(view.number, view.annotationLayerElement, viewport);
    } catch (error: unknown) {
      if (error instanceof RenderingCancelledException) return;
      // A page pdf.js cannot draw stays blank; the others still render. Not retried at this zoom.
      if (view.token === token) view.renderedZoom = zoom;
    } finally {
      if (view.token === token) {
        view.token = undefined;
        view.task = undefined;
      }
    }
  }

  async #renderText(view: PageView, proxy: PDFPageProxy, viewport: PageViewport, token: object) {
    if (view.textLayer) {
      view.textLayer.update({ viewport });
      return;
    }
    const textLayer = new TextLayer({
      textContentSource: proxy.streamTextContent({ includeMarkedContent: true }),
      container: view.textLayerElement,
      viewport,
    });
    try {
      await textLayer.render();
    } catch {
      // The page stays without selectable text; its picture is there.
      return;
    }
    if (view.token !== token) {
      textLayer.cancel();
      view.textLayerElement.replaceChildren();
      return;
    }
    view.textLayer = textLayer;
    this.#applyHighlights(view);
    if (this.#scrollToMatchOnRender >= 0 && this.#pageOfMatch(this.#scrollToMatchOnRender) === view.number) {
      this.#scrollToMatchOnRender = -1;
      this.#scrollToSelected(view);
    }
  }

  async #renderThumbnail(thumbnail: ThumbnailView): Promise<void> {
    const token = {};
    thumbnail.token = token;
    try {
      const proxy = await this.#pageProxy(thumbnail.number);
      if (thumbnail.token !== token || this.#destroyed) return;
      const dims = dimsOf(proxy);
      const viewport = proxy.getViewport({ scale: THUMBNAIL_WIDTH / (dims.width * dims.userUnit) });
      const scale = window.devicePixelRatio || 1;
      const { canvas, task } = renderToCanvas(proxy, viewport, scale);
      thumbnail.task = task;
      await task.promise;
      if (thumbnail.token !== token) {
        releaseCanvas(canvas);
        return;
      }
      thumbnail.image.replaceChildren(canvas);
      thumbnail.canvas = canvas;
    } catch (error: unknown) {
      if (error instanceof RenderingCancelledException) return;
    } finally {
      if (thumbnail.token === token) {
        thumbnail.token = undefined;
        thumbnail.task = undefined;
      }
    }
  }

  #releasePage(view: PageView): void {
    view.token = undefined;
    view.task?.cancel();
    view.task = undefined;
    if (view.canvas) {
      releaseCanvas(view.canvas);
      view.canvas = undefined;
    }
    view.textLayer?.cancel();
    view.textLayer = undefined;
    view.textLayerElement.replaceChildren();
    view.highlighted = [];
    view.renderedZoom = undefined;
    if (view.viewport) {
      view.viewport = undefined;
      view.annotationLayerElement.replaceChildren();
      this.#options.onPageReleased?.(view.number);
    }
    view.proxy?.cleanup();
  }

  #releaseThumbnail(thumbnail: ThumbnailView): void {
    thumbnail.token = undefined;
    thumbnail.task?.cancel();
    thumbnail.task = undefined;
    if (thumbnail.canvas) {
      releaseCanvas(thumbnail.canvas);
      thumbnail.canvas = undefined;
    }
  }

  /** Wrap the matched text of a page's text layer in highlight spans, as pdf.js's viewer does. */
  #applyHighlights(view: PageView): void {
    const textLayer = view.textLayer;
    if (!textLayer) return;
    const divs = textLayer.textDivs;
    const texts = textLayer.textContentItemsStr;
    for (const item of view.highlighted) {
      const div = divs[item];
      if (div) div.textContent = texts[item] ?? "";
    }
    view.highlighted = [];

    const byItem = new Map<number, { from: number; to: number; selected: boolean }[]>();
    for (const { index, match } of this.#matchesByPage.get(view.number) ?? []) {
      for (const segment of match.segments) {
        const parts = byItem.get(segment.item) ?? [];
        parts.push({ from: segment.from, to: segment.to, selected: index === this.#selectedMatch });
        byItem.set(segment.item, parts);
      }
    }
    for (const [item, parts] of byItem) {
      const div = divs[item];
      const text = texts[item];
      if (!div || text === undefined) continue;
      parts.sort((a, b) => a.from - b.from);
      const nodes: Node[] = [];
      let at = 0;
      for (const part of parts) {
        const from = Math.max(part.from, at);
        if (part.to <= from) continue;
        if (from > at) nodes.push(document.createTextNode(text.slice(at, from)));
        const highlight = document.createElement("span");
        highlight.className = part.selected ? "highlight appended selected" : "highlight appended";
        highlight.textContent = text.slice(from, part.to);
        nodes.push(highlight);
        at = part.to;
      }
      if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
      div.replaceChildren(...nodes);
      view.highlighted.push(item);
    }
  }

  /** Scroll the region so the selected match is in view; false if it is not on this page. */
  #scrollToSelected(view: PageView): boolean {
    const highlight = view.textLayerElement.querySelector<HTMLElement>(".highlight.selected");
    if (!highlight) return false;
    const region = this.#pages.getBoundingClientRect();
    const box = highlight.getBoundingClientRect();
    this.#pages.scrollTop += box.top - region.top - this.#pages.clientHeight / 3;
    if (box.left < region.left || box.right > region.right) {
      this.#pages.scrollLeft += box.left - region.left - this.#pages.clientWidth / 3;
    }
    return true;
  }
}
