import { locale } from "./i18n.ts";

/** Every date and time a user reads is in Europe/London time (DESIGN §7). */
const TIME_ZONE = "Europe/London";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateFormat(): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

/**
 * Format an ISO calendar date (`2026-03-02`) as "2 March 2026". The date is taken at noon UTC,
 * which is the same calendar day in London whatever the season. Returns the input unchanged if
 * it is not a date, so a surprising value is shown rather than hidden.
 */
export function formatDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  const instant = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12));
  return Number.isNaN(instant.getTime()) ? isoDate : dateFormat().format(instant);
}
