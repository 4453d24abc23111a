import { z } from "zod";
import { jurisdiction } from "../../../shared/schemas/court.schema.ts";
import { apiRequest } from "../../src/api.ts";

const courtRef = z.object({ code: z.string(), name: z.string(), welshName: z.string().nullable().optional() });
export type CourtRef = z.infer<typeof courtRef>;

// Statuses, hearing types, pleas and the like are strings here, not enums: a value this client
// does not know yet is shown as the server sent it rather than failing the whole page.

/**
 * A defendant is a person or an organisation (a company, a council, a partnership). An
 * organisation has its registered name as `name` (and `lastName`), an empty `firstName`, and no
 * date of birth, custody status, custody time limit or bail conditions (all null).
 */
const defendantKind = z.string();

/** Whether a defendant (in any of the API's shapes) is an organisation rather than a person. */
export function isOrganisation(defendant: { kind: string }): boolean {
  return defendant.kind === "organisation";
}

/** One row of `GET /api/cases` (DESIGN §11). */
export const caseSummary = z.object({
  id: z.string(),
  urn: z.string(),
  jurisdiction,
  court: courtRef,
  defendants: z.array(
    z.object({
      id: z.string(),
      kind: defendantKind,
      /** How the defendant is named: "Dan Reyes", "Acme Haulage Ltd". */
      name: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      dateOfBirth: z.string().nullable(),
    }),
  ),
  nextHearing: z
    .object({ date: z.string(), startTime: z.string(), type: z.string(), court: courtRef })
    .nullable(),
  status: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

const caseList = z.object({ cases: z.array(caseSummary) });

/** The filters of `GET /api/cases`; dates are ISO. Only the ones given are sent. */
export type CaseSearch = {
  urn?: string;
  surname?: string;
  dateOfBirth?: string;
  court?: string;
  hearingFrom?: string;
  hearingTo?: string;
  q?: string;
};

/** The cases the signed-in user may see that match `search` (all of them when it is empty). */
export async function searchCases(search: CaseSearch = {}): Promise<CaseSummary[]> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (value !== undefined && value !== "") query.set(name, value);
  }
  const path = query.size > 0 ? `/api/cases?${query}` : "/api/cases";
  const { cases } = await apiRequest(path, caseList);
  return cases;
}

const offence = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  wording: z.string(),
  legislation: z.string(),
  startDate: z.string(),
  modeOfTrial: z.string(),
  plea: z.string(),
  version: z.number(),
});
export type OffenceDetail = z.infer<typeof offence>;

const defendantDetail = z.object({
  id: z.string(),
  kind: defendantKind,
  /** How the defendant is named: "Dan Reyes", "Acme Haulage Ltd". */
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  custody: z.string().nullable(),
  custodyTimeLimit: z.string().nullable(),
  bailConditions: z.string().nullable(),
  interpreterLanguage: z.string().nullable(),
  offences: z.array(offence),
  version: z.number(),
  representedBy: z.object({ organisationId: z.string(), organisationName: z.string() }).nullable(),
});
export type DefendantDetail = z.infer<typeof defendantDetail>;

const hearingDetail = z.object({
  id: z.string(),
  date: z.string(),
  startTime: z.string(),
  type: z.string(),
  courtroom: z.string().nullable(),
  court: courtRef,
  version: z.number(),
});
export type HearingDetail = z.infer<typeof hearingDetail>;

/** `GET /api/cases/:caseId` (DESIGN §11). */
export const caseDetail = z.object({
  id: z.string(),
  urn: z.string(),
  jurisdiction,
  court: courtRef,
  status: z.string(),
  sentOn: z.string().nullable(),
  version: z.number(),
  prosecutor: z.object({ id: z.string(), name: z.string() }),
  defendants: z.array(defendantDetail),
  hearings: z.array(hearingDetail),
});
export type CaseDetail = z.infer<typeof caseDetail>;

/** One case the signed-in user may see. A case they may not see is a 404, like a missing one. */
export function fetchCase(caseId: string): Promise<CaseDetail> {
  return apiRequest(`/api/cases/${encodeURIComponent(caseId)}`, caseDetail);
}

/**
 * `POST /api/associations`: what a defence user gives to get access to a defendant's case: for a
 * person, the surname and date of birth (and perhaps the forename); for an organisation, its name
 * and the date of its first hearing (as on the summons served on it).
 */
export type AssociationRequest =
  | { kind: "person"; urn: string; surname: string; dateOfBirth: string; forename?: string }
  | { kind: "organisation"; urn: string; organisationName: string; hearingDate: string };

const association = z.object({ id: z.string(), caseId: z.string(), defendantId: z.string() });
export type AssociationCreated = z.infer<typeof association>;

/**
 * Associate the user's organisation with the defendant these details match. Resolves on 201,
 * and on 200 when the organisation already represents that defendant.
 */
export function createAssociation(request: AssociationRequest): Promise<AssociationCreated> {
  return apiRequest("/api/associations", association, { method: "POST", json: request });
}
