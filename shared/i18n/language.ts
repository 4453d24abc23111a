import { type Language, SUPPORTED_LANGUAGES } from "./i18n.ts";

/**
 * The language a person reads Caseroom in. Chosen with the header's switch and remembered in a
 * cookie (every page and API answer follows it, signed in or not) and on the user's record (so it
 * comes back at the next sign-in, on any device); without either, the browser's Accept-Language.
 */
export const LANGUAGE_COOKIE = "caseroom_lang";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The supported language the browser prefers most (`cy-GB,cy;q=0.9,en;q=0.8` → cy), or English.
 * Tags are matched on their primary subtag; `q=0` means "not this one".
 */
export function languageFromAcceptLanguage(header: string | undefined): Language {
  let best: { language: Language; q: number } | undefined;
  for (const range of (header ?? "").split(",").slice(0, 20)) {
    const [tag = "", ...params] = range.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    if (!isLanguage(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    // Of equal weights, the one the browser listed first.
    if (!best || q > best.q) best = { language: primary, q };
  }
  return best?.language ?? "en";
}

/** BCP 47 locale for a language's dates and numbers. */
export function localeOf(language: Language): string {
  return language === "cy" ? "cy-GB" : "en-GB";
}

/** An ISO calendar date as people read it in the language: "2 March 2026", "2 Mawrth 2026". */
export function formatLongDate(isoDate: string, language: Language): string {
  const instant = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return isoDate;
  return new Intl.DateTimeFormat(localeOf(language), { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(instant);
}

/** A court's name in a language: its Welsh name, where it has one, for Welsh. */
export function courtNameIn(court: { name: string; welshName?: string | null }, language: Language): string {
  return language === "cy" && court.welshName ? court.welshName : court.name;
}
