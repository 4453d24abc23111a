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

const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code < 0xa0);

/** True when the text holds a control character (CR, LF, NUL…): never allowed in names or titles. */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (isControl(value.charCodeAt(i))) return true;
  return false;
}

/** The text with each run of control characters replaced by one space. */
export function withoutControlCharacters(value: string): string {
  let out = "";
  let inRun = false;
  for (const char of value) {
    if (isControl(char.charCodeAt(0))) {
      if (!inRun) out += " ";
      inRun = true;
    } else {
      out += char;
      inRun = false;
    }
  }
  return out;
}
