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
});
export type CaseRecord = z.infer<typeof caseRecord>;
