import {
  computeDueDate,
  DIRECTION_TEMPLATES,
  type DirectionTemplate,
  type DirectionTrigger,
  type TriggerDates,
} from "../../../shared/domain/direction-templates.ts";
import { t } from "../../src/i18n.ts";
import type { CaseDetail } from "../cases/case.api.ts";
import {
  checkDate,
  type DateError,
  type DateParts,
  datePartId,
  emptyDate,
  partsOfIsoDate,
} from "../form-controls/date-parts.ts";
import type { FieldError } from "../layout/error-summary.component.tsx";
import type { DirectionRequest } from "./direction.api.ts";
import { dueOnInText, partyLabel, templateText } from "./direction-labels.tsx";

export type TriggerName = Exclude<DirectionTrigger, "fixed">;
export type Placeholder = DirectionTemplate["placeholders"][number];

/** The dates a time limit can run from, in the order a case meets them. */
export const TRIGGERS: readonly TriggerName[] = ["sending", "firstHearing", "notGuiltyPlea", "initialDisclosure", "trialDate"];
/** Dates that are today unless the court says otherwise (as the server assumes). */
const REQUIRED_TRIGGERS: ReadonlySet<TriggerName> = new Set(["notGuiltyPlea", "initialDisclosure"]);

/** Who must comply with a template's directions, as the picker groups them. */
export const GROUPS: readonly DirectionTemplate["responsibleParty"][] = ["prosecution", "defence", "all", "court"];

/** As the server: placeholder values and free text are limited. */
export const MAX_VALUE = 200;
export const MAX_TEXT = 4000;

export type TemplateChoice = {
  checked: boolean;
  values: Partial<Record<Placeholder, string>>;
  party: string;
  /** What the due date input holds once the court has changed it. */
  due: DateParts;
  dueEdited: boolean;
};

export type GiveFields = {
  templates: Record<string, TemplateChoice>;
  triggers: Record<TriggerName, DateParts>;
  own: { checked: boolean; text: string; party: string; due: DateParts };
};

/** What the rules need to know of the case. */
export type CaseTiming = { inCustody: boolean };

export const FIELD_IDS = {
  template: (id: string) => `template-${id}`,
  placeholder: (id: string, name: Placeholder) => `template-${id}-${name}`,
  party: (id: string) => `template-${id}-party`,
  due: (id: string) => `template-${id}-due`,
  trigger: (name: TriggerName) => `trigger-${name}`,
  own: "own",
  ownText: "own-text",
  ownParty: "own-party",
  ownDue: "own-due",
} as const;

/** The standard directions of the case's court (those for any court included). */
export function templatesFor(jurisdiction: string): DirectionTemplate[] {
  return DIRECTION_TEMPLATES.filter((template) => template.jurisdiction === jurisdiction || template.jurisdiction === "any");
}

/** The trigger dates the case already knows, and today for a plea or disclosure made now. */
function defaultTriggers(detail: CaseDetail, today: string): Record<TriggerName, string | undefined> {
  const firstHearing = detail.hearings.find((h) => h.type === "first-hearing") ?? detail.hearings[0];
  return {
    firstHearing: firstHearing?.date,
    trialDate: detail.hearings.find((h) => h.type === "trial")?.date,
    sending: detail.sentOn ?? undefined,
    notGuiltyPlea: today,
    initialDisclosure: today,
  };
}

export function caseTiming(detail: CaseDetail): CaseTiming {
  return { inCustody: detail.defendants.some((d) => d.custody === "custody") };
}

export function emptyGiveFields(detail: CaseDetail, today: string): GiveFields {
  const defaults = defaultTriggers(detail, today);
  const templates: Record<string, TemplateChoice> = {};
  for (const template of templatesFor(detail.jurisdiction)) {
    templates[template.id] = { checked: false, values: {}, party: template.responsibleParty, due: emptyDate(), dueEdited: false };
  }
  const triggers = {} as Record<TriggerName, DateParts>;
  for (const name of TRIGGERS) triggers[name] = partsOfIsoDate(defaults[name]);
  return { templates, triggers, own: { checked: false, text: "", party: "", due: emptyDate() } };
}

function triggerLabel(name: TriggerName): string {
  return t(`directions.give.triggers.labels.${name}`);
}

/** The trigger dates the chosen templates need, in order. */
export function triggersNeeded(fields: GiveFields, templates: readonly DirectionTemplate[]): TriggerName[] {
  const needed = new Set<TriggerName>();
  for (const template of templates) {
    if (fields.templates[template.id]?.checked && template.due.trigger !== "fixed") needed.add(template.due.trigger);
  }
  return TRIGGERS.filter((name) => needed.has(name));
}

/** The trigger dates as entered, those that are real dates. */
export function enteredTriggers(fields: GiveFields): TriggerDates {
  const dates: TriggerDates = {};
  for (const name of TRIGGERS) {
    const checked = checkDate(fields.triggers[name], { field: triggerLabel(name) });
    if (checked.status === "valid") dates[name] = checked.isoDate;
  }
  return dates;
}

/** The due date the template's rule gives from the dates entered (null: none yet). */
export function computedDue(template: DirectionTemplate, triggers: TriggerDates, timing: CaseTiming): string | null {
  return computeDueDate(template.due, triggers, timing);
}

/** What the due date input shows: the court's date once changed, otherwise the worked-out one. */
export function shownDue(choice: TemplateChoice, computed: string | null): DateParts {
  return choice.dueEdited ? choice.due : partsOfIsoDate(computed ?? undefined);
}

/** The due date a chosen template will have: the court's, or the worked-out one. */
function effectiveDue(choice: TemplateChoice, computed: string | null): string | null {
  if (!choice.dueEdited) return computed;
  const checked = checkDate(choice.due, { field: t("directions.give.due.field") });
  return checked.status === "valid" ? checked.isoDate : null;
}

/** One direction as it will be issued, for the preview. */
export type PreviewItem = { key: string; text: string; party: string; dueOn: string | null };

export function preview(fields: GiveFields, detail: CaseDetail, templates: readonly DirectionTemplate[], timing: CaseTiming): PreviewItem[] {
  const triggers = enteredTriggers(fields);
  const items: PreviewItem[] = [];
  for (const template of templates) {
    const choice = fields.templates[template.id];
    if (!choice?.checked) continue;
    const dueOn = effectiveDue(choice, computedDue(template, triggers, timing));
    const values: Record<string, string> = { dueOn: dueOnInText(dueOn) };
    for (const name of template.placeholders) {
      values[name] = choice.values[name]?.trim() || t(`directions.give.placeholderNames.${name}`);
    }
    items.push({
      key: template.id,
      text: templateText(template.id, values) ?? template.id,
      party: partyLabel(choice.party, detail),
      dueOn,
    });
  }
  if (fields.own.checked) {
    const due = checkDate(fields.own.due, { field: t("directions.give.due.field") });
    items.push({
      key: "own",
      text: fields.own.text.trim(),
      party: fields.own.party ? partyLabel(fields.own.party, detail) : "",
      dueOn: due.status === "valid" ? due.isoDate : null,
    });
  }
  return items;
}

export type GiveErrors = {
  fields: Record<string, string>;
  dates: Record<string, DateError>;
};

export type GiveCheck = { errors: GiveErrors; summary: FieldError[]; requests?: DirectionRequest[] };

const PLACEHOLDER_REQUIRED = {
  witness: "directions.give.errors.witnessRequired",
  language: "directions.give.errors.languageRequired",
  measure: "directions.give.errors.measureRequired",
  detail: "directions.give.errors.detailRequired",
} as const;

/**
 * Check the form as GOV.UK asks (each problem against its field, in the order of the form) and,
 * when all is well, the directions to send.
 */
export function checkGive(fields: GiveFields, templates: readonly DirectionTemplate[]): GiveCheck {
  const errors: GiveErrors = { fields: {}, dates: {} };
  const summary: FieldError[] = [];
  const fieldError = (id: string, message: string) => {
    errors.fields[id] = message;
    summary.push({ fieldId: id, message });
  };
  const dateError = (id: string, error: DateError) => {
    errors.dates[id] = error;
    summary.push({ fieldId: datePartId(id, error.parts[0] ?? "day"), message: error.message });
  };

  const chosen = templates.filter((template) => fields.templates[template.id]?.checked);
  if (chosen.length === 0 && !fields.own.checked) {
    const first = templates[0];
    fieldError(first ? FIELD_IDS.template(first.id) : FIELD_IDS.own, t("directions.give.errors.noneChosen"));
    return { errors, summary };
  }

  // Trigger dates come after the templates on the page, but the due dates depend on them.
  const triggerProblems: [string, DateError][] = [];
  const triggers: TriggerDates = {};
  for (const name of triggersNeeded(fields, templates)) {
    const checked = checkDate(fields.triggers[name], {
      field: triggerLabel(name),
      required: REQUIRED_TRIGGERS.has(name) ? t(`directions.give.errors.${name as "notGuiltyPlea" | "initialDisclosure"}Required`) : undefined,
    });
    if (checked.status === "invalid") triggerProblems.push([FIELD_IDS.trigger(name), checked.error]);
    else if (checked.status === "valid") triggers[name] = checked.isoDate;
  }

  const requests: DirectionRequest[] = [];
  for (const template of chosen) {
    const choice = fields.templates[template.id] as TemplateChoice;
    const values: Record<string, string> = {};
    for (const name of template.placeholders) {
      const id = FIELD_IDS.placeholder(template.id, name);
      const value = choice.values[name]?.trim() ?? "";
      if (value === "") fieldError(id, t(PLACEHOLDER_REQUIRED[name]));
      else if (value.length > MAX_VALUE) fieldError(id, t("directions.give.errors.tooLong", { field: t(`directions.give.placeholders.${name}`), max: MAX_VALUE }));
      else values[name] = value;
    }
    let dueOn: string | undefined;
    if (choice.dueEdited || template.due.trigger === "fixed") {
      const checked = checkDate(choice.dueEdited ? choice.due : emptyDate(), {
        field: t("directions.give.due.field"),
        required: template.due.trigger === "fixed" ? t("directions.give.errors.dueRequired") : undefined,
      });
      if (checked.status === "invalid") dateError(FIELD_IDS.due(template.id), checked.error);
      else if (checked.status === "valid") dueOn = checked.isoDate;
    }
    const own: TriggerDates = {};
    if (template.due.trigger !== "fixed" && triggers[template.due.trigger]) own[template.due.trigger] = triggers[template.due.trigger];
    requests.push({
      templateId: template.id,
      responsibleParty: choice.party,
      ...(dueOn ? { dueOn } : {}),
      ...(template.placeholders.length > 0 ? { values } : {}),
      ...(Object.keys(own).length > 0 ? { triggers: own } : {}),
    });
  }
  for (const [id, error] of triggerProblems) dateError(id, error);

  if (fields.own.checked) {
    const text = fields.own.text.trim();
    if (text === "") fieldError(FIELD_IDS.ownText, t("directions.give.errors.textRequired"));
    else if (text.length > MAX_TEXT) fieldError(FIELD_IDS.ownText, t("directions.give.errors.tooLong", { field: t("directions.give.own.text"), max: MAX_TEXT }));
    if (fields.own.party === "") fieldError(FIELD_IDS.ownParty, t("directions.give.errors.partyRequired"));
    const due = checkDate(fields.own.due, { field: t("directions.give.due.field") });
    if (due.status === "invalid") dateError(FIELD_IDS.ownDue, due.error);
    requests.push({ text, responsibleParty: fields.own.party, ...(due.status === "valid" ? { dueOn: due.isoDate } : {}) });
  }

  return summary.length > 0 ? { errors, summary } : { errors, summary, requests };
}
