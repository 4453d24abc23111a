import * as Y from "yjs";
import type { FormField, FormPartDefinition, ScalarField } from "./form-definition.schema.ts";

/**
 * How a form part lives in its Y.Doc: one Y.Map `fields`; text answers are Y.Text (so two people
 * can type in one field), single answers plain strings, multiple choices string arrays, repeating
 * rows a Y.Array of Y.Maps. A yes/no field's details are the Y.Text `<id>Details`.
 */
export const FIELDS_MAP = "fields";

export type CanonicalValue = string | string[] | Record<string, CanonicalValue>[] | null;

function scalarValue(field: ScalarField, container: Y.Map<unknown>): CanonicalValue {
  const raw = container.get(field.id);
  if (raw instanceof Y.Text) return raw.toString();
  if (Array.isArray(raw)) return raw.map(String).sort();
  return typeof raw === "string" ? raw : null;
}

/** The canonical, order-independent content of one part: what a sign-off's hash covers. */
export function canonicalPart(doc: Y.Doc, definition: FormPartDefinition): Record<string, CanonicalValue> {
  const fields = doc.getMap<unknown>(FIELDS_MAP);
  const out: Record<string, CanonicalValue> = {};
  for (const section of definition.sections) {
    for (const field of section.fields) {
      if (field.type === "rows") {
        const rows = fields.get(field.id);
        out[field.id] =
          rows instanceof Y.Array
            ? rows.toArray().map((item) => {
                const map = item instanceof Y.Map ? (item as Y.Map<unknown>) : new Y.Map<unknown>();
                const row: Record<string, CanonicalValue> = {};
                for (const column of field.columns) {
                  row[column.id] = scalarValue(column, map);
                  if (column.type === "yesNo" && column.detailsWhen) {
                    const details = map.get(`${column.id}Details`);
                    row[`${column.id}Details`] = details instanceof Y.Text ? details.toString() : null;
                  }
                }
                return row;
              })
            : [];
      } else {
        out[field.id] = scalarValue(field, fields);
        if (field.type === "yesNo" && field.detailsWhen) {
          const details = fields.get(`${field.id}Details`);
          out[`${field.id}Details`] = details instanceof Y.Text ? details.toString() : null;
        }
      }
    }
  }
  return out;
}

/** Write a value the server knows (pre-fill) into a field, as the form's own type for it. */
export function setFieldValue(doc: Y.Doc, field: FormField, value: string | string[]): void {
  const fields = doc.getMap<unknown>(FIELDS_MAP);
  if (field.type === "text" || field.type === "longText") {
    const text = new Y.Text();
    text.insert(0, Array.isArray(value) ? value.join("\n") : value);
    fields.set(field.id, text);
  } else if (field.type === "multiChoice") {
    fields.set(field.id, Array.isArray(value) ? value : [value]);
  } else if (field.type !== "rows") {
    fields.set(field.id, Array.isArray(value) ? (value[0] ?? "") : value);
  }
}

/** Whether a part's required fields are answered: [answered, required]. */
export function completeness(content: Record<string, CanonicalValue>, definition: FormPartDefinition): { answered: number; required: number } {
  let answered = 0;
  let required = 0;
  for (const section of definition.sections) {
    for (const field of section.fields) {
      const rule = field.required;
      const isRequired = rule === "always" || (rule !== undefined && (content[rule.field] ?? null) === (typeof rule.equals === "boolean" ? (rule.equals ? "yes" : "no") : rule.equals));
      if (!isRequired) continue;
      required += 1;
      const value = content[field.id];
      if (value !== null && value !== undefined && (Array.isArray(value) ? value.length > 0 : String(value).trim() !== "")) answered += 1;
    }
  }
  return { answered, required };
}
