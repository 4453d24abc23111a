/**
 * The grammar of collaboration document names (DESIGN §3). One Y.Doc per trust boundary; the
 * name alone tells the server who may read and write it. Anything outside the grammar is refused
 * before any storage is touched.
 */
export type DocName =
  | { kind: "form-part"; caseId: string; formId: string; part: { side: "prosecution" } | { side: "court" } | { side: "defence"; defendantId: string } }
  | { kind: "notes"; caseId: string; scope: "shared" | "team"; party: string }
  | { kind: "notes-private"; caseId: string; userId: string };

const ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
const ORG = "[a-z0-9][a-z0-9-]{1,62}";
const PARTY = `(?:prosecution|court|defence:${ORG})`;
/** NameIDs are e-mail-like; only the characters a NameID may need, and never a slash. */
const USER = "[A-Za-z0-9._@+-]{3,256}";

const FORM = new RegExp(`^case/(${ID})/form/(${ID})/(prosecution|court|defence/(${ID}))$`);
const NOTES = new RegExp(`^case/(${ID})/notes/(shared|team)/(${PARTY})$`);
const PRIVATE = new RegExp(`^case/(${ID})/notes/private/(${USER})$`);

export const MAX_DOC_NAME_LENGTH = 400;

export function parseDocName(name: string): DocName | null {
  if (name.length > MAX_DOC_NAME_LENGTH) return null;
  let m = FORM.exec(name);
  if (m) {
    const [, caseId = "", formId = "", side = "", defendantId] = m;
    const part = side === "prosecution" ? { side: "prosecution" as const } : side === "court" ? { side: "court" as const } : { side: "defence" as const, defendantId: defendantId ?? "" };
    return { kind: "form-part", caseId, formId, part };
  }
  m = NOTES.exec(name);
  if (m) return { kind: "notes", caseId: m[1] ?? "", scope: m[2] as "shared" | "team", party: m[3] ?? "" };
  m = PRIVATE.exec(name);
  if (m) return { kind: "notes-private", caseId: m[1] ?? "", userId: m[2] ?? "" };
  return null;
}

export function formPartDocName(caseId: string, formId: string, part: { side: "prosecution" } | { side: "court" } | { side: "defence"; defendantId: string }): string {
  return `case/${caseId}/form/${formId}/${part.side === "defence" ? `defence/${part.defendantId}` : part.side}`;
}

export function notesDocName(caseId: string, scope: "shared" | "team", party: string): string {
  return `case/${caseId}/notes/${scope}/${party}`;
}

export function privateNotesDocName(caseId: string, userId: string): string {
  return `case/${caseId}/notes/private/${userId}`;
}
