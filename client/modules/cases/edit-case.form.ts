import { type MessageKey, t } from "../../src/i18n.ts";
import { checkDate, type DateError, type DateParts, datePartId, emptyDate } from "../form-controls/date-parts.ts";
import type { FieldError } from "../layout/error-summary.component.tsx";
import { type CaseDetail, isOrganisation } from "./case.api.ts";

/** One offence's plea as the court records it. */
export type EditOffenceFields = { id: string; version: number; title: string; plea: string };

/**
 * One defendant's details as the court may correct or update them after intake. An organisation
 * has its name (and an interpreter, for whoever attends for it); the person's fields stay empty.
 */
export type EditDefendantFields = {
  id: string;
  version: number;
  isOrganisation: boolean;
  organisationName: string;
  firstName: string;
  lastName: string;
  dateOfBirth: DateParts;
  custody: string;
  custodyTimeLimit: DateParts;
  bailConditions: string;
  interpreterLanguage: string;
  offences: EditOffenceFields[];
};

export type EditCaseFields = { caseVersion: number; status: string; defendants: EditDefendantFields[] };
export type EditCaseErrors = { fields: Record<string, string>; dates: Record<string, DateError> };

/** One PATCH that the form's changes need, with the version it was based on (sent as If-Match). */
export type RecordChange = { path: string; version: number; patch: Record<string, unknown>; name: string };

export type EditCaseCheck = { errors: EditCaseErrors; summary: FieldError[]; changes?: RecordChange[] };

export const editFieldId = {
  defendant: (d: number, name: string) => `defendants-${d}-${name}`,
  offence: (d: number, o: number) => `defendants-${d}-offences-${o}-plea`,
};

const dateParts = (iso: string | null): DateParts => {
  if (!iso) return emptyDate();
  const [year = "", month = "", day = ""] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
};

/** The form filled with the case as loaded. */
export function editCaseFields(detail: CaseDetail): EditCaseFields {
  return {
    caseVersion: detail.version,
    status: detail.status,
    defendants: detail.defendants.map((d) => ({
      id: d.id,
      version: d.version,
      isOrganisation: isOrganisation(d),
      organisationName: isOrganisation(d) ? d.lastName : "",
      firstName: d.firstName,
      lastName: d.lastName,
      dateOfBirth: dateParts(d.dateOfBirth),
      custody: d.custody ?? "",
      custodyTimeLimit: dateParts(d.custodyTimeLimit),
      bailConditions: d.bailConditions ?? "",
      interpreterLanguage: d.interpreterLanguage ?? "",
      offences: d.offences.map((o) => ({ id: o.id, version: o.version, title: o.title, plea: o.plea })),
    })),
  };
}

const LIMITS = { firstName: 100, lastName: 100, organisationName: 200, bailConditions: 2000, interpreterLanguage: 60 } as const;
const FIELD_NAME_KEYS = {
  firstName: "cases.create.fieldNames.firstName",
  lastName: "cases.create.fieldNames.lastName",
  organisationName: "cases.create.fieldNames.organisationName",
  bailConditions: "cases.edit.fieldNames.bailConditions",
  interpreterLanguage: "cases.edit.fieldNames.interpreterLanguage",
} as const satisfies Record<keyof typeof LIMITS, MessageKey>;

/**
 * Check the form as the PATCH schemas will (`shared/schemas/intake.schema.ts`) and list the
 * requests that carry what changed: the case, then each defendant, then each offence's plea.
 * Nothing changed is nothing to send; a field left as loaded is not in its patch.
 */
export function checkEditCase(fields: EditCaseFields, detail: CaseDetail, today: string): EditCaseCheck {
  const summary: FieldError[] = [];
  const errors: EditCaseErrors = { fields: {}, dates: {} };
  const fail = (id: string, message: string) => {
    errors.fields[id] = message;
    summary.push({ fieldId: id, message });
  };
  const date = (id: string, parts: DateParts, field: string, options: { required: boolean; beforeToday?: string }) => {
    const required = options.required ? t("cases.create.errors.dateRequired", { field: field.toLowerCase() }) : undefined;
    const checked = checkDate(parts, { field, required, beforeToday: options.beforeToday });
    if (checked.status === "invalid") {
      errors.dates[id] = checked.error;
      summary.push({ fieldId: datePartId(id, checked.error.parts[0] ?? "day"), message: checked.error.message });
      return undefined;
    }
    return checked.status === "valid" ? checked.isoDate : null;
  };

  const changes: RecordChange[] = [];
  if (fields.status !== detail.status) {
    changes.push({ path: `/api/cases/${encodeURIComponent(detail.id)}`, version: fields.caseVersion, patch: { status: fields.status }, name: detail.urn });
  }

  fields.defendants.forEach((defendant, d) => {
    const loaded = detail.defendants.find((x) => x.id === defendant.id);
    if (!loaded) return;
    const id = (name: string) => editFieldId.defendant(d, name);
    const patch: Record<string, unknown> = {};
    /** The value as loaded, to which an unchanged field is compared (an organisation's name is its `lastName`). */
    const loadedValue = (name: keyof typeof LIMITS) => (name === "organisationName" ? loaded.lastName : loaded[name]);
    const text = (name: keyof typeof LIMITS, value: string, isOptional: boolean) => {
      const trimmed = value.trim();
      const field = t(FIELD_NAME_KEYS[name]);
      if (trimmed === "" && !isOptional) fail(id(name), t("cases.create.errors.required", { field }));
      else if (trimmed.length > LIMITS[name]) fail(id(name), t("textInput.errors.tooLong", { field, max: LIMITS[name] }));
      const next = trimmed === "" && isOptional ? null : trimmed;
      if (next !== (loadedValue(name) ?? (isOptional ? null : ""))) patch[name] = next;
    };
    if (isOrganisation(loaded)) {
      // An organisation has no date of birth, custody or bail: the server refuses those fields.
      text("organisationName", defendant.organisationName, false);
    } else {
      text("firstName", defendant.firstName, false);
      text("lastName", defendant.lastName, false);
      const dateOfBirth = date(id("dateOfBirth"), defendant.dateOfBirth, t("cases.create.defendant.dateOfBirth.field"), { required: true, beforeToday: today });
      if (dateOfBirth && dateOfBirth !== loaded.dateOfBirth) patch.dateOfBirth = dateOfBirth;
      if (defendant.custody !== "" && defendant.custody !== loaded.custody) patch.custody = defendant.custody;
      const limit = date(id("custodyTimeLimit"), defendant.custodyTimeLimit, t("cases.edit.defendant.custodyTimeLimit.field"), { required: false });
      if (limit !== undefined && limit !== loaded.custodyTimeLimit) patch.custodyTimeLimit = limit;
      text("bailConditions", defendant.bailConditions, true);
    }
    text("interpreterLanguage", defendant.interpreterLanguage, true);
    const name = loaded.name;
    if (Object.keys(patch).length > 0) {
      changes.push({ path: `/api/defendants/${encodeURIComponent(defendant.id)}`, version: defendant.version, patch, name });
    }
    for (const offence of defendant.offences) {
      const before = loaded.offences.find((x) => x.id === offence.id);
      if (before && offence.plea !== before.plea) {
        changes.push({ path: `/api/offences/${encodeURIComponent(offence.id)}`, version: offence.version, patch: { plea: offence.plea }, name: offence.title });
      }
    }
  });

  if (summary.length > 0) return { errors, summary };
  return { errors, summary, changes };
}
