import { t } from "../../src/i18n.ts";

/** What a user typed into a GOV.UK date input, as typed. */
export type DateParts = { day: string; month: string; year: string };
export type DatePart = keyof DateParts;

export const DATE_PART_NAMES: readonly DatePart[] = ["day", "month", "year"];

/** The id (and name) of a date input's part, which an error summary links to. */
export function datePartId(id: string, part: DatePart): string {
  return `${id}-${part}`;
}

/** A date input with nothing in it (a new object: stores change the objects they are given). */
export function emptyDate(): DateParts {
  return { day: "", month: "", year: "" };
}

/** A problem with a date: the message, and which of its inputs to highlight. */
export type DateError = { message: string; parts: readonly DatePart[] };

export type DateCheck =
  | { status: "empty" }
  | { status: "valid"; isoDate: string }
  | { status: "invalid"; error: DateError };

export type DateRules = {
  /** The date's name at the start of a message: "Date of birth". */
  field: string;
  /** The message when nothing was entered; without it, a date may be left empty. */
  required?: string;
  /** Today in London (ISO); with it, the date must be before today. */
  beforeToday?: string;
};

const MISSING_MESSAGE = {
  day: "dateInput.errors.mustIncludeDay",
  month: "dateInput.errors.mustIncludeMonth",
  year: "dateInput.errors.mustIncludeYear",
  "day,month": "dateInput.errors.mustIncludeDayAndMonth",
  "day,year": "dateInput.errors.mustIncludeDayAndYear",
  "month,year": "dateInput.errors.mustIncludeMonthAndYear",
} as const;

const DIGITS = /^\d+$/;

/**
 * Check a date as the GOV.UK date input pattern asks: say which part is missing, then whether
 * the date is real, then the rules that apply to it. Spaces around each part are ignored.
 */
export function checkDate(input: DateParts, rules: DateRules): DateCheck {
  const parts: DateParts = {
    day: input.day.trim(),
    month: input.month.trim(),
    year: input.year.trim(),
  };
  const invalid = (message: string, highlighted: readonly DatePart[] = DATE_PART_NAMES) =>
    ({ status: "invalid", error: { message, parts: highlighted } }) as const;

  const missing = DATE_PART_NAMES.filter((part) => parts[part] === "");
  if (missing.length === 3) {
    return rules.required ? invalid(rules.required) : { status: "empty" };
  }
  if (missing.length > 0) {
    const key = MISSING_MESSAGE[missing.join(",") as keyof typeof MISSING_MESSAGE];
    return invalid(t(key, { field: rules.field }), missing);
  }

  const notNumbers = DATE_PART_NAMES.filter((part) => !DIGITS.test(parts[part]));
  if (notNumbers.length > 0) {
    return invalid(t("dateInput.errors.notReal", { field: rules.field }), notNumbers);
  }
  if (parts.year.length !== 4) return invalid(t("dateInput.errors.yearFourDigits"), ["year"]);

  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const date = new Date(Date.UTC(year, month - 1, day));
  const isReal =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  if (!isReal) return invalid(t("dateInput.errors.notReal", { field: rules.field }));

  const isoDate = `${parts.year}-${pad(month)}-${pad(day)}`;
  if (rules.beforeToday !== undefined && isoDate >= rules.beforeToday) {
    return invalid(t("dateInput.errors.notPast", { field: rules.field }));
  }
  return { status: "valid", isoDate };
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** The parts of an ISO date, for filling a date input from a link; empty if it is not one. */
export function partsOfIsoDate(isoDate: string | undefined): DateParts {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(isoDate ?? "");
  if (!match) return emptyDate();
  return { year: match[1] ?? "", month: String(Number(match[2])), day: String(Number(match[3])) };
}
