import type { DateError, DatePart, DateParts } from "../form-controls/date-parts.ts";
import { DateInput } from "../form-controls/date-input.component.tsx";
import { t } from "../../src/i18n.ts";
import { TextInput } from "../form-controls/text-input.component.tsx";

type NameField = "firstName" | "lastName";

/**
 * Who a defendant is, as "Create a case" and "Edit case details" ask it: first name, last name and
 * date of birth, with their inline errors. `id` names each input (the error summary links to it).
 */
export function DefendantIdentityFields(props: {
  id: (name: NameField | "dateOfBirth") => string;
  values: { firstName: string; lastName: string; dateOfBirth: DateParts };
  errors: { firstName?: string; lastName?: string; dateOfBirth?: DateError };
  onName: (name: NameField, value: string) => void;
  onDate: (part: DatePart, value: string) => void;
}) {
  const name = (field: NameField, label: string) => (
    <TextInput
      id={props.id(field)}
      label={label}
      error={props.errors[field]}
      value={props.values[field]}
      onInput={(value) => props.onName(field, value)}
      widthClass="govuk-input--width-20"
      autocomplete="off"
      spellcheck={false}
    />
  );
  return (
    <>
      {name("firstName", t("cases.create.defendant.firstName"))}
      {name("lastName", t("cases.create.defendant.lastName"))}
      <DateInput
        id={props.id("dateOfBirth")}
        legend={t("cases.create.defendant.dateOfBirth.legend")}
        hint={t("cases.create.defendant.dateOfBirth.hint")}
        error={props.errors.dateOfBirth}
        value={props.values.dateOfBirth}
        onInput={props.onDate}
      />
    </>
  );
}

/**
 * Who a defendant that is an organisation is, as "Create a case" and "Edit case details" ask it:
 * its registered name (it has no date of birth), with its inline error.
 */
export function OrganisationNameField(props: { id: string; value: string; error?: string; onInput: (value: string) => void }) {
  return (
    <TextInput
      id={props.id}
      label={t("cases.create.defendant.organisationName.label")}
      hint={t("cases.create.defendant.organisationName.hint")}
      error={props.error}
      value={props.value}
      onInput={props.onInput}
      widthClass="govuk-input--width-30"
      autocomplete="off"
      spellcheck={false}
    />
  );
}
