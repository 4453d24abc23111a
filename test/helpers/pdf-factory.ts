import { PDFDocument, StandardFonts } from "pdf-lib";

/** A real PDF with `pages` pages, each carrying `text` and its page number as selectable text. */
export async function makePdf(options: { pages?: number; text?: string; title?: string } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.setTitle(options.title ?? "Test document");
  pdf.setCreationDate(new Date("2026-11-01T00:00:00Z"));
  pdf.setModificationDate(new Date("2026-11-01T00:00:00Z"));
  for (let n = 1; n <= (options.pages ?? 1); n++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`${options.text ?? "Statement of witness"} page ${n}`, { x: 50, y: 780, size: 12, font });
  }
  return Buffer.from(await pdf.save());
}
