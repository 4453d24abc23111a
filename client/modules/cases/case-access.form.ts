import { normaliseUrn, URN_PATTERN } from "../../../shared/schemas/common.schema.ts";
import { t } from "../../src/i18n.ts";
import {
  checkDate,
  type DateError,
  type DateParts,
  datePartId,
  emptyDate,
} from "../form-controls/date-parts.ts";
import type { FieldError } from "../layout/error-summary.component.tsx";
import type { AssociationRequest } from "./case.api.ts";

/** The "Get access to a case" form as typed. */
export type AccessFields = {
  urn: string;
  surname: string;
  dateOfBirth: DateParts;
  forename: string;
};

export type AccessErrors = Partial<
  Record<"urn" | "surname" | "forename", string> & Record<"dateOfBirth", DateError>
>;

export type AccessCheck = {
  errors: AccessErrors;
  summary: FieldError[];
  /** What to send, when there are no problems. */
  request?: AssociationRequest;
};

const MAX_TEXT = 100;

export function emptyAccessFields(): AccessFields {
  return { urn: "", surname: "", dateOfBirth: emptyDate(), forename: "" };
}

/** Check the form as GOV.UK validation asks, and build the request when it is right. */
export function checkAccess(fields: AccessFields, today: string): AccessCheck {
  const errors: AccessErrors = {};

  const urn = normaliseUrn(fields.urn);
  if (urn === "") errors.urn = t("cases.access.errors.urnRequired");
  else if (!URN_PATTERN.test(urn)) errors.urn = t("cases.access.errors.urnFormat");

  const surname = fields.surname.trim();
  if (surname === "") errors.surname = t("cases.access.errors.surnameRequired");
  else if (surname.length > MAX_TEXT) {
    errors.surname = t("textInput.errors.tooLong", {
      field: t("cases.access.surname.label"),
      max: MAX_TEXT,
    });
  }

  const dateOfBirth = checkDate(fields.dateOfBirth, {
    field: t("cases.access.dateOfBirth.field"),
    required: t("cases.access.errors.dateOfBirthRequired"),
    beforeToday: today,
  });
  if (dateOfBirth.status === "invalid") errors.dateOfBirth = dateOfBirth.error;

  const forename = fields.forename.trim();
  if (forename.length > MAX_TEXT) {
    errors.forename = t("textInput.errors.tooLong", {
      field: t("cases.access.forename.label"),
      max: MAX_TEXT,
    });
  }

  const summary: FieldError[] = [];
  if (errors.urn) summary.push({ fieldId: "urn", message: errors.urn });
  if (errors.surname) summary.push({ fieldId: "surname", message: errors.surname });
  if (errors.dateOfBirth) {
    summary.push({
      fieldId: datePartId("dateOfBirth", errors.dateOfBirth.parts[0] ?? "day"),
      message: errors.dateOfBirth.message,
    });
  }
  if (errors.forename) summary.push({ fieldId: "forename", message: errors.forename });

  if (summary.length > 0 || dateOfBirth.status !== "valid") return { errors, summary };
  return {
    errors,
    summary,
    request: {
      urn,
      surname,
      dateOfBirth: dateOfBirth.isoDate,
      ...(forename === "" ? {} : { forename }),
    },
  };
}
