import { z } from "zod";
import { apiRequest } from "../../src/api.ts";

// Statuses and parties are checked loosely where a newer server could add values: a value this
// client does not know is shown as sent rather than failing the whole page.

const partCompleteness = z.object({ answered: z.number(), required: z.number() });

/** One part of a form (DESIGN §11): prosecution, court, or the defence of one defendant. */
export const formPart = z.object({
  key: z.string(),
  docName: z.string(),
  writableBy: z.string().nullable(),
  canWrite: z.boolean(),
  completeness: partCompleteness,
});
export type FormPart = z.infer<typeof formPart>;

export const signOff = z.object({
  party: z.string(),
  userId: z.string(),
  signedAt: z.string(),
  contentSha256: z.string(),
  isCurrent: z.boolean(),
});
export type SignOff = z.infer<typeof signOff>;

export const requiredSignOff = z.object({
  party: z.string(),
  signed: z.boolean(),
  changedSinceSigned: z.boolean(),
});
export type RequiredSignOff = z.infer<typeof requiredSignOff>;

/** A case-management form as `GET /api/forms/:formId` describes it. */
export const formSummary = z.object({
  id: z.string(),
  type: z.enum(["PET", "PTPH"]),
  caseId: z.string(),
  createdAt: z.string(),
  contentSha256: z.string(),
  parts: z.array(formPart),
  signOffs: z.array(signOff),
  requiredSignOffs: z.array(requiredSignOff),
  status: z.string(),
  finalisedDocumentId: z.string().nullable(),
});
export type FormSummary = z.infer<typeof formSummary>;

const formList = z.object({ forms: z.array(formSummary) });

/** The case's forms, oldest first. */
export async function fetchForms(caseId: string): Promise<FormSummary[]> {
  const { forms } = await apiRequest(`/api/cases/${encodeURIComponent(caseId)}/forms`, formList);
  return forms;
}

export function fetchForm(formId: string, signal?: AbortSignal): Promise<FormSummary> {
  return apiRequest(`/api/forms/${encodeURIComponent(formId)}`, formSummary, { signal });
}

/** The court starts a form (the one its jurisdiction uses); the server pre-fills it. */
export function createForm(caseId: string, type: FormSummary["type"]): Promise<FormSummary> {
  return apiRequest(`/api/cases/${encodeURIComponent(caseId)}/forms`, formSummary, {
    method: "POST",
    json: { type },
  });
}

/** Sign off the whole form as it is now, for the parts the user's party answers for. */
export function signOffForm(formId: string): Promise<FormSummary> {
  return apiRequest(`/api/forms/${encodeURIComponent(formId)}/sign-offs`, formSummary, { method: "POST" });
}

/** The court files an agreed form as a PDF. */
export function finaliseForm(formId: string): Promise<FormSummary> {
  return apiRequest(`/api/forms/${encodeURIComponent(formId)}/finalisation`, formSummary, { method: "POST" });
}

/** Where the final PDF of a finalised form downloads from. */
export function formPdfUrl(formId: string): string {
  return `/api/forms/${encodeURIComponent(formId)}/pdf`;
}

/** The path of a form's editor. */
export function formPath(caseId: string, formId: string): string {
  return `/cases/${encodeURIComponent(caseId)}/forms/${encodeURIComponent(formId)}`;
}
