import { z } from "zod";
import { isoDate } from "./common.schema.ts";

export const hearingType = z.enum([
  "first-hearing",
  "plea-and-trial-preparation",
  "case-management",
  "bail-application",
  "trial",
  "sentence",
]);

export const hearing = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  courtCode: z.string(),
  courtroom: z.string().nullable(),
  date: isoDate,
  /** Local (Europe/London) start time, HH:MM. */
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  type: hearingType,
});
export type Hearing = z.infer<typeof hearing>;
