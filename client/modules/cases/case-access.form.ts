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

/** A defendant is a person (the default) or an organisation: a company, a council, a partnership. */
export type AccessKind = "person" | "organisation";
export const ACCESS_KINDS: readonly AccessKind[] = ["person", "organisation"];

/**
 * The "Get access to a case" form as typed. A person is found by surname and date of birth (and
 * perhaps forename); an organisation by its name and the date of its first hearing.
 */
export type AccessFields = {
  kind: AccessKind;
  urn: string;
  surname: string;
  dateOfBirth: DateParts;
  forename: string;
  organisationName: string;
  hearingDate: DateParts;
};

export type AccessErrors = Partial<
  Record<"urn" | "surname" | "forename" | "organisationName", string> &
    Record<"dateOfBirth" | "hearingDate", DateError>
>;

export type AccessCheck = {
  errors: AccessErrors;
  summary: FieldError[];
  /** What to send, when there are no problems. */
  request?: AssociationRequest;
};

const MAX_TEXT = 100;
/** An organisation's registered name may be longer than a person's (as the API allows). */
const MAX_ORGANISATION_NAME = 200;

export function emptyAccessFields(): AccessFields {
  return {
    kind: "person",
    urn: "",
    surname: "",
    dateOfBirth: emptyDate(),
    forename: "",
    organisationName: "",
    hearingDate: emptyDate(),
  };
}

const tooLong = (label: string, max: number) => t("textInput.errors.tooLong", { field: label, max });

const dateSummary = (id: string, error: DateError): FieldError => ({
  fieldId: datePartId(id, error.parts[0] ?? "day"),
  message: error.message,
});

/**
 * Check the form as GOV.UK validation asks, and build the request when it is right. Only the
 * chosen kind's fields are checked and sent; what was typed for the other kind is kept.
 */
export function checkAccess(fields: AccessFields, today: string): AccessCheck {
  const errors: AccessErrors = {};
  const summary: FieldError[] = [];

  const urn = normaliseUrn(fields.urn);
  if (urn === "") errors.urn = t("cases.access.errors.urnRequired");
  else if (!URN_PATTERN.test(urn)) errors.urn = t("cases.access.errors.urnFormat");
  if (errors.urn) summary.push({ fieldId: "urn", message: errors.urn });

  if (fields.kind === "organisation") {
    const organisationName = fields.organisationName.trim();
    if (organisationName === "") errors.organisationName = t("cases.access.errors.organisationNameRequired");
    else if (organisationName.length > MAX_ORGANISATION_NAME) {
      errors.organisationName = tooLong(t("cases.access.organisationName.label"), MAX_ORGANISATION_NAME);
    }
    if (errors.organisationName) summary.push({ fieldId: "organisationName", message: errors.organisationName });

    // The first hearing, past or to come: the date the summons gives.
    const hearingDate = checkDate(fields.hearingDate, {
      field: t("cases.access.hearingDate.field"),
      required: t("cases.access.errors.hearingDateRequired"),
    });
    if (hearingDate.status === "invalid") {
      errors.hearingDate = hearingDate.error;
      summary.push(dateSummary("hearingDate", hearingDate.error));
    }

    if (summary.length > 0 || hearingDate.status !== "valid") return { errors, summary };
    return {
      errors,
      summary,
      request: { kind: "organisation", urn, organisationName, hearingDate: hearingDate.isoDate },
    };
  }

  const surname = fields.surname.trim();
  if (surname === "") errors.surname = t("cases.access.errors.surnameRequired");
  else if (surname.length > MAX_TEXT) errors.surname = tooLong(t("cases.access.surname.label"), MAX_TEXT);
  if (errors.surname) summary.push({ fieldId: "surname", message: errors.surname });

  const dateOfBirth = checkDate(fields.dateOfBirth, {
    field: t("cases.access.dateOfBirth.field"),
    required: t("cases.access.errors.dateOfBirthRequired"),
    beforeToday: today,
  });
  if (dateOfBirth.status === "invalid") {
    errors.dateOfBirth = dateOfBirth.error;
    summary.push(dateSummary("dateOfBirth", dateOfBirth.error));
  }

  const forename = fields.forename.trim();
  if (forename.length > MAX_TEXT) errors.forename = tooLong(t("cases.access.forename.label"), MAX_TEXT);
  if (errors.forename) summary.push({ fieldId: "forename", message: errors.forename });

  if (summary.length > 0 || dateOfBirth.status !== "valid") return { errors, summary };
  return {
    errors,
    summary,
    request: {
      kind: "person",
      urn,
      surname,
      dateOfBirth: dateOfBirth.isoDate,
      ...(forename === "" ? {} : { forename }),
    },
  };
}
