import { z } from "zod";

/**
 * Case-management forms as data (PET, PTPH): changing a question is a data change, never code.
 * Labels and hints are catalogue keys in the `forms` namespace of shared/i18n (English and Welsh).
 */

/** Where the server pre-fills a field from the case when the form is created. */
export const prefillSource = z.enum([
  "urn",
  "court",
  "jurisdiction",
  "defendantName",
  "defendantDateOfBirth",
  "offences",
  "custody",
  "custodyTimeLimit",
  "sentOn",
  "interpreterLanguage",
  "prosecutor",
]);
export type PrefillSource = z.infer<typeof prefillSource>;

const fieldId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, "camelCase field id");
const messageKey = z.string().regex(/^[a-z0-9][a-zA-Z0-9.-]*$/, "catalogue key");

/** A field is required always, or when another field of the same part has a value. */
export const requiredWhen = z.union([
  z.literal("always"),
  z.object({ field: fieldId, equals: z.union([z.string(), z.boolean()]) }).strict(),
]);

const baseField = {
  id: fieldId,
  label: messageKey,
  hint: messageKey.optional(),
  required: requiredWhen.optional(),
  prefill: prefillSource.optional(),
};

const option = z.object({ value: z.string().regex(/^[a-z0-9-]+$/), label: messageKey }).strict();

export const scalarField = z.discriminatedUnion("type", [
  z.object({ ...baseField, type: z.literal("text") }).strict(),
  z.object({ ...baseField, type: z.literal("longText") }).strict(),
  z.object({ ...baseField, type: z.literal("date") }).strict(),
  /** Yes or no; `detailsWhen` asks for details (a long text `<id>Details`) after that answer. */
  z.object({ ...baseField, type: z.literal("yesNo"), detailsWhen: z.enum(["yes", "no"]).optional(), detailsLabel: messageKey.optional() }).strict(),
  z.object({ ...baseField, type: z.literal("choice"), options: z.array(option).min(2) }).strict(),
  z.object({ ...baseField, type: z.literal("multiChoice"), options: z.array(option).min(2) }).strict(),
]);
export type ScalarField = z.infer<typeof scalarField>;

export const field = z.union([
  scalarField,
  /** Repeating rows (for example witnesses), each row with its own scalar columns. */
  z.object({ ...baseField, type: z.literal("rows"), columns: z.array(scalarField).min(1), addLabel: messageKey }).strict(),
]);
export type FormField = z.infer<typeof field>;

export const section = z.object({ id: fieldId, title: messageKey, description: messageKey.optional(), fields: z.array(field).min(1) }).strict();
export type FormSection = z.infer<typeof section>;

/** A part is written by one side; the defence part is repeated for every defendant. */
export const part = z.object({ side: z.enum(["prosecution", "defence", "court"]), title: messageKey, sections: z.array(section).min(1) }).strict();
export type FormPartDefinition = z.infer<typeof part>;

export const formDefinition = z
  .object({
    type: z.enum(["PET", "PTPH"]),
    title: messageKey,
    jurisdiction: z.enum(["magistrates", "crown"]),
    /** Sides whose sign-off makes the form agreed (the court then finalises it). */
    signOffBy: z.array(z.enum(["prosecution", "defence", "court"])).min(1),
    parts: z.array(part).min(2),
  })
  .strict()
  .superRefine((def, ctx) => {
    for (const p of def.parts) {
      const ids = new Set<string>();
      for (const s of p.sections) {
        for (const f of s.fields) {
          if (ids.has(f.id)) ctx.addIssue({ code: "custom", message: `duplicate field ${p.side}.${f.id}` });
          ids.add(f.id);
        }
      }
      for (const s of p.sections) {
        for (const f of s.fields) {
          if (f.required && f.required !== "always" && !ids.has(f.required.field)) {
            ctx.addIssue({ code: "custom", message: `${p.side}.${f.id} depends on unknown field ${f.required.field}` });
          }
        }
      }
    }
  });
export type FormDefinition = z.infer<typeof formDefinition>;
