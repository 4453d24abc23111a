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
  /** Listed duration in minutes (Common Platform `listedDurationMinutes`). */
  estimatedMinutes: z.number().int().positive().nullable().default(null),
  /** Names of the judiciary sitting, e.g. "HHJ Morgan", "District Judge (MC) Patel". */
  judiciary: z.array(z.string()).default([]),
  version: z.number().int().positive().default(1),
});
export type Hearing = z.output<typeof hearing>;
/** A hearing as inserted: fields added after the first release default. */
export type NewHearing = z.input<typeof hearing>;
