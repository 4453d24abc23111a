import { hasMessage, i18n, t } from "../../src/i18n.ts";

/** Catalogue groups that name the values of an API field. */
type ValueGroup =
  | "caseStatuses"
  | "hearingTypes"
  | "custodyStatuses"
  | "pleas"
  | "modesOfTrial"
  | "jurisdictions";

/** The catalogue's words for an API value; a value it does not know is shown as sent. */
export function valueText(group: ValueGroup, value: string): string {
  const key = `${group}.${value}`;
  return hasMessage(key) ? t(key) : value;
}

/** A court's name in the reader's language: its Welsh name, where it has one, for Welsh readers. */
export function courtName(court: { name: string; welshName?: string | null }): string {
  return i18n.language === "cy" && court.welshName ? court.welshName : court.name;
}

const STATUS_TAG_CLASS: Readonly<Record<string, string>> = {
  active: "govuk-tag--blue",
  "sent-to-crown-court": "govuk-tag--purple",
  concluded: "govuk-tag--grey",
};

const CUSTODY_TAG_CLASS: Readonly<Record<string, string>> = {
  custody: "govuk-tag--red",
  bail: "govuk-tag--blue",
  "at-large": "govuk-tag--orange",
};

/** GOV.UK tag for a case status. */
export function CaseStatusTag(props: { status: string }) {
  return (
    <strong class={`govuk-tag ${STATUS_TAG_CLASS[props.status] ?? "govuk-tag--grey"}`}>
      {valueText("caseStatuses", props.status)}
    </strong>
  );
}

/** GOV.UK tag for a defendant's custody status. */
export function CustodyTag(props: { custody: string }) {
  return (
    <strong class={`govuk-tag ${CUSTODY_TAG_CLASS[props.custody] ?? "govuk-tag--grey"}`}>
      {valueText("custodyStatuses", props.custody)}
    </strong>
  );
}
