import { GlobalWorkerOptions, getDocument, type PDFDocumentLoadingTask } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

// pdf.js parses PDFs in a worker, served from our own origin like the rest of the client: Vite
// emits the worker as an asset of the build (research/security.md §8.5).
GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Where the build puts pdf.js's CMaps, standard fonts, ICC profiles and wasm decoders (copied
 * from `pdfjs-dist` by the Vite config), so the worker never fetches anything from elsewhere.
 */
export const PDFJS_ASSETS = "/pdfjs/";

/** Bytes per range request: a 500-page document opens after a few of these. */
const RANGE_CHUNK_SIZE = 262_144;

/**
 * Start loading a PDF of ours with the settings research/security.md §8.5 requires: no XFA, a
 * bound on image sizes, and our session cookie. The file is read in ranges as pages need it.
 * Scripting is never enabled (that needs pdf.js's viewer and its sandbox, which we do not load).
 */
export function openPdf(url: string): PDFDocumentLoadingTask {
  return getDocument({
    url,
    withCredentials: true,
    enableXfa: false,
    maxImageSize: 50_000_000,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: false,
    rangeChunkSize: RANGE_CHUNK_SIZE,
    cMapUrl: `${PDFJS_ASSETS}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PDFJS_ASSETS}standard_fonts/`,
    iccUrl: `${PDFJS_ASSETS}iccs/`,
    wasmUrl: `${PDFJS_ASSETS}wasm/`,
    // Pages render on the main thread: the viewer draws each into a canvas it can release.
    disableWorkerRendering: true,
  });
}
