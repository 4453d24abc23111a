import { z } from "zod";
import { problem } from "../i18n/problem-text.ts";
import type { ProblemField } from "../i18n/problems.en.ts";
import { hasControlCharacters, isoDate, normaliseUrn, URN_PATTERN } from "./common.schema.ts";
import { caseStatus } from "./case.schema.ts";
import { jurisdiction } from "./court.schema.ts";
import { custody, indicatedPlea, modeOfTrial, plea } from "./defendant.schema.ts";
import { hearingType } from "./hearing.schema.ts";

/**
 * Case intake (issue #14): a case with its defendants, offences and first hearings as the court
 * or the prosecution sends it, and the partial changes to each afterwards. Names follow the
 * Common Platform model (research/domain.md §2) in Caseroom's camelCase. Rules that depend on
 * today (a date of birth is not in the future) take today's date, so the server passes its clock.
 * Messages are catalogue keys (`problems:…`), reported in the reader's language.
 */

/**
 * CJS offence code (Common Platform `offenceCode`): two letters for the Act, two digits for its
 * year, three for the offence, and at most one letter for a variant, e.g. TH68010, CD71039.
 */
export const OFFENCE_CODE_PATTERN = /^[A-Z]{2}\d{5}[A-Z0-9]?$/;

/** A calendar date that exists (2026-02-30 does not). */
const realDate = isoDate.refine((v) => {
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v;
}, problem("notRealDate"));

/** Free text from a user: trimmed, not empty, bounded, with no control characters. */
const text = (max: number, label: ProblemField) =>
  z
    .string()
    .trim()
    .min(1, problem("required", label))
    .max(max, problem("tooLong", label))
    .refine((v) => !hasControlCharacters(v), problem("characters", label));
const multiline = (max: number, label: ProblemField) =>
  z
    .string()
    .trim()
    .min(1, problem("required", label))
    .max(max, problem("tooLong", label))
    // Line breaks and tabs are text here; every other control character is not.
    .refine((v) => !hasControlCharacters(v.replace(/[\r\n\t]/g, "")), problem("characters", label));

export const intakeUrn = z
  .string()
  .max(40)
  .transform(normaliseUrn)
  .refine((v) => URN_PATTERN.test(v), problem("urnFormat"));

export const offenceCode = z
  .string()
  .max(20)
  .transform((v) => v.trim().toUpperCase())
  .refine((v) => OFFENCE_CODE_PATTERN.test(v), problem("offenceCode"));

const courtCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{3,8}$/, problem("courtCode")));
const startTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, problem("timeFormat"));
const judiciary = z.array(text(120, "judiciary")).max(12);

const notInFuture = (today: string) => (v: string) => v <= today;

function offenceFields() {
  return {
    code: offenceCode,
    title: text(200, "offenceTitle"),
    wording: multiline(4000, "offenceWording"),
    legislation: text(300, "legislation"),
    startDate: realDate,
    endDate: realDate.nullable(),
    modeOfTrial,
    indicatedPlea,
    plea,
  };
}

function defendantFields(today: string) {
  return {
    firstName: text(100, "firstName"),
    lastName: text(100, "surname"),
    dateOfBirth: realDate.refine(notInFuture(today), problem("futureDateOfBirth")),
    custody,
    custodyTimeLimit: realDate.nullable(),
    bailConditions: multiline(2000, "bailConditions").nullable(),
    interpreterLanguage: text(60, "interpreterLanguage").nullable(),
    isYouth: z.boolean(),
  };
}

function hearingFields() {
  return {
    courtCode,
    courtroom: text(40, "courtroom").nullable(),
    date: realDate,
    startTime,
    type: hearingType,
    estimatedMinutes: z.number().int().positive().max(60 * 24 * 30).nullable(),
    judiciary,
  };
}

const endsAfterStart = (o: { startDate?: string; endDate?: string | null }) => !o.startDate || !o.endDate || o.endDate >= o.startDate;
const atLeastOneField = (o: Record<string, unknown>) => Object.keys(o).length > 0;

/** An offence at intake; the pleas default to none indicated, none entered. */
export function offenceIntake() {
  const f = offenceFields();
  return z
    .object({ ...f, endDate: f.endDate.default(null), indicatedPlea: f.indicatedPlea.default("no-indication"), plea: f.plea.default("none") })
    .strict()
    .refine(endsAfterStart, { message: problem("endBeforeStart"), path: ["endDate"] });
}

const offencesIntake = () => z.array(offenceIntake()).min(1, problem("defendantNeedsOffence")).max(100);

/** A person defendant at intake, with at least one offence (`kind` may be left out). */
function personIntake(today: string) {
  const f = defendantFields(today);
  return z
    .object({
      kind: z.literal("person"),
      ...f,
      custodyTimeLimit: f.custodyTimeLimit.default(null),
      bailConditions: f.bailConditions.default(null),
      interpreterLanguage: f.interpreterLanguage.default(null),
      isYouth: f.isYouth.default(false),
      offences: offencesIntake(),
    })
    .strict();
}

/**
 * An organisation defendant at intake: its registered name and offences (and an interpreter, for
 * whoever attends for it). It has no date of birth, custody or bail, so those fields are refused.
 * It comes out in the stored shape: the name as `lastName`, the person-only fields empty.
 */
function organisationIntake() {
  return z
    .object({
      kind: z.literal("organisation"),
      organisationName: text(200, "organisationName"),
      interpreterLanguage: text(60, "interpreterLanguage").nullable().default(null),
      offences: offencesIntake(),
    })
    .strict()
    .transform(({ organisationName, ...rest }) => ({ ...rest, ...organisationFields(organisationName) }));
}

/** The person-only fields of an organisation defendant, in the stored shape. */
function organisationFields(organisationName: string) {
  return {
    firstName: "",
    lastName: organisationName,
    dateOfBirth: null,
    custody: null,
    custodyTimeLimit: null,
    bailConditions: null,
    isYouth: false,
  } as const;
}

/** A defendant at intake: a person (the default) or an organisation, with at least one offence. */
export function defendantIntake(today: string) {
  return z.preprocess(
    (v) => (v !== null && typeof v === "object" && !Array.isArray(v) && !("kind" in v) ? { ...v, kind: "person" } : v),
    z.discriminatedUnion("kind", [personIntake(today), organisationIntake()]),
  );
}

/** A hearing to list; the court defaults to the case's court. */
export const hearingRequest = (() => {
  const f = hearingFields();
  return z
    .object({
      ...f,
      courtCode: f.courtCode.optional(),
      courtroom: f.courtroom.default(null),
      estimatedMinutes: f.estimatedMinutes.default(null),
      judiciary: f.judiciary.default([]),
    })
    .strict();
})();
export type HearingRequest = z.output<typeof hearingRequest>;

/**
 * Body of `POST /api/cases`. The prosecuting organisation defaults to the prosecutor's own; court
 * staff name it. A Crown Court case comes with its date of sending.
 */
export function createCaseRequest(today: string) {
  return z
    .object({
      urn: intakeUrn,
      prosecutingOrganisationId: text(64, "prosecutingOrganisation").optional(),
      jurisdiction,
      courtCode,
      sentOn: realDate.refine(notInFuture(today), problem("futureSending")).nullable().default(null),
      defendants: z.array(defendantIntake(today)).min(1, problem("caseNeedsDefendant")).max(50),
      hearings: z.array(hearingRequest).max(20).default([]),
    })
    .strict()
    .refine((c) => (c.jurisdiction === "crown") === (c.sentOn !== null), {
      message: problem("crownNeedsSending"),
      path: ["sentOn"],
    });
}
export type CreateCaseRequest = z.output<ReturnType<typeof createCaseRequest>>;

/** Body of `PATCH /api/cases/:caseId`: the court moves within a jurisdiction; sending is its own request. */
export const casePatch = z
  .object({ courtCode, status: caseStatus.exclude(["sent-to-crown-court"]) })
  .partial()
  .strict()
  .refine(atLeastOneField, problem("nothingToChange"));
export type CasePatch = z.output<typeof casePatch>;

/**
 * Body of `PATCH /api/defendants/:id`. A person's fields, or an organisation's name; which apply
 * depends on the defendant, so the service checks that (`checkDefendantPatch`).
 */
export function defendantPatch(today: string) {
  return z
    .object({ ...defendantFields(today), organisationName: text(200, "organisationName") })
    .partial()
    .strict()
    .refine(atLeastOneField, problem("nothingToChange"));
}
export type DefendantPatch = z.output<ReturnType<typeof defendantPatch>>;

/** Fields of a defendant patch that only a person has. */
const PERSON_ONLY = ["firstName", "lastName", "dateOfBirth", "custody", "custodyTimeLimit", "bailConditions", "isYouth"] as const;
const PERSON_ONLY_FIELD: Record<(typeof PERSON_ONLY)[number], ProblemField> = {
  firstName: "firstName",
  lastName: "surname",
  dateOfBirth: "dateOfBirth",
  custody: "custody",
  custodyTimeLimit: "custodyTimeLimit",
  bailConditions: "bailConditions",
  isYouth: "isYouth",
};

/**
 * Whether a patch suits the kind of defendant it changes: the problems (field and message) if
 * not, and otherwise the changes in the stored shape (an organisation's name is its `lastName`).
 */
export function checkDefendantPatch(kind: "person" | "organisation", patch: DefendantPatch) {
  const { organisationName, ...personFields } = patch;
  if (kind === "person") {
    if (organisationName !== undefined) return { problems: [{ field: "organisationName", message: problem("notForPerson") }] };
    return { changes: personFields };
  }
  const problems = PERSON_ONLY.filter((key) => patch[key] !== undefined).map((key) => ({ field: key, message: problem("notForOrganisation", PERSON_ONLY_FIELD[key]) }));
  if (problems.length > 0) return { problems };
  return { changes: { ...(organisationName === undefined ? {} : { lastName: organisationName }), ...(patch.interpreterLanguage === undefined ? {} : { interpreterLanguage: patch.interpreterLanguage }) } };
}

/** Body of `PATCH /api/offences/:id`. */
export const offencePatch = z
  .object(offenceFields())
  .partial()
  .strict()
  .refine(atLeastOneField, problem("nothingToChange"))
  .refine(endsAfterStart, { message: problem("endBeforeStart"), path: ["endDate"] });
export type OffencePatch = z.output<typeof offencePatch>;

/** Body of `PATCH /api/hearings/:id`. */
export const hearingPatch = z.object(hearingFields()).partial().strict().refine(atLeastOneField, problem("nothingToChange"));
export type HearingPatch = z.output<typeof hearingPatch>;

/** Body of `POST /api/cases/:caseId/sending`: the magistrates' court sends the case to the Crown Court. */
export function sendingRequest(today: string) {
  return z
    .object({
      sentOn: realDate.refine(notInFuture(today), problem("futureSending")),
      crownCourtCode: courtCode,
    })
    .strict();
}
export type SendingRequest = z.output<ReturnType<typeof sendingRequest>>;

/** `If-Match: "3"` (or W/"3", or 3): the version the writer last saw, or undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header ?? "");
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
