import { z } from "zod";
import { foldName, isoDate } from "./common.schema.ts";

export const custody = z.enum(["custody", "bail", "at-large"]);
export type Custody = z.infer<typeof custody>;

/**
 * A defendant is a person or an organisation (Common Platform `personDefendant` |
 * `legalEntityDefendant`): a company, a council, a partnership.
 */
export const defendantKind = z.enum(["person", "organisation"]);
export type DefendantKind = z.infer<typeof defendantKind>;

/**
 * A person has a first name, a surname and a date of birth, and is in custody, on bail or at
 * large. An organisation has its registered name in `lastName` (so one index finds both by name),
 * an empty `firstName`, and neither a date of birth nor a custody status (both null), nor a
 * custody time limit, bail conditions or youth.
 */
export const defendant = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  kind: defendantKind.default("person"),
  firstName: z.string(),
  lastName: z.string().min(1),
  dateOfBirth: isoDate.nullable(),
  custody: custody.nullable(),
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

/** How a defendant is named on a page, in an e-mail or on a form: "Dan Reyes", "Acme Haulage Ltd". */
export function defendantName(d: { kind?: DefendantKind; firstName: string; lastName: string }): string {
  return d.kind === "organisation" || d.firstName === "" ? d.lastName : `${d.firstName} ${d.lastName}`;
}

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

/**
 * An organisation's name as compared when the defence names it: folded like a person's, with
 * punctuation and runs of spaces as one space, and "Limited" / "Public Limited Company" as "Ltd" /
 * "plc", so "ACME Haulage Limited." is "Acme Haulage Ltd".
 */
export function foldOrganisationName(name: string): string {
  return foldName(name)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/\bpublic limited company\b/g, "plc")
    .replace(/\blimited\b/g, "ltd")
    .trim();
}
