import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from "./bank-holidays.ts";

/** Day of the week of an ISO date (0 = Sunday), computed in UTC so it never drifts. */
function weekday(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

/** Add calendar days to an ISO date. */
export function addCalendarDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A business day is any day except Saturday, Sunday or an England and Wales bank holiday. */
export function isBusinessDay(isoDate: string): boolean {
  const day = weekday(isoDate);
  return day !== 0 && day !== 6 && !ENGLAND_AND_WALES_BANK_HOLIDAYS.has(isoDate);
}

/** Add (or subtract, when negative) business days to an ISO date. */
export function addBusinessDays(isoDate: string, days: number): string {
  const step = days < 0 ? -1 : 1;
  let remaining = Math.abs(days);
  let current = isoDate;
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (isBusinessDay(current)) remaining -= 1;
  }
  return current;
}

/** Made once: building a formatter costs some fifteen times what using one does. */
let londonFormat: Intl.DateTimeFormat | undefined;

/** Local date (YYYY-MM-DD) and time (HH:MM) in Europe/London of a UTC instant. */
export function londonDateTime(instant: string | Date): { date: string; time: string } {
  londonFormat ??= new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const parts = londonFormat.formatToParts(typeof instant === "string" ? new Date(instant) : instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}

/**
 * Deemed service of a document served electronically (CrimPR r.4.11): the day it is sent if that
 * is a business day and it is sent by 14:30 (London time), otherwise the next business day.
 */
export function deemedServiceDate(servedAt: string | Date): string {
  const { date, time } = londonDateTime(servedAt);
  if (isBusinessDay(date) && time <= "14:30") return date;
  return addBusinessDays(date, 1);
}
