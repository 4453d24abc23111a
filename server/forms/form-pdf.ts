import type { i18n } from "i18next";
import type { PDFFont, PDFPage } from "pdf-lib";
import type { CanonicalValue } from "../../shared/forms/form-content.ts";
import type { FormDefinition } from "../../shared/forms/form-definition.schema.ts";
import { drawableText, embedTextFonts, loadPdfLib, plainText, wrapText } from "../documents/pdf-fonts.ts";

type PartContent = { key: string; title: string; side: string; content: Record<string, CanonicalValue> };

/**
 * The finalised form as a PDF: every answer under its question, part by part, then the
 * sign-offs and the SHA-256 of the content that was agreed. Every word from the catalogue.
 */
export async function formPdf(options: {
  definition: FormDefinition;
  i18n: i18n;
  caseLine: string;
  parts: PartContent[];
  signOffs: { party: string; name: string; signedAt: string }[];
  contentSha256: string;
  finalisedLine: string;
}): Promise<Uint8Array> {
  const { definition, i18n } = options;
  const t = (key: string, values?: Record<string, string>) => i18n.t(key, values);
  const { PDFDocument } = await loadPdfLib();
  const pdf = await PDFDocument.create();
  pdf.setTitle(plainText(t(`forms:${definition.title}`)));
  pdf.setProducer("Caseroom");
  const { regular: font, bold } = await embedTextFonts(pdf);
  let page: PDFPage = pdf.addPage([595.28, 841.89]);
  let y = 790;
  const write = (text: string, f: PDFFont, size: number, indent = 0) => {
    const maxWidth = 595.28 - 112 - indent;
    for (const l of wrapText(drawableText(text, f), f, size, maxWidth)) {
      if (y < 60) {
        page = pdf.addPage([595.28, 841.89]);
        y = 790;
      }
      page.drawText(l, { x: 56 + indent, y, size, font: f });
      y -= size + 5;
    }
  };
  const valueText = (value: CanonicalValue | undefined): string => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return t("forms:common.notAnswered");
    if (value === "yes") return t("forms:common.yes");
    if (value === "no") return t("forms:common.no");
    if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : Object.values(v).map((x) => valueText(x)).join(" / "))).join("; ");
    return String(value);
  };

  write(t(`forms:${definition.title}`), bold, 18);
  write(options.caseLine, font, 11);
  y -= 10;
  for (const part of options.parts) {
    const partDefinition = definition.parts.find((p) => p.side === part.side);
    if (!partDefinition) continue;
    y -= 6;
    write(part.title, bold, 14);
    for (const section of partDefinition.sections) {
      y -= 4;
      write(t(`forms:${section.title}`), bold, 11);
      for (const field of section.fields) {
        write(t(`forms:${field.label}`), bold, 9, 8);
        write(valueText(part.content[field.id]), font, 9, 16);
        if (field.type === "yesNo" && field.detailsWhen && part.content[`${field.id}Details`]) write(valueText(part.content[`${field.id}Details`]), font, 9, 16);
      }
    }
  }
  y -= 10;
  write(t("forms:common.signOffs"), bold, 14);
  for (const s of options.signOffs) write(t("forms:common.signOffLine", { party: s.party, name: s.name, at: s.signedAt }), font, 10, 8);
  write(t("forms:common.contentHash", { sha256: options.contentSha256 }), font, 9, 8);
  write(options.finalisedLine, font, 10, 8);
  return pdf.save();
}
