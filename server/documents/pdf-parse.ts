// pdf.js 6 uses Promise.withResolvers, which Node 20 lacks; the browser build needs no polyfill.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== "function") {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export type PdfInspection = { pages: number; pageTexts: string[] };

/**
 * Parse a PDF with pdf.js (no scripting, no eval, no fonts rendered): page count and the text of
 * each page. Throws when the bytes are not a readable PDF. Runs inside the inspection worker.
 */
export async function inspectPdfInProcess(content: Buffer, maxTextPages = 5000): Promise<PdfInspection> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: new Uint8Array(content),
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const texts: string[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, maxTextPages); n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      texts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
      page.cleanup();
    }
    return { pages: pdf.numPages, pageTexts: texts };
  } finally {
    await task.destroy();
  }
}
