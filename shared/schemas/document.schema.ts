import { z } from "zod";
import { isoDate, isoInstant } from "./common.schema.ts";

/** IDPC section codes (DESIGN §11). */
export const sectionCode = z.enum([
  "charges",
  "case-summary",
  "key-witness-statements",
  "witness-statements",
  "key-exhibits",
  "exhibits",
  "interview-transcripts",
  "forensic-reports",
  "previous-convictions",
  "unused-material",
  "defence-statement",
  "case-management",
  "applications",
  "bail-and-custody",
  "orders-and-directions",
]);
export type SectionCode = z.infer<typeof sectionCode>;

/** "all", or the ids of the defendants whose defence may see the document. */
export const visibility = z.union([z.literal("all"), z.array(z.string().min(1)).min(1)]);
export type Visibility = z.infer<typeof visibility>;

export const documentRecord = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  section: sectionCode,
  title: z.string().min(1).max(200),
  version: z.number().int().positive(),
  pages: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  servedAt: isoInstant,
  deemedServedOn: isoDate,
  visibility,
  servedBy: z.string(),
});
export type DocumentRecord = z.infer<typeof documentRecord>;
