import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { PDFDocument, PDFFont } from "pdf-lib";

/**
 * The fonts of the PDFs Caseroom generates (forms, notes exports, bundle covers and indexes):
 * DejaVu Sans, embedded as a subset, so Welsh (ŵ, ŷ, â, ï…) and anybody's name (Łukasz, Zoë,
 * Ó Súilleabháin) are drawn exactly. pdf-lib's standard fonts only encode WinAnsi.
 */

const require = createRequire(import.meta.url);

/**
 * pdf-lib, loaded when the first PDF is made rather than at start: with fontkit it is a quarter
 * of the server's start-up time, and most starts (a restart after a crash, each test server)
 * make no PDF.
 */
export function loadPdfLib(): Promise<typeof import("pdf-lib")> {
  return import("pdf-lib");
}
const FILES = {
  regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
  bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
} as const;
type Weight = keyof typeof FILES;

/** Each file is read once per process, when the first PDF needs it. */
const fileBytes = new Map<Weight, Promise<Uint8Array>>();
function fontFile(weight: Weight): Promise<Uint8Array> {
  let bytes = fileBytes.get(weight);
  if (!bytes) {
    bytes = readFile(require.resolve(FILES[weight])).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    // A failed read (a missing package) is not cached: the next PDF tries again and reports it.
    bytes.catch(() => fileBytes.delete(weight));
    fileBytes.set(weight, bytes);
  }
  return bytes;
}

/** The code points each weight has a glyph for, worked out once per process. */
const coverageByWeight = new Map<Weight, ReadonlySet<number>>();
/** The code points an embedded font has a glyph for, by font (ours point at the per-weight sets). */
const coverageByFont = new WeakMap<PDFFont, ReadonlySet<number>>();

function coverage(font: PDFFont): ReadonlySet<number> {
  let set = coverageByFont.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    coverageByFont.set(font, set);
  }
  return set;
}

/**
 * pdf-lib draws each glyph at its advance width and never applies the positions that fontkit's
 * layout works out (kerning, marks), so those features are not computed: they were most of the
 * cost of measuring and drawing a line. Substitutions (ligatures, composition, Arabic joining)
 * still apply.
 */
const NO_POSITIONING = { kern: false, mark: false, mkmk: false, curs: false, dist: false };

/** Which of our weights an embedded font is (fonts embedded elsewhere are not in it). */
const weightOf = new WeakMap<PDFFont, Weight>();

/**
 * Widths of words at size 1000, by weight, kept across PDFs: measuring runs fontkit's layout,
 * the same words (labels, names, "the") come up again and again, and a width depends only on
 * the font file. Bounded: emptied when full.
 */
const wordWidths: Record<Weight, Map<string, number>> = { regular: new Map(), bold: new Map() };
const WORD_WIDTHS_LIMIT = 20_000;

/** The width of `text` in `font` at `size`, as pdf-lib measures and draws it. */
function textWidth(text: string, font: PDFFont, size: number): number {
  const weight = weightOf.get(font);
  if (!weight || text.length > 40) return font.widthOfTextAtSize(text, size);
  const cache = wordWidths[weight];
  let width = cache.get(text);
  if (width === undefined) {
    width = font.widthOfTextAtSize(text, 1000);
    if (cache.size >= WORD_WIDTHS_LIMIT) cache.clear();
    cache.set(text, width);
  }
  return (width * size) / 1000;
}

/**
 * Embed DejaVu Sans and DejaVu Sans Bold in `pdf`, subset to the glyphs it draws.
 *
 * fontkit parses the bytes again for every PDF, on purpose: sharing one parsed font between PDFs
 * would save some 20 ms a PDF but is not safe. fontkit keeps one object per glyph, holding the
 * characters it was first reached from, and pdf-lib writes the text layer (ToUnicode) from those;
 * subsetting reaches the letters inside accented ones ("e" in "ë") with no characters, so a later
 * PDF's every "e" would copy and search as nothing.
 */
export async function embedTextFonts(pdf: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  pdf.registerFontkit((await import("@pdf-lib/fontkit")).default);
  const embed = async (weight: Weight) => {
    const font = await pdf.embedFont(await fontFile(weight), { subset: true, features: NO_POSITIONING });
    let set = coverageByWeight.get(weight);
    if (!set) {
      set = new Set(font.getCharacterSet());
      coverageByWeight.set(weight, set);
    }
    coverageByFont.set(font, set);
    weightOf.set(font, weight);
    return font;
  };
  const [regular, bold] = await Promise.all([embed("regular"), embed("bold")]);
  return { regular, bold };
}

/** Tabs, line and paragraph breaks: a space, as every caller draws one line at a time. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
/**
 * Control characters, lone surrogates and the bidirectional controls (marks, embeddings,
 * overrides, isolates): drawn as "?", never silently. A PDF is drawn left to right whatever they
 * say, and kept in the text layer they could reorder what a reader copies or hears.
 */
const UNSAFE = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` safe for metadata and outlines (no font involved): NFC, one line, no controls. */
export function plainText(text: string): string {
  return text.normalize("NFC").replace(BREAKS, " ").replace(UNSAFE, "?");
}

/**
 * Invisible formatting characters (soft hyphen, zero-width space and joiners, variation
 * selectors, byte order mark…): fontkit lays them out as a full space, so they are left out.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Scripts that fontkit (as bundled with pdf-lib) shapes with its Indic or Universal shaper,
 * which throws ("regeneratorRuntime is not defined") when the font has layout tables for them:
 * DejaVu Sans does for Tifinagh. Drawn as "?" so drawing cannot throw.
 */
const UNSHAPEABLE = new RegExp(
  `[${[
    ...["Bengali", "Devanagari", "Gujarati", "Gurmukhi", "Kannada", "Khmer", "Malayalam", "Oriya", "Tamil", "Telugu"],
    ...["Balinese", "Batak", "Brahmi", "Buginese", "Buhid", "Chakma", "Cham", "Duployan", "Egyptian_Hieroglyphs", "Grantha", "Hanunoo"],
    ...["Javanese", "Kaithi", "Kayah_Li", "Kharoshthi", "Khojki", "Khudawadi", "Lepcha", "Limbu", "Mahajani", "Meetei_Mayek", "Modi"],
    ...["Pahawh_Hmong", "Rejang", "Saurashtra", "Sharada", "Siddham", "Sinhala", "Sundanese", "Syloti_Nagri", "Tagalog", "Tagbanwa"],
    ...["Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tibetan", "Tifinagh", "Tirhuta"],
  ]
    .map((script) => `\\p{Script=${script}}`)
    .join("")}]`,
  "u",
);

/**
 * `text` as `font` can draw it: composed (NFC) so "â" is one glyph, breaks as spaces, controls
 * and every character the font has no glyph for as "?", invisible formatting characters left
 * out. Whatever the font can draw is kept, so drawing never throws and never shows a
 * missing-glyph box.
 */
export function drawableText(text: string, font: PDFFont): string {
  const glyphs = coverage(font);
  let out = "";
  for (const char of plainText(text).replace(INVISIBLE, "")) {
    out += glyphs.has(char.codePointAt(0) ?? 0) && !UNSHAPEABLE.test(char) ? char : "?";
  }
  return out;
}

/** User-perceived characters (a letter and its combining accents stay together). */
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const graphemes = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

/**
 * Greedy line breaking of drawable text by its width in `font` at `size`; a word wider than the
 * line is broken between characters. Whitespace runs collapse to one space; no-break spaces
 * (U+00A0, U+2007, U+202F) hold their words together. Each word is measured once: a line's
 * width is its words' plus its spaces' (pdf-lib draws advance widths, nothing is shaped across
 * a space), so a paragraph costs one layout per word, not one per word per line.
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const width = (s: string) => textWidth(s, font, size);
  const space = width(" ");
  const charWidths = new Map<string, number>();
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  for (const word of text.split(/[^\S\u00a0\u2007\u202f]+/)) {
    if (!word) continue;
    const wordWidth = width(word);
    if (line && lineWidth + space + wordWidth <= maxWidth) {
      line += ` ${word}`;
      lineWidth += space + wordWidth;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    lineWidth = wordWidth;
    if (wordWidth <= maxWidth) continue;
    // Wider than a line on its own: break it between characters (each measured once).
    line = "";
    lineWidth = 0;
    for (const char of graphemes(word)) {
      let charWidth = charWidths.get(char);
      if (charWidth === undefined) {
        charWidth = width(char);
        charWidths.set(char, charWidth);
      }
      if (line && lineWidth + charWidth > maxWidth) {
        lines.push(line);
        line = "";
        lineWidth = 0;
      }
      line += char;
      lineWidth += charWidth;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Drawable text cut to `maxWidth` with an ellipsis when it is wider (one line, no wrapping). */
export function fitText(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (textWidth(text, font, size) <= maxWidth) return text;
  const chars = graphemes(text);
  const cut = (n: number) => `${chars.slice(0, n).join("").trimEnd()}…`;
  // Binary search for the longest prefix that fits with the ellipsis.
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (textWidth(cut(mid), font, size) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return cut(low);
}
