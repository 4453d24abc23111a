import { z } from "zod";
import { isoDate, isoInstant } from "./common.schema.ts";

export const directionStatus = z.enum(["open", "complied", "varied", "revoked"]);

/** One version of a court direction; varying one adds a version, history is never rewritten. */
export const directionRecord = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  version: z.number().int().positive(),
  templateId: z.string().nullable(),
  text: z.string().min(1),
  responsibleParty: z.string().min(1),
  dueOn: isoDate.nullable(),
  legalBasis: z.string().nullable(),
  issuedAt: isoInstant,
  issuedBy: z.string(),
  status: directionStatus,
  /** The template's placeholder values, so the text can be shown in either language. */
  templateValues: z.record(z.string(), z.string()).default({}),
});
export type DirectionRecord = z.infer<typeof directionRecord>;
