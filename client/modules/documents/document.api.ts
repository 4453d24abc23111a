import { z } from "zod";
import { apiRequest } from "../../src/api.ts";

// Section codes are strings here, not the shared enum: a section this client does not know yet
// is shown with the server's name for it rather than failing the whole page.

/** One document (one version) of `GET /api/cases/:caseId/documents` (DESIGN §11). */
export const listedDocument = z.object({
  id: z.string(),
  section: z.string(),
  title: z.string(),
  version: z.number().int().positive(),
  pages: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
  servedAt: z.string(),
  deemedServedOn: z.string(),
  /** "all", or the defendants whose defence may see it. */
  visibility: z.union([z.literal("all"), z.array(z.string())]),
  latest: z.boolean(),
  openedByYourOrganisationAt: z.string().nullable(),
});
export type ListedDocument = z.infer<typeof listedDocument>;

const documentSection = z.object({
  code: z.string(),
  name: z.string(),
  documents: z.array(listedDocument),
});
export type DocumentSection = z.infer<typeof documentSection>;

const documentList = z.object({ sections: z.array(documentSection) });

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/** The IDPC sections of a case with the documents, every version, the user may see. */
export async function fetchDocuments(caseId: string): Promise<DocumentSection[]> {
  const { sections } = await apiRequest(`${casePath(caseId)}/documents`, documentList);
  return sections;
}

const searchResult = z.object({
  documentId: z.string(),
  title: z.string(),
  section: z.string(),
  version: z.number().int(),
  page: z.number().int().positive(),
  /** Text around the match, the matched words between `[` and `]`. */
  snippet: z.string(),
});
export type SearchResult = z.infer<typeof searchResult>;

const searchResults = z.object({ results: z.array(searchResult) });

/** The pages of the documents the user may see that hold the words of `q`. */
export async function searchDocuments(caseId: string, q: string): Promise<SearchResult[]> {
  const query = new URLSearchParams({ q });
  const { results } = await apiRequest(`${casePath(caseId)}/documents/search?${query}`, searchResults);
  return results;
}

/** The PDF of a document, to read (pdf.js asks for it in ranges). */
export function contentUrl(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/content`;
}

/** The PDF of a document as an attachment, which the server records as a download. */
export function downloadUrl(documentId: string): string {
  return `${contentUrl(documentId)}?download=1`;
}

/** The latest version of every document the user may see, in one ZIP or one PDF. */
export function bundleUrl(caseId: string, kind: "zip" | "pdf"): string {
  return `${casePath(caseId)}/idpc.${kind}`;
}

/** Largest file the server accepts for serving (its default `UPLOAD_LIMIT_BYTES`). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** The answer to serving a document: the document as listed. */
export const servedDocument = listedDocument;
