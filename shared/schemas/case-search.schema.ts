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

/** Body of `POST /api/associations`. */
export const associationRequest = z
  .object({
    urn: z.string().trim().min(1).max(40).transform(normaliseUrn).pipe(z.string().regex(URN_PATTERN)),
    surname: z.string().trim().min(1).max(100),
    dateOfBirth: isoDate,
    forename: z.string().trim().max(100).optional(),
  })
  .strict();
export type AssociationRequest = z.output<typeof associationRequest>;
