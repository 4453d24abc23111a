import type { i18n } from "i18next";
import type { ProblemField, ProblemKey } from "./problems.en.ts";

/**
 * A problem with what was sent, as a catalogue key rather than words, so the same check can be
 * reported in the reader's language: `problems:required|surname`, or `problems:header` with values.
 */
export type ProblemMessage = `problems:${ProblemKey}` | `problems:${ProblemKey}|${ProblemField}`;

/** The message a schema gives for a problem, optionally about a named field. */
export function problem(key: ProblemKey, field?: ProblemField): ProblemMessage {
  return field === undefined ? `problems:${key}` : `problems:${key}|${field}`;
}

/** A zod issue as a problem: the schema's own message when it has one, else by the kind of issue. */
export function issueProblem(issue: { code: string; message: string; origin?: string }): string {
  if (issue.message.startsWith("problems:")) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return problem("invalidType");
    case "invalid_value":
    case "invalid_enum_value":
    case "invalid_union":
      return problem("invalidOption");
    case "unrecognized_keys":
      return problem("unknownField");
    case "too_big":
      return problem(issue.origin === "array" ? "tooMany" : issue.origin === "string" ? "tooLong" : "tooLarge");
    case "too_small":
      return problem(issue.origin === "array" ? "tooFew" : issue.origin === "string" ? "required" : "tooSmall");
    default:
      return problem("invalid");
  }
}

/** A problem's words in the reader's language; text that is not a problem key is shown as it is. */
export function problemText(i18n: i18n, message: string, values: Readonly<Record<string, string | number>> = {}): string {
  const [key = "", field] = message.split("|");
  if (!key.startsWith("problems:") || !i18n.exists(key)) return message;
  const fieldWords = field === undefined ? i18n.t("problems:fields.value") : i18n.t(`problems:fields.${field}`);
  return i18n.t(key, { ...values, field: fieldWords });
}
