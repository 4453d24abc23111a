import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { PDFDict, PDFDocument, PDFHexString, PDFName } from "pdf-lib";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { pdfBundle } from "../../server/documents/bundle-builder.ts";
import { notesPdf } from "../../server/documents/notes-export.ts";
import { inspectPdfInProcess } from "../../server/documents/pdf-parse.ts";
import { drawableText, embedTextFonts, fitText, plainText, wrapText } from "../../server/documents/pdf-fonts.ts";
import { formPdf } from "../../server/forms/form-pdf.ts";
import type { BlobStore } from "../../server/blobs/blob-store.ts";
import type { CanonicalValue } from "../../shared/forms/form-content.ts";
import { FORM_DEFINITIONS } from "../../shared/forms/form-definitions.ts";
import { createI18n } from "../../shared/i18n/i18n.ts";
import type { DocumentRecord } from "../../shared/schemas/document.schema.ts";
import { makePdf } from "../helpers/pdf-factory.ts";

const test = suite("generated PDFs: DejaVu Sans, every letter of Welsh and of people's names");

const NAMES = "Siân Llŷr ŵ ŷ Łukasz Zoë";
const MORE = "Ó Súilleabháin, Gruffudd Griffiths, Ŵyn Ïolo Ëlen Âron Êmyr Îfan Ôwen Ûna";
/** Control characters, a right-to-left override, an emoji, a lone surrogate, an RTL mark. */
const HOSTILE = "\u0000\u202E😀\uD800\u200F\u0007";

const cy = createI18n("cy");

/** All the text of a PDF as pdf.js reads it, whitespace collapsed. */
async function textOf(bytes: Uint8Array): Promise<string> {
  const { pageTexts } = await inspectPdfInProcess(Buffer.from(bytes));
  return pageTexts.join(" ").replace(/\s+/g, " ");
}

/** No control character, no bidirectional control and no lone surrogate reached the text layer. */
function assertClean(text: string) {
  assert.not.match(text, /[\p{Cc}\u202a-\u202e\u2066-\u2069\u200e\u200f]/u);
  assert.not.match(text, /\p{Cs}/u, "no lone surrogate");
}

/** The names of the fonts a PDF embeds. */
function fontNames(pdf: PDFDocument): string[] {
  const names: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of("Type")) === PDFName.of("Font") && object.get(PDFName.of("Subtype")) === PDFName.of("Type0")) {
      names.push(String(object.get(PDFName.of("BaseFont"))));
    }
  }
  return names;
}

test("the finalised form: Welsh catalogue text and names drawn exactly, hostile text harmless, fonts subset", async () => {
  const definition = FORM_DEFINITIONS.PTPH;
  const parts = definition.parts.map((part) => {
    const content: Record<string, CanonicalValue> = {};
    for (const section of part.sections) {
      for (const field of section.fields) {
        content[field.id] = field.type === "yesNo" ? "yes" : field.type === "rows" ? [{ name: `${NAMES} ${HOSTILE}` }] : `${NAMES} ${HOSTILE}\n${MORE}`;
      }
    }
    return { key: part.side, side: part.side, title: `${part.side} ${HOSTILE}`, content };
  });
  const bytes = await formPdf({
    definition,
    i18n: cy,
    caseLine: cy.t("forms:common.caseLine", { urn: "62AB1234567", court: "Llys y Goron Caernarfon" }),
    parts,
    signOffs: [{ party: "Llys", name: `Siân Llŷr${HOSTILE}`, signedAt: "2026-11-30 10:00" }],
    contentSha256: "a".repeat(64),
    finalisedLine: cy.t("forms:common.finalisedLine", { name: "Łukasz Zoë", at: "2026-11-30 10:05" }),
  });
  const text = await textOf(bytes);
  assert.ok(text.includes(NAMES), "the Welsh and Polish names come out exactly");
  assert.ok(text.includes(MORE), "and every other accented letter");
  assert.ok(text.includes("Siân Llŷr??😀???"), "the sign-off name, what DejaVu cannot draw as ?");
  assert.ok(text.includes("Łukasz Zoë"), "the finalised line");
  assert.ok(text.includes(cy.t("forms:ptph.title").replace(/\s+/g, " ")), "the Welsh title");
  // Every Welsh field label with a letter beyond ASCII (â, ô, ï, ŵ…) as the catalogue has it.
  const labels = definition.parts.flatMap((p) => p.sections.flatMap((s) => s.fields.map((f) => cy.t(`forms:${f.label}`).replace(/\s+/g, " "))));
  const accented = labels.filter((l) => /[^\x20-\x7e]/.test(l));
  for (const label of accented) assert.ok(text.includes(label), `label "${label}"`);
  assertClean(text);
  const pdf = await PDFDocument.load(bytes);
  assert.ok(fontNames(pdf).every((name) => name.includes("DejaVuSans")), "DejaVu Sans only");
  assert.is(fontNames(pdf).length, 2, "regular and bold");
  assert.is(pdf.getTitle(), cy.t("forms:ptph.title"));
  assert.ok(bytes.length < 200 * 1024, `subset fonts: ${bytes.length} bytes, not the 750 KB of the whole font`);
});

test("a short form is a small PDF: only the glyphs it draws are embedded", async () => {
  const definition = FORM_DEFINITIONS.PET;
  const bytes = await formPdf({
    definition,
    i18n: cy,
    caseLine: NAMES,
    parts: [],
    signOffs: [],
    contentSha256: "b".repeat(64),
    finalisedLine: NAMES,
  });
  assert.is((await PDFDocument.load(bytes)).getPageCount(), 1);
  assert.ok(bytes.length < 60 * 1024, `${bytes.length} bytes`);
  assert.ok((await textOf(bytes)).includes(NAMES));
});

test("the notes export: names and notes exactly, in Welsh, long notes wrapped onto more lines", async () => {
  const source = await makePdf({ pages: 2 });
  const long = `${MORE} `.repeat(12).trim();
  const bytes = await notesPdf({
    source,
    i18n: cy,
    title: `Datganiad ${NAMES}${HOSTILE}`,
    annotations: [
      { scope: "private", party: "p", kind: "note", page: 1, quads: [[50, 700, 200, 720]], rect: null, quote: `${NAMES}${HOSTILE}`, text: `${HOSTILE}\n${long}`, comments: [`Łukasz: ${NAMES}`] },
      { scope: "team", party: "p", kind: `area${HOSTILE}`, page: 2, quads: [], rect: [10, 10, 100, 100], quote: "", text: "", comments: [] },
    ],
  });
  const text = await textOf(bytes);
  assert.ok(text.includes(`Datganiad ${NAMES}`), "the title");
  assert.ok(text.includes(`"${NAMES}`), "the quote");
  assert.ok(text.includes(`- Łukasz: ${NAMES}`), "the comment");
  assert.ok(text.includes(long), "a long note whole, over several lines");
  assert.ok(text.includes(cy.t("notesExport:scopes.private")), "Welsh catalogue text");
  assertClean(text);
  assert.is((await PDFDocument.load(bytes)).getPageCount(), 3, "two pages and the index");
});

test("the PDF bundle: cover, index and bookmarks keep every letter; a long title is cut short of its page number", async () => {
  const blobs = new Map<string, Buffer>();
  const store: BlobStore = {
    async put(content) {
      const sha256 = createHash("sha256").update(content).digest("hex");
      blobs.set(sha256, content);
      return { sha256, bytes: content.length };
    },
    has: async (sha256) => blobs.has(sha256),
    read: async (sha256) => Readable.from([blobs.get(sha256) as Buffer]),
    size: async (sha256) => blobs.get(sha256)?.length ?? 0,
  };
  const documents: DocumentRecord[] = [];
  const titles = [`Datganiad ${NAMES}${HOSTILE}`, `${MORE} — ${MORE} — ${MORE}`];
  for (const [i, title] of titles.entries()) {
    const { sha256, bytes } = await store.put(await makePdf({ pages: 2, text: "Tyst" }));
    documents.push({
      id: `doc-${i}`,
      caseId: "case-1",
      section: "witness-statements",
      title,
      version: 1,
      pages: 2,
      bytes,
      sha256,
      servedAt: "2026-11-30T10:00:00.000Z",
      deemedServedOn: "2026-11-30",
      visibility: "all",
      servedBy: "user-1",
    });
  }
  const bytes = await pdfBundle({
    documents,
    blobs: store,
    i18n: cy,
    bundleCase: { urn: "62AB1234567", courtName: "Llys y Goron Caernarfon", defendantNames: ["Llŷr Ŵyn", `Łukasz Zoë${HOSTILE}`], organisationName: "Siân a'i Chwmni", preparedOn: "2026-11-30" },
  });
  const { pageTexts } = await inspectPdfInProcess(Buffer.from(bytes));
  const [cover = "", index = ""] = pageTexts.map((t) => t.replace(/\s+/g, " "));
  assert.ok(cover.includes("Llŷr Ŵyn, Łukasz Zoë"), "defendants on the cover");
  assert.ok(cover.includes("Siân a'i Chwmni"), "organisation on the cover");
  assert.ok(cover.includes(cy.t("bundle:title")), "Welsh title");
  assert.ok(index.includes(`Datganiad ${NAMES}`), "index entry");
  assert.ok(index.includes(`${MORE.slice(0, 40)}`) && index.includes("…"), "the long title, cut with an ellipsis");
  assert.ok(index.includes(cy.t("bundle:page", { page: 5 })), "its page number still there");
  assertClean(pageTexts.join(" "));
  const pdf = await PDFDocument.load(bytes);
  const outlines = pdf.catalog.lookup(PDFName.of("Outlines"), PDFDict);
  const first = outlines.lookup(PDFName.of("First"), PDFDict).lookup(PDFName.of("Title"), PDFHexString).decodeText();
  assert.ok(first.includes(`Datganiad ${NAMES}`), `bookmark "${first}"`);
  assertClean(first);
});

test("one PDF leaves the next alone: a letter first met inside an accented one still reads as itself", async () => {
  const make = async (text: string) => {
    const pdf = await PDFDocument.create();
    const { regular, bold } = await embedTextFonts(pdf);
    const page = pdf.addPage();
    page.drawText(drawableText(text, regular), { x: 40, y: 700, size: 12, font: regular });
    page.drawText(drawableText(text, bold), { x: 40, y: 680, size: 12, font: bold });
    return pdf.save();
  };
  // "ë", "ŵ", "Ó" are built from "e", "w", "O": subsetting this PDF reaches those without a character.
  await make("Zoë ŵ Ó");
  const text = await textOf(await make("Exhibit served by Owen Wyn"));
  assert.is(text.trim(), "Exhibit served by Owen Wyn Exhibit served by Owen Wyn");
});

test("drawableText keeps what DejaVu draws and replaces the rest", async () => {
  const pdf = await PDFDocument.create();
  const { regular, bold } = await embedTextFonts(pdf);
  for (const font of [regular, bold]) {
    assert.is(drawableText(NAMES, font), NAMES);
    assert.is(drawableText(MORE, font), MORE);
    assert.is(drawableText("Sia\u0302n Lly\u0302r", font), "Siân Llŷr", "decomposed accents composed (NFC)");
    assert.is(drawableText("a\tb\nc\r\nd", font), "a b c  d", "breaks as spaces");
    assert.is(drawableText("a\u0000b\u202Ec\uD800d\u200Fe\uDFFFf", font), "a?b?c?d?e?f", "controls, overrides, marks, lone surrogates");
    assert.is(drawableText("Llan\u00ADfair\u200Bgoch\uFEFF", font), "Llanfairgoch", "invisible formatting left out");
    assert.is(drawableText("中文 𝐀", font), "?? ?", "no glyph: ?");
    assert.is(drawableText("€ – — “” ‘’ • … ·", font), "€ – — “” ‘’ • … ·");
    assert.is(drawableText("Ελληνικά Русский", font), "Ελληνικά Русский");
    assert.is(drawableText("\u2d30\u2d31 a", font), "?? a", "Tifinagh: fontkit cannot shape it");
  }
  assert.is(plainText(`Siân\n${HOSTILE}`), "Siân ??😀???");
});

test("drawing random code points never throws", async () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pdf = await PDFDocument.create();
  const { regular, bold } = await embedTextFonts(pdf);
  const page = pdf.addPage();
  for (let n = 0; n < 200; n++) {
    let text = "";
    for (let i = 0; i < 40; i++) {
      const pick = random();
      // Plane 0 (surrogate halves among them), the emoji planes, anywhere at all.
      const cp = pick < 0.6 ? Math.floor(random() * 0x10000) : pick < 0.8 ? 0x1f300 + Math.floor(random() * 0x700) : Math.floor(random() * 0x110000);
      text += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    }
    for (const font of [regular, bold]) {
      const drawable = drawableText(text, font);
      for (const line of wrapText(drawable, font, 10, 200)) page.drawText(line, { x: 10, y: 10, size: 10, font });
      page.drawText(fitText(drawable, font, 10, 100), { x: 10, y: 30, size: 10, font });
    }
  }
  const bytes = await pdf.save();
  assertClean(await textOf(bytes));
});

test("wrapText breaks by width, a word wider than the line between its letters; fitText cuts with an ellipsis", async () => {
  const pdf = await PDFDocument.create();
  const { regular: font } = await embedTextFonts(pdf);
  const text = `${MORE} ${NAMES} ${MORE}`;
  const lines = wrapText(text, font, 10, 150);
  assert.ok(lines.length > 2);
  for (const line of lines) assert.ok(font.widthOfTextAtSize(line, 10) <= 150, line);
  assert.is(lines.join(" "), text);
  assert.equal(wrapText("  ", font, 10, 150), []);
  const word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
  const broken = wrapText(word, font, 12, 80);
  assert.ok(broken.length > 2);
  assert.is(broken.join(""), word);
  for (const line of broken) assert.ok(font.widthOfTextAtSize(line, 12) <= 80, line);
  assert.equal(wrapText("Sia\u0302n", font, 10, 1).length, 4, "a letter and its accent stay together");
  const held = "y\u00a0Wyddfa";
  assert.equal(wrapText(`a b ${held}`, font, 10, font.widthOfTextAtSize(held, 10) + 1), ["a b", held], "a no-break space holds");
  const cut = fitText(text, font, 10, 120);
  assert.ok(cut.endsWith("…") && font.widthOfTextAtSize(cut, 10) <= 120, cut);
  assert.ok(text.startsWith(cut.slice(0, -1)));
  assert.is(fitText(NAMES, font, 10, 500), NAMES);
});

test.run();
