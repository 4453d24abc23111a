import { z } from "zod";
import type { TriggerDates } from "../../../shared/domain/direction-templates.ts";
import { apiRequest } from "../../src/api.ts";

// Statuses and parties are strings here, not enums: a value this client does not know yet is
// shown as the server sent it rather than failing the whole list.

const acknowledgement = z.object({ party: z.string(), userId: z.string(), acknowledgedAt: z.string() });
const compliance = z.object({
  party: z.string(),
  userId: z.string(),
  compliedAt: z.string(),
  note: z.string(),
  documentId: z.string().nullable().optional(),
});
/** A standard direction's template and values, from which its words are shown in the reader's language. */
const wording = {
  templateId: z.string().nullable().default(null),
  templateValues: z.record(z.string(), z.string()).default({}),
};
const earlierVersion = z.object({
  version: z.number().int().positive(),
  ...wording,
  text: z.string(),
  dueOn: z.string().nullable(),
  responsibleParty: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  /** The issuer's name as the server knows it. */
  issuedByName: z.string().optional(),
});

/** One direction (its latest version) of `GET /api/cases/:caseId/directions` (DESIGN §11). */
export const direction = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  ...wording,
  text: z.string(),
  responsibleParty: z.string(),
  dueOn: z.string().nullable(),
  legalBasis: z.string().nullable(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  issuedByName: z.string().optional(),
  /** "open" (no due date), "due", "due-soon", "overdue" or "complied". */
  status: z.string(),
  receipts: z.array(z.object({ userId: z.string(), receivedAt: z.string() })).default([]),
  acknowledgements: z.array(acknowledgement).default([]),
  compliance: z.array(compliance).default([]),
  /** The earlier versions, oldest first. */
  history: z.array(earlierVersion).default([]),
});
export type Direction = z.infer<typeof direction>;
export type EarlierVersion = z.infer<typeof earlierVersion>;

const directionList = z.object({ directions: z.array(direction) });

const caseDirectionsPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/directions`;
const directionPath = (id: string) => `/api/directions/${encodeURIComponent(id)}`;

/** The directions given in a case, each at its latest version. */
export async function fetchDirections(caseId: string): Promise<Direction[]> {
  const { directions } = await apiRequest(caseDirectionsPath(caseId), directionList);
  return directions;
}

/** What the court gives: a standard direction (`templateId`) or its own words (`text`). */
export type DirectionRequest = {
  templateId?: string;
  text?: string;
  responsibleParty: string;
  dueOn?: string;
  values?: Record<string, string>;
  triggers?: TriggerDates;
};

/** Give directions (judge or legal adviser); resolves to them as issued. */
export async function issueDirections(caseId: string, requests: readonly DirectionRequest[]): Promise<Direction[]> {
  const { directions } = await apiRequest(caseDirectionsPath(caseId), directionList, {
    method: "POST",
    json: { directions: requests },
  });
  return directions;
}

/** The user's party acknowledges the latest version of a direction. */
export function acknowledgeDirection(id: string): Promise<Direction> {
  return apiRequest(`${directionPath(id)}/acknowledgements`, direction, { method: "POST" });
}

/** The user's party says it has complied with a direction. */
export function complyWithDirection(id: string, note: string): Promise<Direction> {
  return apiRequest(`${directionPath(id)}/compliance`, direction, { method: "POST", json: { note } });
}

/** The direction a `direction:issued` event carries (untyped in the event map), or undefined. */
export function directionOfEvent(payload: unknown): Direction | undefined {
  const parsed = direction.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}
