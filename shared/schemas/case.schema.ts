import { z } from "zod";
import { isoDate, urn } from "./common.schema.ts";
import { jurisdiction } from "./court.schema.ts";

export const caseStatus = z.enum(["active", "sent-to-crown-court", "concluded"]);

export const caseRecord = z.object({
  id: z.string().min(1),
  urn,
  jurisdiction,
  courtCode: z.string(),
  prosecutingOrganisationId: z.string(),
  status: caseStatus,
  /** Date of sending for Crown Court cases. */
  sentOn: isoDate.nullable(),
  /** Optimistic concurrency: 1 when created, one more at each change (If-Match / ETag). */
  version: z.number().int().positive().default(1),
});
export type CaseRecord = z.output<typeof caseRecord>;
/** A case as inserted: the version starts at 1 unless given. */
export type NewCaseRecord = z.input<typeof caseRecord>;
