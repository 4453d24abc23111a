import { z } from "zod";
import { jurisdiction } from "../../../shared/schemas/court.schema.ts";
import { apiRequest } from "../../src/api.ts";

/** One row of `GET /api/cases` (DESIGN §11). */
export const caseSummary = z.object({
  id: z.string(),
  urn: z.string(),
  jurisdiction,
  court: z.object({ code: z.string(), name: z.string() }),
  defendants: z.array(
    z.object({
      id: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      dateOfBirth: z.string(),
    }),
  ),
  // The contract leaves the hearing's other fields open; only its date is shown here.
  nextHearing: z.object({ date: z.string() }).nullable(),
  status: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

const caseList = z.object({ cases: z.array(caseSummary) });

/** The cases the signed-in user may see. */
export async function listCases(): Promise<CaseSummary[]> {
  const { cases } = await apiRequest("/api/cases", caseList);
  return cases;
}
