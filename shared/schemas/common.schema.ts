import { z } from "zod";

/** ISO calendar date, e.g. 2026-03-02. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
/** ISO instant in UTC, e.g. 2026-03-02T10:15:00.000Z. */
export const isoInstant = z.string().datetime();

/** URN: 11 upper-case letters or digits (Common Platform). */
export const URN_PATTERN = /^[A-Z0-9]{11}$/;
export const urn = z.string().regex(URN_PATTERN);

/** Normalise a URN as typed by a user: trim, drop spaces, upper case. */
export function normaliseUrn(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/** Case- and accent-insensitive form of a name, used for surname search. */
export function foldName(input: string): string {
  return input
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .trim();
}
