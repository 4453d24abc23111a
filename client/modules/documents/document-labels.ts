import { hasMessage, t } from "../../src/i18n.ts";
import type { CaseDetail } from "../cases/case.api.ts";
import type { ListedDocument } from "./document.api.ts";

/** A section's name from the catalogue; one it does not know is shown as the server named it. */
export function sectionName(code: string, serverName?: string): string {
  const key = `sections:${code}`;
  return hasMessage(key) ? t(key) : (serverName ?? code);
}

/** The viewer's address for a document, optionally at a page and with a search to find. */
export function viewerPath(
  caseId: string,
  documentId: string,
  at: { page?: number; q?: string } = {},
): string {
  const query = new URLSearchParams();
  if (at.page !== undefined) query.set("page", String(at.page));
  if (at.q) query.set("q", at.q);
  const path = `/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(documentId)}`;
  return query.size > 0 ? `${path}?${query}` : path;
}

/** The names of the defendants a restricted document is for, as a list in one string. */
export function restrictedNames(document: ListedDocument, detail: CaseDetail): string | undefined {
  if (document.visibility === "all") return undefined;
  const names = document.visibility.map((id) => {
    const defendant = detail.defendants.find((candidate) => candidate.id === id);
    return defendant ? defendant.name : id;
  });
  return names.join(t("documents.namesSeparator"));
}

/** One document title in a section: its latest version and the older ones, newest first. */
export type DocumentVersions = { latest: ListedDocument; older: ListedDocument[] };

/** Group a section's documents (every version) by title, in the order the server listed them. */
export function groupVersions(documents: readonly ListedDocument[]): DocumentVersions[] {
  const byTitle = new Map<string, ListedDocument[]>();
  for (const document of documents) {
    const versions = byTitle.get(document.title);
    if (versions) versions.push(document);
    else byTitle.set(document.title, [document]);
  }
  return [...byTitle.values()].map((versions) => {
    const newestFirst = [...versions].sort((a, b) => b.version - a.version);
    const latest = newestFirst.find((version) => version.latest) ?? newestFirst[0];
    if (!latest) throw new Error("a title always has a version");
    return { latest, older: newestFirst.filter((version) => version !== latest) };
  });
}

/** A search snippet in parts, the words the server marked `[like this]` flagged. */
export type SnippetPart = { text: string; marked: boolean };

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const pattern = /\[([^\][]*)\]/g;
  let from = 0;
  for (const match of snippet.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > from) parts.push({ text: snippet.slice(from, index), marked: false });
    if (match[1]) parts.push({ text: match[1], marked: true });
    from = index + match[0].length;
  }
  if (from < snippet.length) parts.push({ text: snippet.slice(from), marked: false });
  return parts;
}
