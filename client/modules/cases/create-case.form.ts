import { normaliseUrn, URN_PATTERN } from "../../../shared/schemas/common.schema.ts";
import { OFFENCE_CODE_PATTERN } from "../../../shared/schemas/intake.schema.ts";
import { type MessageKey, t } from "../../src/i18n.ts";
import { checkDate, type DateError, type DateParts, datePartId, emptyDate } from "../form-controls/date-parts.ts";
import type { FieldError } from "../layout/error-summary.component.tsx";
import type { CreateCaseBody, DefendantBody } from "./case-intake.api.ts";

/** One offence as typed; `key` tells the rows apart when one is removed. */
export type OffenceFields = {
  key: number;
  code: string;
  title: string;
  wording: string;
  legislation: string;
  startDate: DateParts;
  modeOfTrial: string;
};

/** A defendant is a person (the default) or an organisation: a company, a council, a partnership. */
export type DefendantKind = "person" | "organisation";
export const DEFENDANT_KINDS: readonly DefendantKind[] = ["person", "organisation"];

/**
 * One defendant as typed. What was typed for the other kind is kept while the user changes their
 * mind, but only the chosen kind's fields are checked and sent.
 */
export type DefendantFields = {
  key: number;
  kind: DefendantKind;
  organisationName: string;
  firstName: string;
  lastName: string;
  dateOfBirth: DateParts;
  custody: string;
  offences: OffenceFields[];
};

/** The "Create a case" form as typed. */
export type CreateCaseFields = {
  urn: string;
  prosecutor: string;
  courtCode: string;
  jurisdiction: string;
  sentOn: DateParts;
  defendants: DefendantFields[];
  hearing: { date: DateParts; startTime: string; type: string; courtroom: string };
};

/** Problems by field id: text fields and choices, and date inputs (which highlight their parts). */
export type CreateCaseErrors = { fields: Record<string, string>; dates: Record<string, DateError> };

export type CreateCaseCheck = { errors: CreateCaseErrors; summary: FieldError[]; body?: CreateCaseBody };

let nextKey = 1;

export function emptyOffence(): OffenceFields {
  return { key: nextKey++, code: "", title: "", wording: "", legislation: "", startDate: emptyDate(), modeOfTrial: "" };
}

export function emptyDefendant(): DefendantFields {
  return {
    key: nextKey++,
    kind: "person",
    organisationName: "",
    firstName: "",
    lastName: "",
    dateOfBirth: emptyDate(),
    custody: "",
    offences: [emptyOffence()],
  };
}

export function emptyCreateCase(): CreateCaseFields {
  return {
    urn: "",
    prosecutor: "",
    courtCode: "",
    jurisdiction: "magistrates",
    sentOn: emptyDate(),
    defendants: [emptyDefendant()],
    hearing: { date: emptyDate(), startTime: "", type: "first-hearing", courtroom: "" },
  };
}

/** Ids of the inputs, which the error summary links to. */
export const fieldId = {
  defendant: (d: number, name: string) => `defendants-${d}-${name}`,
  offence: (d: number, o: number, name: string) => `defendants-${d}-offences-${o}-${name}`,
};

const MAX_TEXT = 100;
/** An organisation's registered name may be longer than a person's name (as the intake schema allows). */
const MAX_ORGANISATION_NAME = 200;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

type FieldName = keyof typeof FIELD_NAME_KEYS;
const FIELD_NAME_KEYS = {
  firstName: "cases.create.fieldNames.firstName",
  lastName: "cases.create.fieldNames.lastName",
  organisationName: "cases.create.fieldNames.organisationName",
  custody: "cases.create.fieldNames.custody",
  title: "cases.create.fieldNames.title",
  wording: "cases.create.fieldNames.wording",
  legislation: "cases.create.fieldNames.legislation",
  modeOfTrial: "cases.create.fieldNames.modeOfTrial",
  code: "cases.create.fieldNames.code",
  court: "cases.create.fieldNames.court",
  prosecutor: "cases.create.fieldNames.prosecutor",
  type: "cases.create.fieldNames.type",
  startTime: "cases.create.fieldNames.startTime",
} as const satisfies Record<string, MessageKey>;

/**
 * Check the form as the intake schema will (`shared/schemas/intake.schema.ts`), in the order of
 * the form, and build the body of `POST /api/cases` when nothing is wrong.
 */
export function checkCreateCase(fields: CreateCaseFields, today: string): CreateCaseCheck {
  const summary: FieldError[] = [];
  const errors: CreateCaseErrors = { fields: {}, dates: {} };
  const fail = (id: string, message: string) => {
    errors.fields[id] = message;
    summary.push({ fieldId: id, message });
  };
  const text = (id: string, value: string, name: FieldName, max = MAX_TEXT) => {
    const trimmed = value.trim();
    if (trimmed === "") fail(id, t("cases.create.errors.required", { field: t(FIELD_NAME_KEYS[name]) }));
    else if (trimmed.length > max) fail(id, t("textInput.errors.tooLong", { field: t(FIELD_NAME_KEYS[name]), max }));
    return trimmed;
  };
  const choice = (id: string, value: string, name: FieldName) => {
    if (value === "") fail(id, t("cases.create.errors.choose", { field: t(FIELD_NAME_KEYS[name]) }));
    return value;
  };
  const date = (id: string, parts: DateParts, field: string, beforeToday?: string) => {
    const checked = checkDate(parts, { field, required: t("cases.create.errors.dateRequired", { field: field.toLowerCase() }), beforeToday });
    if (checked.status === "invalid") {
      errors.dates[id] = checked.error;
      summary.push({ fieldId: datePartId(id, checked.error.parts[0] ?? "day"), message: checked.error.message });
      return "";
    }
    return checked.status === "valid" ? checked.isoDate : "";
  };

  const urn = normaliseUrn(fields.urn);
  if (urn === "") fail("urn", t("cases.create.errors.urnRequired"));
  else if (!URN_PATTERN.test(urn)) fail("urn", t("cases.create.errors.urnFormat"));
  const prosecutor = choice("prosecutor", fields.prosecutor, "prosecutor");
  const courtCode = choice("courtCode", fields.courtCode, "court");
  const isCrown = fields.jurisdiction === "crown";
  // A date of sending in the future is the server's to refuse: it may be today, which the
  // date input's "before today" rule would not allow.
  const sentOn = isCrown ? date("sentOn", fields.sentOn, t("cases.create.sentOn.field")) : "";

  const defendants = fields.defendants.map((defendant, d): DefendantBody => {
    // An organisation has its name and no date of birth or custody status; a person the rest.
    const identity =
      defendant.kind === "organisation"
        ? {
            kind: "organisation" as const,
            organisationName: text(fieldId.defendant(d, "organisationName"), defendant.organisationName, "organisationName", MAX_ORGANISATION_NAME),
          }
        : {
            kind: "person" as const,
            firstName: text(fieldId.defendant(d, "firstName"), defendant.firstName, "firstName"),
            lastName: text(fieldId.defendant(d, "lastName"), defendant.lastName, "lastName"),
            dateOfBirth: date(fieldId.defendant(d, "dateOfBirth"), defendant.dateOfBirth, t("cases.create.defendant.dateOfBirth.field"), today),
            custody: choice(fieldId.defendant(d, "custody"), defendant.custody, "custody"),
          };
    const offences = defendant.offences.map((offence, o) => {
      const id = (name: string) => fieldId.offence(d, o, name);
      const code = offence.code.trim().toUpperCase();
      if (code === "") fail(id("code"), t("cases.create.errors.required", { field: t(FIELD_NAME_KEYS.code) }));
      else if (!OFFENCE_CODE_PATTERN.test(code)) fail(id("code"), t("cases.create.errors.codeFormat"));
      return {
        code,
        title: text(id("title"), offence.title, "title", 200),
        wording: text(id("wording"), offence.wording, "wording", 4000),
        legislation: text(id("legislation"), offence.legislation, "legislation", 300),
        startDate: date(id("startDate"), offence.startDate, t("cases.create.offence.startDate.field")),
        modeOfTrial: choice(id("modeOfTrial"), offence.modeOfTrial, "modeOfTrial"),
      };
    });
    return { ...identity, offences };
  });

  const hearingDate = date("hearing-date", fields.hearing.date, t("cases.create.hearing.date.field"));
  const startTime = fields.hearing.startTime.trim();
  if (startTime === "") fail("hearing-startTime", t("cases.create.errors.required", { field: t(FIELD_NAME_KEYS.startTime) }));
  else if (!TIME.test(startTime)) fail("hearing-startTime", t("cases.create.errors.timeFormat"));
  const type = choice("hearing-type", fields.hearing.type, "type");
  const courtroom = fields.hearing.courtroom.trim();

  if (summary.length > 0) return { errors, summary };
  return {
    errors,
    summary,
    body: {
      urn,
      prosecutingOrganisationId: prosecutor,
      jurisdiction: isCrown ? "crown" : "magistrates",
      courtCode,
      sentOn: isCrown ? sentOn : null,
      defendants,
      hearings: [{ date: hearingDate, startTime, type, courtroom: courtroom === "" ? null : courtroom }],
    },
  };
}
