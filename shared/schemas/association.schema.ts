import { z } from "zod";
import { isoInstant } from "./common.schema.ts";

/** A defence organisation representing one defendant. At most one open per defendant. */
export const association = z.object({
  id: z.string().min(1),
  defendantId: z.string().min(1),
  organisationId: z.string().min(1),
  startedAt: isoInstant,
  startedBy: z.string(),
  endedAt: isoInstant.nullable(),
  endedBy: z.string().nullable(),
});
export type Association = z.infer<typeof association>;
