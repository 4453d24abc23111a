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

const PDF_MAGIC = Buffer.from("%PDF-");

export type PdfInspection = { pages: number; text: string };

/** True when the bytes start like a PDF (the parse in `inspectPdf` is the real check). */
export function hasPdfMagic(content: Buffer): boolean {
  return content.subarray(0, 1024).includes(PDF_MAGIC);
}

/**
 * Parse a PDF with pdf.js (no scripting, no eval, no fonts rendered): page count and text.
 * Throws when the bytes are not a readable PDF.
 */
export async function inspectPdf(content: Buffer, maxTextPages = 500): Promise<PdfInspection> {
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
    return { pages: pdf.numPages, text: texts.join("\n") };
  } finally {
    await task.destroy();
  }
}
