import { z } from "zod";
import { apiRequest } from "../../src/api.ts";

type OffenceBody = { code: string; title: string; wording: string; legislation: string; startDate: string; modeOfTrial: string };

/**
 * A defendant in `POST /api/cases`: a person, or an organisation, which has its name and no date
 * of birth or custody status (the server refuses those fields for an organisation).
 */
export type DefendantBody =
  | { kind: "person"; firstName: string; lastName: string; dateOfBirth: string; custody: string; offences: OffenceBody[] }
  | { kind: "organisation"; organisationName: string; offences: OffenceBody[] };

/**
 * Body of `POST /api/cases` as this client sends it (the server checks it against
 * `createCaseRequest` in `shared/schemas/intake.schema.ts`; enums are strings here and there).
 */
export type CreateCaseBody = {
  urn: string;
  prosecutingOrganisationId: string;
  jurisdiction: "magistrates" | "crown";
  courtCode: string;
  sentOn: string | null;
  defendants: DefendantBody[];
  hearings: { date: string; startTime: string; type: string; courtroom: string | null }[];
};

const intakeOptions = z.object({
  prosecutingOrganisations: z.array(z.object({ id: z.string(), name: z.string() })),
  courts: z.array(z.object({ code: z.string(), name: z.string(), welshName: z.string().nullable(), jurisdiction: z.enum(["magistrates", "crown"]) })),
});
export type IntakeOptions = z.infer<typeof intakeOptions>;

/** The prosecuting organisations and courts this user may create a case for (`GET /api/intake/options`). */
export function loadIntakeOptions(): Promise<IntakeOptions> {
  return apiRequest("/api/intake/options", intakeOptions);
}

const created = z.object({ id: z.string(), version: z.number() });

/** Create a case with its defendants, offences and first hearing; resolves with its id on 201. */
export function createCase(body: CreateCaseBody): Promise<z.infer<typeof created>> {
  return apiRequest("/api/cases", created, { method: "POST", json: body });
}

const versioned = z.object({ version: z.number() });

/**
 * `PATCH` one record of a case (the case, a defendant, an offence) from the version the user saw;
 * rejects with the server's 412 `record.stale` when someone changed it since.
 */
export function patchRecord(path: string, version: number, patch: Record<string, unknown>): Promise<z.infer<typeof versioned>> {
  return apiRequest(path, versioned, { method: "PATCH", json: patch, ifMatch: version });
}
