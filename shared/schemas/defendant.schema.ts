import { z } from "zod";
import { isoDate } from "./common.schema.ts";

export const custody = z.enum(["custody", "bail", "at-large"]);

export const defendant = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  dateOfBirth: isoDate,
  custody,
  /** Custody time limit expiry, for defendants in custody. */
  custodyTimeLimit: isoDate.nullable(),
  bailConditions: z.string().nullable(),
  interpreterLanguage: z.string().nullable(),
});
export type Defendant = z.infer<typeof defendant>;

export const modeOfTrial = z.enum(["summary", "either-way", "indictable"]);
export const plea = z.enum(["not-guilty", "guilty", "none"]);

export const offence = z.object({
  id: z.string().min(1),
  defendantId: z.string().min(1),
  code: z.string().min(1),
  title: z.string().min(1),
  wording: z.string().min(1),
  legislation: z.string().min(1),
  startDate: isoDate,
  modeOfTrial,
  plea,
});
export type Offence = z.infer<typeof offence>;
