import type { FormDefinition, FormPartDefinition } from "../../../shared/forms/form-definition.schema.ts";
import { FORM_DEFINITIONS } from "../../../shared/forms/form-definitions.ts";
import { type AppMessageKey, hasMessage, i18n, type MessageValues, t } from "../../src/i18n.ts";
import type { CaseDetail } from "../cases/case.api.ts";
import type { FormSummary } from "./form.api.ts";

/**
 * Text of the forms catalogue namespace (`forms`, shared/i18n/forms.en.ts): the definitions name
 * their questions by key without the namespace (`pet.prosecution.urn.label`).
 */
export function formText(key: string, values?: MessageValues): string {
  return i18n.t(`forms:${key}`, { ...values });
}

export function definitionOf(type: FormSummary["type"]): FormDefinition {
  return FORM_DEFINITIONS[type];
}

/** The definition of a part by its key (`prosecution`, `court`, `defence:<defendantId>`). */
export function partDefinition(definition: FormDefinition, key: string): FormPartDefinition | undefined {
  const side = key.startsWith("defence:") ? "defence" : key;
  return definition.parts.find((part) => part.side === side);
}

/** The defendant a defence part or sign-off is for, if it is one. */
export function defendantIdOf(key: string): string | undefined {
  return key.startsWith("defence:") ? key.slice("defence:".length) : undefined;
}

/** A part's (or a party's sign-off's) name: "Prosecution", "Defence for Jade Whitlock", "Court". */
export function partTitle(definition: FormDefinition, key: string, detail: CaseDetail): string {
  const defendantId = defendantIdOf(key);
  if (defendantId !== undefined) {
    const defendant = detail.defendants.find((d) => d.id === defendantId);
    const name = defendant ? defendant.name : defendantId;
    return formText("common.defencePartFor", { name });
  }
  const part = partDefinition(definition, key);
  return part ? formText(part.title) : key;
}

const STATUS_TAG: Readonly<Record<string, { key: AppMessageKey; tag: string }>> = {
  draft: { key: "caseForms.status.draft", tag: "govuk-tag--grey" },
  agreed: { key: "caseForms.status.agreed", tag: "govuk-tag--blue" },
  finalised: { key: "caseForms.status.finalised", tag: "govuk-tag--green" },
};

/** The words and GOV.UK tag colour of a form's status; a status this client does not know is shown as sent. */
export function formStatus(status: string): { text: string; tagClass: string } {
  const known = STATUS_TAG[status];
  if (known) return { text: t(known.key), tagClass: known.tag };
  const key = `caseForms.status.${status}`;
  return { text: hasMessage(key) ? t(key) : status, tagClass: "govuk-tag--grey" };
}

/** "12 of 15 required answers" (or that none is required). */
export function completenessText(completeness: { answered: number; required: number }): string {
  if (completeness.required === 0) return t("caseForms.noRequiredQuestions");
  return t("caseForms.completeness", { answered: completeness.answered, count: completeness.required });
}

/** The form a case's jurisdiction uses: the PET in the magistrates' court, the PTPH form in the Crown Court. */
export function formTypeFor(jurisdiction: CaseDetail["jurisdiction"]): FormSummary["type"] | undefined {
  return Object.values(FORM_DEFINITIONS).find((definition) => definition.jurisdiction === jurisdiction)?.type;
}
