import { normaliseUrn, URN_PATTERN } from "../../../shared/schemas/common.schema.ts";
import { t } from "../../src/i18n.ts";
import type { FieldError } from "../layout/error-summary.component.tsx";
import {
  checkDate,
  type DateError,
  type DateParts,
  datePartId,
  emptyDate,
  partsOfIsoDate,
} from "../form-controls/date-parts.ts";
import type { CaseSearch } from "./case.api.ts";

/** The "Find a case" form as typed. Each field's id is also its name in the page's query. */
export type CaseSearchFields = {
  urn: string;
  surname: string;
  dateOfBirth: DateParts;
  court: string;
  hearingFrom: DateParts;
  hearingTo: DateParts;
  q: string;
};

type TextField = "urn" | "surname" | "court" | "q";
type DateField = "dateOfBirth" | "hearingFrom" | "hearingTo";

export type CaseSearchErrors = Partial<Record<TextField, string> & Record<DateField, DateError>>;

export type CaseSearchCheck = {
  errors: CaseSearchErrors;
  /** The same problems for the error summary, in the order of the form. */
  summary: FieldError[];
  /** The search to run, when there are no problems. */
  search?: CaseSearch;
};

/** Longest text the server accepts in a search field. */
const MAX_TEXT = 100;

const FIELD_ORDER = ["urn", "surname", "dateOfBirth", "court", "hearingFrom", "hearingTo", "q"] as const;
const DATE_FIELDS: readonly DateField[] = ["dateOfBirth", "hearingFrom", "hearingTo"];

/** An empty form (new objects: stores change the objects they are given). */
export function emptySearch(): CaseSearchFields {
  return {
    urn: "",
    surname: "",
    dateOfBirth: emptyDate(),
    court: "",
    hearingFrom: emptyDate(),
    hearingTo: emptyDate(),
    q: "",
  };
}

type QueryValue = string | string[] | undefined;

function first(value: QueryValue): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * The form's fields from the page's query. Dates are written as ISO dates (`dateOfBirth=
 * 1990-02-14`); the day, month and year that the form itself would submit are read too.
 */
export function fieldsFromQuery(query: Readonly<Record<string, QueryValue>>): CaseSearchFields {
  const date = (field: DateField): DateParts => {
    const parts = {
      day: first(query[`${field}-day`]),
      month: first(query[`${field}-month`]),
      year: first(query[`${field}-year`]),
    };
    return parts.day || parts.month || parts.year ? parts : partsOfIsoDate(first(query[field]));
  };
  return {
    urn: first(query.urn),
    surname: first(query.surname),
    dateOfBirth: date("dateOfBirth"),
    court: first(query.court),
    hearingFrom: date("hearingFrom"),
    hearingTo: date("hearingTo"),
    q: first(query.q),
  };
}

/** Check the form (GOV.UK validation) and, if it is right, say what to search for. */
export function checkSearch(fields: CaseSearchFields, today: string): CaseSearchCheck {
  const errors: CaseSearchErrors = {};
  const search: CaseSearch = {};

  const urn = normaliseUrn(fields.urn);
  if (urn !== "") {
    if (URN_PATTERN.test(urn)) search.urn = urn;
    else errors.urn = t("cases.search.errors.urnFormat");
  }

  const text = (field: Exclude<TextField, "urn">, label: string, value: string) => {
    if (value === "") return;
    if (value.length > MAX_TEXT) {
      errors[field] = t("textInput.errors.tooLong", { field: label, max: MAX_TEXT });
    } else {
      search[field] = value;
    }
  };
  text("surname", t("cases.search.surname.label"), fields.surname.trim());
  text("court", t("cases.search.court.label"), fields.court.trim().toUpperCase());
  text("q", t("cases.search.q.label"), fields.q.trim());

  const dates = {
    dateOfBirth: checkDate(fields.dateOfBirth, {
      field: t("cases.search.dateOfBirth.field"),
      beforeToday: today,
    }),
    hearingFrom: checkDate(fields.hearingFrom, { field: t("cases.search.hearingFrom.field") }),
    hearingTo: checkDate(fields.hearingTo, { field: t("cases.search.hearingTo.field") }),
  };
  for (const field of DATE_FIELDS) {
    const check = dates[field];
    if (check.status === "invalid") errors[field] = check.error;
    else if (check.status === "valid") search[field] = check.isoDate;
  }
  if (search.hearingFrom && search.hearingTo && search.hearingTo < search.hearingFrom) {
    errors.hearingTo = {
      message: t("cases.search.errors.hearingRange"),
      parts: ["day", "month", "year"],
    };
    delete search.hearingTo;
  }

  const summary: FieldError[] = [];
  for (const field of FIELD_ORDER) {
    const error = errors[field];
    if (error === undefined) continue;
    summary.push(
      typeof error === "string"
        ? { fieldId: field, message: error }
        : { fieldId: datePartId(field, error.parts[0] ?? "day"), message: error.message },
    );
  }
  return summary.length > 0 ? { errors, summary } : { errors, summary, search };
}

/** The page's query for a search: `?urn=…&dateOfBirth=YYYY-MM-DD`, or "" for no filter. */
export function queryOfSearch(search: CaseSearch): string {
  const query = new URLSearchParams();
  for (const field of FIELD_ORDER) {
    const value = search[field];
    if (value) query.set(field, value);
  }
  return query.size > 0 ? `?${query}` : "";
}

/** Whether a search filters anything (otherwise it lists all the user's cases). */
export function isFiltered(search: CaseSearch): boolean {
  return FIELD_ORDER.some((field) => !!search[field]);
}
