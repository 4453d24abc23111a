import type { i18n } from "i18next";

/** What a direction's words are made from: a standard direction's template and values, or the court's own words. */
export type DirectionWording = { templateId: string | null; templateValues?: Readonly<Record<string, string>>; text: string; dueOn: string | null };

/**
 * A direction's words in the reader's language. A standard direction is its template in that
 * language with the values the court gave; a direction in the court's own words (or from a
 * template this catalogue no longer has) stays as it was written.
 */
export function directionText(i18n: i18n, direction: DirectionWording, formatDate: (isoDate: string) => string): string {
  const key = `directions:templates.${direction.templateId}`;
  if (direction.templateId === null || !i18n.exists(key)) return direction.text;
  const dueOn = direction.dueOn ? formatDate(direction.dueOn) : i18n.t("directions:noDueDate");
  return i18n.t(key, { ...direction.templateValues, dueOn });
}
