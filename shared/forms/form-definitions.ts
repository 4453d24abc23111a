import { type FormDefinition, formDefinition } from "./form-definition.schema.ts";
import { petForm } from "./pet.form.ts";
import { ptphForm } from "./ptph.form.ts";

export type FormType = FormDefinition["type"];

/** Parse at module load, so a bad definition fails when the process starts, not when a form is opened. */
function load(type: FormType, definition: FormDefinition): FormDefinition {
  const parsed = formDefinition.parse(definition);
  if (parsed.type !== type) throw new Error(`form definition registered as ${type} has type ${parsed.type}`);
  return parsed;
}

/** The case-management forms, by type. Text is in the `forms` catalogue namespace. */
export const FORM_DEFINITIONS: Record<FormType, FormDefinition> = {
  PET: load("PET", petForm),
  PTPH: load("PTPH", ptphForm),
};
