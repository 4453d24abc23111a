import { z } from "zod";
import { isoInstant } from "./common.schema.ts";

export const formType = z.enum(["PET", "PTPH"]);

export const formRecord = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  type: formType,
  createdAt: isoInstant,
  createdBy: z.string(),
});
export type FormRecord = z.infer<typeof formRecord>;

export const signOff = z.object({
  id: z.string().min(1),
  formId: z.string().min(1),
  party: z.string().min(1),
  userId: z.string(),
  signedAt: isoInstant,
  /** SHA-256 (hex) of the canonical form content signed off. */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SignOff = z.infer<typeof signOff>;
