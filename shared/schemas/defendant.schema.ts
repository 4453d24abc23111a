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
  /** Under 18 (Common Platform `isYouth`): youth court rules and reporting restrictions apply. */
  isYouth: z.boolean().default(false),
  version: z.number().int().positive().default(1),
});
export type Defendant = z.output<typeof defendant>;
/** A defendant as inserted: fields added after the first release default. */
export type NewDefendant = z.input<typeof defendant>;

export const modeOfTrial = z.enum(["summary", "either-way", "indictable"]);
export const plea = z.enum(["not-guilty", "guilty", "none"]);
/** Common Platform `indicatedPleaValue` (INDICATED_GUILTY | INDICATED_NOT_GUILTY | NO_INDICATION). */
export const indicatedPlea = z.enum(["guilty", "not-guilty", "no-indication"]);

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
  endDate: isoDate.nullable().default(null),
  indicatedPlea: indicatedPlea.default("no-indication"),
  version: z.number().int().positive().default(1),
});
export type Offence = z.output<typeof offence>;
/** An offence as inserted: fields added after the first release default. */
export type NewOffence = z.input<typeof offence>;
