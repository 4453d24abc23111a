import { intakeUrn } from "./intake.schema.ts";

/**
 * Bulk import (issue #14): many cases at once as JSON (`{"cases":[…create-case bodies…]}`), or a
 * court list of hearings as CSV. A file is validated as a whole; one problem and nothing is written.
 */

/** Largest file `POST /api/imports` and the CLI accept. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** Most cases in one JSON import. */
export const IMPORT_MAX_CASES = 5000;

/**
 * The court-list CSV: a header line naming these columns (any order), then one hearing a line.
 * `urn` names an existing case; `court` a court code; `courtroom`, `estimatedMinutes` and
 * `judiciary` may be empty; `judiciary` separates names with `;`. Fields may be "quoted" (RFC 4180).
 */
export const HEARING_CSV_COLUMNS = ["urn", "court", "courtroom", "date", "startTime", "type", "estimatedMinutes", "judiciary"] as const;
export type HearingCsvColumn = (typeof HEARING_CSV_COLUMNS)[number];

/** A CSV row's URN, validated like intake's. */
export const hearingCsvUrn = intakeUrn;

/** Values a problem's words need (`problems:header` names the columns). */
export type ProblemValues = Readonly<Record<string, string | number>>;

/**
 * One thing wrong with an import: where (line in the file, case index, URN), which field, and what
 * (a `problems:` catalogue key and its values, put into words in the reader's language on the way out).
 */
export type ImportProblem = { line?: number; index?: number; urn?: string; field: string; message: string; values?: ProblemValues };

export type ImportOutcome = "created" | "updated" | "unchanged";

/** What an import did, or (dry run) would do. */
export type ImportSummary = {
  isDryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  cases: { urn: string; caseId: string; outcome: ImportOutcome }[];
};

/** A zod issue path as the problem's field: `defendants[0].dateOfBirth`. */
export function problemField(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "");
}
