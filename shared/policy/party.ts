import type { Role } from "../schemas/user.schema.ts";

/** The three sides of a case; a defence party is one organisation (`defence:<organisationId>`). */
export type Party = "prosecution" | "court" | `defence:${string}`;

export const COURT_ROLES: readonly Role[] = ["legal-adviser", "judge", "court-staff"];

export function isCourtRole(role: Role): boolean {
  return COURT_ROLES.includes(role);
}

/** The party a user acts for, from their role and organisation (DESIGN §1). */
export function partyOf(user: { role: Role; organisationId: string }): Party {
  if (user.role === "prosecutor") return "prosecution";
  if (user.role === "defence") return `defence:${user.organisationId}`;
  return "court";
}
