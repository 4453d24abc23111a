import type { Role } from "../schemas/user.schema.ts";
import type { Party } from "./party.ts";

/**
 * The one access decision (DESIGN §1): pure, table-tested, used by the server on every channel
 * and by the client for hints only. A case is described by the facts that decide access; the
 * caller loads them, this module never reads a store.
 */

export type Actor = {
  id: string;
  role: Role;
  party: Party;
  organisationId: string;
  /** Court codes, for court roles. */
  courts: readonly string[];
};

export type CaseFacts = {
  caseId: string;
  prosecutingOrganisationId: string;
  /** The case's court and the courts of its hearings. */
  courtCodes: readonly string[];
  /** Every defendant of the case. */
  defendantIds: readonly string[];
  /** Open associations: defendant id → representing organisation id. */
  representation: Readonly<Record<string, string>>;
};

export type FormPart = { side: "prosecution" } | { side: "court" } | { side: "defence"; defendantId: string };

export type NoteScope =
  | { scope: "shared"; party: Party }
  | { scope: "team"; party: Party }
  | { scope: "private"; userId: string };

export type Resource =
  | { kind: "case"; case: CaseFacts }
  | { kind: "defendant"; case: CaseFacts; defendantId: string }
  | { kind: "document"; case: CaseFacts; visibility: "all" | readonly string[] }
  | { kind: "form-part"; case: CaseFacts; part: FormPart }
  | { kind: "note"; case: CaseFacts; note: NoteScope }
  | { kind: "direction"; case: CaseFacts }
  | { kind: "audit"; case: CaseFacts }
  /** The audit chain as a whole: verifying it reveals its length and head hash, no case content. */
  | { kind: "audit-chain" }
  /** A case not yet created (intake): who prosecutes it and at which court it starts. */
  | { kind: "new-case"; prosecutingOrganisationId: string; courtCode: string }
  /** The hearings of a case: listing one, or changing its details. */
  | { kind: "hearing"; case: CaseFacts };

export const ACTIONS = ["read", "write", "issue", "sign-off", "acknowledge", "export", "associate", "end-association", "verify", "create", "send"] as const;
export type Action = (typeof ACTIONS)[number];

const isCourt = (actor: Actor) => actor.party === "court";
const isDefence = (actor: Actor) => actor.role === "defence";
const isProsecution = (actor: Actor) => actor.role === "prosecutor";
/** Judicial officers and legal advisers give directions; court staff administer. */
const isJudicial = (actor: Actor) => actor.role === "judge" || actor.role === "legal-adviser";

/** Defendant ids of the case that the actor's organisation represents. */
export function representedDefendants(actor: Actor, facts: CaseFacts): string[] {
  if (!isDefence(actor)) return [];
  return Object.entries(facts.representation)
    .filter(([, organisationId]) => organisationId === actor.organisationId)
    .map(([defendantId]) => defendantId);
}

/** Whether the actor is a party to the case at all. */
export function isMember(actor: Actor, facts: CaseFacts): boolean {
  if (isProsecution(actor)) return facts.prosecutingOrganisationId === actor.organisationId;
  if (isCourt(actor)) return facts.courtCodes.some((code) => actor.courts.includes(code));
  if (isDefence(actor)) return representedDefendants(actor, facts).length > 0;
  return false;
}

/** May `actor` do `action` to `resource`? Everything not granted here is refused. */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  // Association is the one action a non-member takes: the defence asks to join a case.
  if (action === "associate") return resource.kind === "defendant" && isDefence(actor);
  // The chain belongs to no case; court staff administer the service and check its integrity.
  if (resource.kind === "audit-chain") return action === "verify" && actor.role === "court-staff";
  // Intake: court staff for cases at their courts, the prosecution for its own organisation only.
  if (resource.kind === "new-case") {
    if (action !== "create") return false;
    if (actor.role === "court-staff") return actor.courts.includes(resource.courtCode);
    return isProsecution(actor) && actor.organisationId === resource.prosecutingOrganisationId;
  }
  if (!isMember(actor, resource.case)) return false;

  switch (resource.kind) {
    case "case":
      if (action === "read" || action === "export") return true;
      // Case, defendant and offence details come from court staff and the prosecution, never the defence.
      if (action === "write") return actor.role === "court-staff" || isProsecution(actor);
      // Sending to the Crown Court is the magistrates' court's decision, recorded by the court.
      return action === "send" && isCourt(actor);
    case "hearing":
      if (action === "read") return true;
      // Listing is court administration.
      return action === "write" && actor.role === "court-staff";
    case "defendant":
      if (action === "read") return true;
      return action === "end-association" && isCourt(actor);
    case "document": {
      if (action === "write") return isProsecution(actor);
      if (action !== "read" && action !== "export") return false;
      if (!isDefence(actor) || resource.visibility === "all") return true;
      const visible = resource.visibility;
      return representedDefendants(actor, resource.case).some((id) => visible.includes(id));
    }
    case "form-part": {
      if (action === "read" || action === "export") return true;
      if (action !== "write" && action !== "sign-off") return false;
      const part = resource.part;
      if (part.side === "prosecution") return isProsecution(actor);
      if (part.side === "court") return isCourt(actor) && (action === "write" || isJudicial(actor));
      return representedDefendants(actor, resource.case).includes(part.defendantId);
    }
    case "note": {
      const note = resource.note;
      if (note.scope === "private") return (action === "read" || action === "write" || action === "export") && note.userId === actor.id;
      if (note.scope === "team") return (action === "read" || action === "write" || action === "export") && note.party === actor.party;
      if (action === "read" || action === "export") return true;
      return action === "write" && note.party === actor.party;
    }
    case "direction":
      if (action === "read" || action === "export") return true;
      if (action === "issue") return isJudicial(actor);
      return action === "acknowledge" && !isCourt(actor);
    case "audit":
      // Who read what reveals the defence's work: only court staff of the case may see it.
      return action === "read" && actor.role === "court-staff";
  }
}
