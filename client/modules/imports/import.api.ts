import { z } from "zod";
import { IMPORT_MAX_BYTES, type ImportProblem, type ImportSummary } from "../../../shared/schemas/import.schema.ts";
import { ApiError, apiRequest } from "../../src/api.ts";
import { formatFileSize } from "../../src/file-size.ts";
import { t } from "../../src/i18n.ts";

/** A file the client will not send (not `.json` or `.csv`, or too large): the message says why. */
export class ImportFileError extends Error {
  override readonly name = "ImportFileError";
}

const summary: z.ZodType<ImportSummary> = z.object({
  isDryRun: z.boolean(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  cases: z.array(z.object({ urn: z.string(), caseId: z.string(), outcome: z.enum(["created", "updated", "unchanged"]) })),
});

const problems = z.array(z.object({ line: z.number().optional(), field: z.string(), message: z.string() }));

/** The content type a file is sent as, from its name: cases as JSON, a court list as CSV. */
function contentTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".csv")) return "text/csv";
  throw new ImportFileError(t("imports.errors.fileType"));
}

function sendImport(file: File, isDryRun: boolean): Promise<ImportSummary> {
  const type = contentTypeOf(file);
  if (file.size > IMPORT_MAX_BYTES) throw new ImportFileError(t("imports.errors.fileTooLarge", { max: formatFileSize(IMPORT_MAX_BYTES) }));
  return apiRequest(`/api/imports?dryRun=${isDryRun}`, summary, { method: "POST", raw: { body: file, type } });
}

/**
 * What importing `file` would create, update and leave unchanged, writing nothing (a dry run).
 * Rejects with an {@link ImportFileError} before sending a file of another kind or too large.
 */
export async function checkImport(file: File): Promise<ImportSummary> {
  return sendImport(file, true);
}

/** Import `file`: every case in it, or (any problem) none. Rejects as {@link checkImport} does. */
export async function applyImport(file: File): Promise<ImportSummary> {
  return sendImport(file, false);
}

/** The problems of a file the server refused (`import.invalid`); undefined for any other error. */
export function importProblemsOf(error: unknown): readonly ImportProblem[] | undefined {
  if (!(error instanceof ApiError) || error.code !== "import.invalid") return undefined;
  const parsed = problems.safeParse(error.details.problems);
  return parsed.success ? parsed.data : undefined;
}
