import { addBusinessDays, addCalendarDays } from "./calendar.ts";

/**
 * Standard directions as data (research/domain.md §4.3, §5): text (catalogue key
 * `directions:templates.<id>` with placeholders), who must comply, the legal basis, and how the
 * due date follows from a trigger. Changing a time limit is a data change.
 */
export type DirectionTrigger = "firstHearing" | "notGuiltyPlea" | "sending" | "initialDisclosure" | "trialDate" | "fixed";
export type ResponsibleParty = "prosecution" | "defence" | "all" | "court" | `defendant:${string}`;

export type DueRule =
  | { trigger: Exclude<DirectionTrigger, "sending">; unit: "calendar" | "business"; offset: number }
  /** Crown Court stages run from sending, longer when nobody is in custody. */
  | { trigger: "sending"; unit: "calendar"; offset: { custody: number; bail: number } }
  | { trigger: "fixed" };

export type DirectionTemplate = {
  id: string;
  /** The court whose directions these are ("any" for both). */
  jurisdiction: "magistrates" | "crown" | "any";
  responsibleParty: "prosecution" | "defence" | "all" | "court";
  legalBasis: string;
  /** Placeholders the court fills in, besides the due date. */
  placeholders: readonly ("witness" | "language" | "measure" | "detail")[];
  due: DueRule;
};

export const DIRECTION_TEMPLATES: readonly DirectionTemplate[] = [
  { id: "mc-prosecution-evidence", jurisdiction: "magistrates", responsibleParty: "prosecution", legalBasis: "CrimPR 2020 r.3.16; PET standard directions", placeholders: [], due: { trigger: "notGuiltyPlea", unit: "calendar", offset: 28 } },
  { id: "mc-initial-disclosure", jurisdiction: "magistrates", responsibleParty: "prosecution", legalBasis: "CPIA 1996 s.3", placeholders: [], due: { trigger: "notGuiltyPlea", unit: "calendar", offset: 28 } },
  { id: "mc-defence-statement", jurisdiction: "magistrates", responsibleParty: "defence", legalBasis: "CPIA 1996 s.6; Defence Disclosure Time Limits Regulations 2011 reg.2(2)", placeholders: [], due: { trigger: "initialDisclosure", unit: "calendar", offset: 14 } },
  { id: "mc-defence-witness-notice", jurisdiction: "magistrates", responsibleParty: "defence", legalBasis: "CPIA 1996 s.6C; Defence Disclosure Time Limits Regulations 2011 reg.2(2)", placeholders: [], due: { trigger: "initialDisclosure", unit: "calendar", offset: 14 } },
  { id: "mc-witnesses-required", jurisdiction: "magistrates", responsibleParty: "defence", legalBasis: "CrimPR 2020 Part 3; PET standard directions", placeholders: [], due: { trigger: "notGuiltyPlea", unit: "calendar", offset: 7 } },
  { id: "mc-bad-character-prosecution", jurisdiction: "magistrates", responsibleParty: "prosecution", legalBasis: "CrimPR 2020 r.21.4(3)(a)", placeholders: [], due: { trigger: "notGuiltyPlea", unit: "business", offset: 20 } },
  { id: "mc-special-measures", jurisdiction: "magistrates", responsibleParty: "prosecution", legalBasis: "Youth Justice and Criminal Evidence Act 1999 s.19; CrimPR 2020 Part 18", placeholders: ["witness", "measure"], due: { trigger: "notGuiltyPlea", unit: "business", offset: 20 } },
  { id: "mc-interpreter", jurisdiction: "magistrates", responsibleParty: "court", legalBasis: "CrimPR 2020 r.3.8", placeholders: ["language"], due: { trigger: "trialDate", unit: "business", offset: -5 } },
  { id: "cc-stage-1", jurisdiction: "crown", responsibleParty: "prosecution", legalBasis: "CrimPR 2020 r.3.19; Crime and Disorder Act 1998 (Service of Prosecution Evidence) Regulations 2005 reg.2", placeholders: [], due: { trigger: "sending", unit: "calendar", offset: { custody: 50, bail: 70 } } },
  { id: "cc-stage-2", jurisdiction: "crown", responsibleParty: "defence", legalBasis: "CPIA 1996 s.5; Defence Disclosure Time Limits Regulations 2011 reg.2(3)", placeholders: [], due: { trigger: "sending", unit: "calendar", offset: { custody: 78, bail: 98 } } },
  { id: "cc-stage-3", jurisdiction: "crown", responsibleParty: "prosecution", legalBasis: "PTPH form, Part B stage 3", placeholders: [], due: { trigger: "sending", unit: "calendar", offset: { custody: 92, bail: 112 } } },
  { id: "cc-stage-4", jurisdiction: "crown", responsibleParty: "defence", legalBasis: "PTPH form, Part B stage 4", placeholders: [], due: { trigger: "sending", unit: "calendar", offset: { custody: 106, bail: 126 } } },
  { id: "cc-trial-readiness", jurisdiction: "crown", responsibleParty: "all", legalBasis: "CrimPR 2020 r.3.13; PTPH form", placeholders: [], due: { trigger: "trialDate", unit: "calendar", offset: -28 } },
  { id: "cc-dismissal", jurisdiction: "crown", responsibleParty: "defence", legalBasis: "CrimPR 2020 r.3.20(2)", placeholders: [], due: { trigger: "initialDisclosure", unit: "business", offset: 20 } },
  { id: "any-fixed-date", jurisdiction: "any", responsibleParty: "all", legalBasis: "CrimPR 2020 r.3.5", placeholders: ["detail"], due: { trigger: "fixed" } },
];

export type TriggerDates = Partial<Record<Exclude<DirectionTrigger, "fixed">, string>>;

/** The due date a rule gives, or null when its trigger date is not known. */
export function computeDueDate(rule: DueRule, triggers: TriggerDates, options: { inCustody: boolean }): string | null {
  if (rule.trigger === "fixed") return null;
  const from = triggers[rule.trigger];
  if (!from) return null;
  if (rule.trigger === "sending") return addCalendarDays(from, options.inCustody ? rule.offset.custody : rule.offset.bail);
  return rule.unit === "business" ? addBusinessDays(from, rule.offset) : addCalendarDays(from, rule.offset);
}

export function findTemplate(id: string): DirectionTemplate | undefined {
  return DIRECTION_TEMPLATES.find((t) => t.id === id);
}
