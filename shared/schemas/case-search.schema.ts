import { z } from "zod";
import { isoDate, normaliseUrn, URN_PATTERN } from "./common.schema.ts";

const trimmed = z
  .string()
  .trim()
  .max(100)
  .transform((v) => (v === "" ? undefined : v));

/** Query of `GET /api/cases` (DESIGN §11). Empty fields are ignored; the URN is normalised. */
export const caseSearchQuery = z
  .object({
    urn: trimmed
      .transform((v) => (v === undefined ? undefined : normaliseUrn(v)))
      .refine((v) => v === undefined || URN_PATTERN.test(v), "URN must be 11 letters and numbers"),
    surname: trimmed,
    dateOfBirth: trimmed.pipe(isoDate.optional()),
    court: trimmed,
    hearingFrom: trimmed.pipe(isoDate.optional()),
    hearingTo: trimmed.pipe(isoDate.optional()),
    q: trimmed,
  })
  .partial()
  .strict();
export type CaseSearchQuery = z.output<typeof caseSearchQuery>;

const associationUrn = z.string().trim().min(1).max(40).transform(normaliseUrn).pipe(z.string().regex(URN_PATTERN));

/**
 * Body of `POST /api/associations`: the URN and, for a person, their surname and date of birth
 * (and, to tell apart two of the same name and birthday, the forename); for an organisation
 * (`"kind": "organisation"`), its name and the date of its first hearing, as on the
 * summons served on it (Common Platform asks an organisation's name and a hearing date too).
 */
export const associationRequest = z.union([
  z
    .object({
      kind: z.literal("person").optional(),
      urn: associationUrn,
      surname: z.string().trim().min(1).max(100),
      dateOfBirth: isoDate,
      forename: z.string().trim().max(100).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("organisation"),
      urn: associationUrn,
      organisationName: z.string().trim().min(1).max(200),
      hearingDate: isoDate,
    })
    .strict(),
]);
export type AssociationRequest = z.output<typeof associationRequest>;
