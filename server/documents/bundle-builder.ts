import type { Readable } from "node:stream";
import type { i18n } from "i18next";
import type { PDFDict, PDFDocument, PDFFont, PDFPage, PDFRef } from "pdf-lib";
import yazl from "yazl";
import type { DocumentRecord } from "../../shared/schemas/document.schema.ts";
import type { BlobStore } from "../blobs/blob-store.ts";
import { drawableText, embedTextFonts, fitText, loadPdfLib, plainText, wrapText } from "./pdf-fonts.ts";

export type BundleCase = { urn: string; courtName: string; defendantNames: string[]; organisationName: string; preparedOn: string };

const A4: [number, number] = [595.28, 841.89];
const INDEX_LINES_PER_PAGE = 46;

/** A file name safe on every system: letters, digits, spaces and a little punctuation. */
export function safeFileName(name: string, fallback = "document"): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[^A-Za-z0-9 ._()-]+/g, " ")
    // A dot only between letters or digits: no "..", no leading or trailing dots.
    .replace(/\.(?![A-Za-z0-9])|(?<![A-Za-z0-9])\./g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .slice(0, 120);
  return cleaned || fallback;
}

/**
 * The IDPC as a ZIP, streamed: one folder per section and an index (CSV) of what it holds. The
 * entries are read from the blob store one after another, so memory stays flat.
 */
export function zipBundle(options: { documents: DocumentRecord[]; blobs: BlobStore; i18n: i18n; sectionNumber: (d: DocumentRecord) => number }): Readable {
  const { documents, blobs, i18n } = options;
  const zip = new yazl.ZipFile();
  const names = new Set<string>();
  const rows = [i18n.t("bundle:zipIndexHeader")];
  const csv = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  for (const d of documents) {
    const folder = `${String(options.sectionNumber(d)).padStart(2, "0")} ${safeFileName(i18n.t(`sections:${d.section}`))}`;
    let name = `${folder}/${safeFileName(d.title)} v${d.version}.pdf`;
    for (let n = 2; names.has(name); n++) name = `${folder}/${safeFileName(d.title)} v${d.version} (${n}).pdf`;
    names.add(name);
    rows.push([d.section, d.title, d.version, d.pages, d.servedAt, d.deemedServedOn, d.sha256, name].map(csv).join(","));
    zip.addReadStreamLazy(name, { compress: false, size: d.bytes }, (callback) => {
      blobs.read(d.sha256).then(
        (stream) => callback(null, stream),
        (error: Error) => callback(error, undefined as unknown as Readable),
      );
    });
  }
  zip.addBuffer(Buffer.from(`${rows.join("\r\n")}\r\n`, "utf8"), "index.csv");
  zip.end();
  return zip.outputStream as unknown as Readable;
}

/**
 * The IDPC as one paginated PDF: a cover, an index by section with page numbers, every page of
 * every document stamped with the URN and "page n of N", and a bookmark per document.
 */
export async function pdfBundle(options: {
  documents: DocumentRecord[];
  blobs: BlobStore;
  i18n: i18n;
  bundleCase: BundleCase;
}): Promise<Uint8Array> {
  const { documents, blobs, i18n, bundleCase } = options;
  const pdfLib = await loadPdfLib();
  const { PDFDocument, rgb } = pdfLib;
  const out = await PDFDocument.create();
  out.setTitle(plainText(`${i18n.t("bundle:title")} ${bundleCase.urn}`));
  out.setProducer("Caseroom");
  out.setCreator("Caseroom");
  const { regular: font, bold } = await embedTextFonts(out);
  /** Catalogue text as the regular font draws it; `tb` as the bold one does. */
  const t = (key: string, values?: Record<string, string | number>) => drawableText(i18n.t(key, values), font);
  const tb = (key: string, values?: Record<string, string | number>) => drawableText(i18n.t(key, values), bold);

  // Index lines: a heading per section, a line per document.
  type Line = { text: string; bold: boolean; document?: DocumentRecord };
  const lines: Line[] = [];
  let lastSection = "";
  for (const d of documents) {
    if (d.section !== lastSection) {
      lines.push({ text: tb(`sections:${d.section}`), bold: true });
      lastSection = d.section;
    }
    lines.push({ text: t("bundle:indexEntry", { title: d.title, version: d.version }), bold: false, document: d });
  }
  const indexPages = Math.max(1, Math.ceil(lines.length / INDEX_LINES_PER_PAGE));
  const startPage = new Map<string, number>();
  let next = 1 + indexPages + 1;
  for (const d of documents) {
    startPage.set(d.id, next);
    next += d.pages;
  }

  const cover = out.addPage(A4);
  let y = 760;
  /** Wrapped to 480pt from the baseline `y`, which is left on the last line drawn. */
  const coverText = (text: string, f: PDFFont, size: number, leading: number) => {
    wrapText(text, f, size, 480).forEach((line, i) => {
      if (i > 0) y -= leading;
      cover.drawText(line, { x: 56, y, size, font: f });
    });
  };
  coverText(tb("bundle:title"), bold, 20, 24);
  for (const text of [
    t("bundle:urn", { urn: bundleCase.urn }),
    t("bundle:court", { court: bundleCase.courtName }),
    t("bundle:defendants", { names: bundleCase.defendantNames.join(", ") }),
  ]) {
    y -= 30;
    coverText(text, font, 12, 16);
  }
  y -= 40;
  coverText(t("bundle:generated", { organisation: bundleCase.organisationName, date: bundleCase.preparedOn }), font, 10, 14);
  if (documents.length === 0) {
    y -= 46;
    coverText(t("bundle:empty"), font, 12, 16);
  }

  for (let p = 0; p < indexPages; p++) {
    const page = out.addPage(A4);
    page.drawText(tb("bundle:index"), { x: 56, y: 780, size: 16, font: bold });
    lines.slice(p * INDEX_LINES_PER_PAGE, (p + 1) * INDEX_LINES_PER_PAGE).forEach((line, i) => {
      const lineY = 750 - i * 15;
      const f = line.bold ? bold : font;
      const x = line.bold ? 56 : 68;
      // The page number is right-aligned at 539; the title is cut short of it (with an ellipsis).
      const label = line.document ? t("bundle:page", { page: startPage.get(line.document.id) ?? 0 }) : "";
      const labelWidth = label ? font.widthOfTextAtSize(label, 10) : 0;
      page.drawText(fitText(line.text, f, 10, 539 - x - (label ? labelWidth + 12 : 0)), { x, y: lineY, size: 10, font: f });
      if (label) page.drawText(label, { x: 539 - labelWidth, y: lineY, size: 10, font });
    });
  }

  const bookmarks: { title: string; page: PDFPage }[] = [];
  for (const d of documents) {
    const source = await PDFDocument.load(await readAll(await blobs.read(d.sha256)), { updateMetadata: false });
    const copied = await out.copyPages(source, source.getPageIndices());
    copied.forEach((page, i) => {
      out.addPage(page);
      if (i === 0) bookmarks.push({ title: plainText(`${i18n.t(`sections:${d.section}`)}: ${d.title} (v${d.version})`), page });
    });
  }

  const total = out.getPageCount();
  out.getPages().forEach((page, i) => {
    const stamp = t("bundle:stamp", { urn: bundleCase.urn, page: i + 1, total });
    const { width } = page.getSize();
    page.drawText(stamp, { x: width - 24 - font.widthOfTextAtSize(stamp, 8), y: 12, size: 8, font, color: rgb(0.2, 0.2, 0.2) });
  });
  addOutline(pdfLib, out, bookmarks);
  return out.save({ useObjectStreams: true });
}

function addOutline(pdfLib: typeof import("pdf-lib"), pdf: PDFDocument, bookmarks: { title: string; page: PDFPage }[]) {
  const { PDFHexString, PDFName, PDFNull, PDFNumber } = pdfLib;
  if (bookmarks.length === 0) return;
  const context = pdf.context;
  const outlineRef = context.nextRef();
  const refs: PDFRef[] = bookmarks.map(() => context.nextRef());
  bookmarks.forEach((bookmark, i) => {
    const item = context.obj({}) as PDFDict;
    item.set(PDFName.of("Title"), PDFHexString.fromText(bookmark.title));
    item.set(PDFName.of("Parent"), outlineRef);
    item.set(PDFName.of("Dest"), context.obj([bookmark.page.ref, PDFName.of("XYZ"), PDFNull, PDFNull, PDFNull]));
    const prev = refs[i - 1];
    const nextRef = refs[i + 1];
    if (prev) item.set(PDFName.of("Prev"), prev);
    if (nextRef) item.set(PDFName.of("Next"), nextRef);
    context.assign(refs[i] as PDFRef, item);
  });
  const outline = context.obj({}) as PDFDict;
  outline.set(PDFName.of("Type"), PDFName.of("Outlines"));
  outline.set(PDFName.of("First"), refs[0] as PDFRef);
  outline.set(PDFName.of("Last"), refs[refs.length - 1] as PDFRef);
  outline.set(PDFName.of("Count"), PDFNumber.of(refs.length));
  context.assign(outlineRef, outline);
  pdf.catalog.set(PDFName.of("Outlines"), outlineRef);
  pdf.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}

/** Every byte of a stream (bounded by what the blob store holds for one document). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
