import { courtName } from "../cases/case-labels.component.tsx";
import type { DirectionTemplate, DueRule } from "../../../shared/domain/direction-templates.ts";
import type { Messages } from "../../../shared/i18n/messages.en.ts";
import { formatDate } from "../../src/date-format.ts";
import { i18n, t } from "../../src/i18n.ts";
import type { CaseDetail } from "../cases/case.api.ts";

/** The standard directions' words are in the catalogue's `directions` namespace, as the server renders them. */
export type TemplateTextKey = keyof Messages["directions"]["templates"];

function hasTemplateText(id: string): id is TemplateTextKey {
  return i18n.exists(`directions:templates.${id}`);
}

/** A template's words with these values in its placeholders (`dueOn` included), or undefined. */
export function templateText(templateId: string, values: Readonly<Record<string, string>>): string | undefined {
  if (!hasTemplateText(templateId)) return undefined;
  return i18n.t(`directions:templates.${templateId}`, { ...values });
}

/** The words of a direction's due date in its text: "2 January 2027", or "no date set". */
export function dueOnInText(dueOn: string | null | undefined): string {
  return dueOn ? formatDate(dueOn) : i18n.t("directions:noDueDate");
}

export type PartyOption = { value: string; label: string };

/**
 * Who must comply, in words: "Prosecution", "Defence (all defendants)", "Defence of Jade
 * Whitlock", "All parties", "Court". A value this client does not know is shown as sent.
 */
export function partyLabel(party: string, detail: CaseDetail): string {
  switch (party) {
    case "prosecution":
      return t("directions.parties.prosecution");
    case "defence":
      return t("directions.parties.defence");
    case "all":
      return t("directions.parties.all");
    case "court":
      return t("directions.parties.court");
  }
  if (party.startsWith("defendant:")) {
    const id = party.slice("defendant:".length);
    const defendant = detail.defendants.find((d) => d.id === id);
    if (defendant) return t("directions.parties.defendant", { name: defendant.name });
  }
  return party;
}

/** The choices of who must comply with a direction, in the order the court thinks of them. */
export function partyOptions(detail: CaseDetail): PartyOption[] {
  const values = [
    "prosecution",
    "defence",
    ...detail.defendants.map((d) => `defendant:${d.id}`),
    "all",
    "court",
  ];
  return values.map((value) => ({ value, label: partyLabel(value, detail) }));
}

/**
 * The organisation behind a party that acknowledged or complied: the prosecutor's name for
 * "prosecution", the firm for `defence:<organisationId>` (from the defendants it represents).
 */
export function organisationOfParty(party: string, detail: CaseDetail): string {
  if (party === "prosecution") return detail.prosecutor.name;
  if (party === "court") return courtName(detail.court);
  if (party.startsWith("defence:")) {
    const organisationId = party.slice("defence:".length);
    const firm = detail.defendants.find((d) => d.representedBy?.organisationId === organisationId)?.representedBy;
    return firm?.organisationName ?? organisationId;
  }
  return party;
}

const STATUS_KEY = {
  due: "directions.statuses.due",
  "due-soon": "directions.statuses.dueSoon",
  overdue: "directions.statuses.overdue",
  complied: "directions.statuses.complied",
  open: "directions.statuses.open",
} as const;

const STATUS_CLASS: Readonly<Record<string, string>> = {
  due: "govuk-tag--blue",
  "due-soon": "govuk-tag--yellow",
  overdue: "govuk-tag--red",
  complied: "govuk-tag--green",
  open: "govuk-tag--grey",
};

export function statusText(status: string): string {
  return status in STATUS_KEY ? t(STATUS_KEY[status as keyof typeof STATUS_KEY]) : status;
}

/** GOV.UK tag for a direction's status: Due, Due soon, Overdue, Complied or No date. */
export function DirectionStatusTag(props: { status: string }) {
  return (
    <strong class={`govuk-tag ${STATUS_CLASS[props.status] ?? "govuk-tag--grey"}`}>
      {statusText(props.status)}
    </strong>
  );
}

const TRIGGER_KEY = {
  firstHearing: "directions.give.rules.triggers.firstHearing",
  notGuiltyPlea: "directions.give.rules.triggers.notGuiltyPlea",
  sending: "directions.give.rules.triggers.sending",
  initialDisclosure: "directions.give.rules.triggers.initialDisclosure",
  trialDate: "directions.give.rules.triggers.trialDate",
} as const;

/** How a due date follows from its trigger, in words: "28 days after the not guilty plea". */
export function ruleText(rule: DueRule): string {
  if (rule.trigger === "fixed") return t("directions.give.rules.fixed");
  if (rule.trigger === "sending") {
    return t("directions.give.rules.sending", { custody: rule.offset.custody, bail: rule.offset.bail });
  }
  const trigger = t(TRIGGER_KEY[rule.trigger]);
  const count = Math.abs(rule.offset);
  const before = rule.offset < 0;
  if (rule.unit === "business") {
    return t(before ? "directions.give.rules.businessBefore" : "directions.give.rules.businessAfter", { count, trigger });
  }
  return t(before ? "directions.give.rules.calendarBefore" : "directions.give.rules.calendarAfter", { count, trigger });
}

/** A template's words as the court chooses it, each placeholder shown by name: "… by [due date]." */
export function templateOutline(template: DirectionTemplate): string {
  return (
    templateText(template.id, {
      dueOn: t("directions.give.placeholderNames.dueOn"),
      witness: t("directions.give.placeholderNames.witness"),
      language: t("directions.give.placeholderNames.language"),
      measure: t("directions.give.placeholderNames.measure"),
      detail: t("directions.give.placeholderNames.detail"),
    }) ?? template.id
  );
}
