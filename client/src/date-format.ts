import { t } from "./i18n.ts";

/** Every date and time a user reads is in Europe/London time (DESIGN §7). */
const TIME_ZONE = "Europe/London";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

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
  if (Number.isNaN(instant.getTime()) || instant.getUTCDate() !== Number(day)) return isoDate;
  // Month names from the catalogue: a browser's Intl may not know Welsh (Chromium without its
  // full ICU data silently answers in US English).
  const monthKey = String(Number(month)) as MonthNumber;
  return t("time.date", { day: Number(day), month: t(`time.months.${monthKey}`), year: Number(year) });
}

type MonthNumber = "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "10" | "11" | "12";

/**
 * Format a London wall-clock time (`14:30`, as hearings are listed) the GOV.UK way: "2:30pm",
 * "10am", "midday", "midnight". Returns the input unchanged if it is not a time.
 */
export function formatTime(localTime: string): string {
  const match = LOCAL_TIME.exec(localTime);
  if (!match) return localTime;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return localTime;
  if (minutes === 0 && hours === 12) return t("time.midday");
  if (minutes === 0 && hours === 0) return t("time.midnight");
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const time = minutes === 0 ? String(hour12) : `${hour12}:${String(minutes).padStart(2, "0")}`;
  return t(hours < 12 ? "time.am" : "time.pm", { time });
}

/** Today's calendar date in London as an ISO date (`2026-03-02`), for "in the past" checks. */
export function todayInLondon(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((item) => item.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** An ISO instant's calendar date and wall-clock time in London: `2026-03-02` and `14:30`. */
function londonParts(instant: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((item) => item.type === type)?.value ?? "";
  return {
    date: `${part("year")}-${part("month")}-${part("day")}`,
    time: `${part("hour")}:${part("minute")}`,
  };
}

/**
 * Format an ISO instant (`2026-03-02T14:30:00.000Z`) as its London date and time: "2 March 2026
 * at 2:30pm". Returns the input unchanged if it is not an instant.
 */
export function formatDateTime(isoInstant: string): string {
  const instant = new Date(isoInstant);
  if (Number.isNaN(instant.getTime())) return isoInstant;
  const { date, time } = londonParts(instant);
  return t("time.dateTime", { date: formatDate(date), time: formatTime(time) });
}
