import { type Actor, can, type Resource } from "../../shared/policy/access-policy.ts";
import type { DocName } from "../../shared/protocol/doc-names.ts";
import type { Party } from "../../shared/policy/party.ts";
import { loadCaseFacts } from "../cases/case.service.ts";
import type { Store } from "../storage/store.ts";

export type CollabAccess = "write" | "read" | "none";

/**
 * What the actor may do with a document, from its name alone (DESIGN §3): the policy decides,
 * with the case's facts and, for form parts, the form itself. A document that does not exist and
 * one the actor may not read both answer "none".
 */
export async function decideCollabAccess(store: Store, actor: Actor, doc: DocName): Promise<CollabAccess> {
  const facts = await loadCaseFacts(store, doc.caseId);
  if (!facts) return "none";
  let resource: Resource;
  if (doc.kind === "form-part") {
    const form = await store.forms.get(doc.formId);
    if (!form || form.caseId !== doc.caseId) return "none";
    if (doc.part.side === "defence" && !facts.defendantIds.includes(doc.part.defendantId)) return "none";
    resource = { kind: "form-part", case: facts, part: doc.part };
    // A finalised form is the record of what was agreed: it can be read, never changed.
    if (await store.forms.getFinalisation(doc.formId)) return can(actor, "read", resource) ? "read" : "none";
  } else if (doc.kind === "notes") {
    resource = { kind: "note", case: facts, note: { scope: doc.scope, party: doc.party as Party } };
  } else {
    resource = { kind: "note", case: facts, note: { scope: "private", userId: doc.userId } };
  }
  if (!can(actor, "read", resource)) return "none";
  return can(actor, "write", resource) ? "write" : "read";
}
