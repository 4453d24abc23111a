import { crownCourtCustodyTimeLimit, magistratesCourtCustodyTimeLimit } from "../../shared/domain/custody-time-limits.ts";
import type { CreateCaseRequest } from "../../shared/schemas/intake.schema.ts";
import type { IdSource } from "../dependencies.ts";
import type { CaseTree } from "../storage/store.ts";

/**
 * A defendant in custody without a given limit starts with the statutory one: in the Crown Court
 * from the date of sending; in the magistrates' court from the first hearing listed (the first
 * appearance), when the case comes with one.
 */
export function initialCustodyTimeLimit(input: CreateCaseRequest, defendant: CreateCaseRequest["defendants"][number]): string | null {
  if (defendant.custodyTimeLimit !== null || defendant.custody !== "custody") return defendant.custodyTimeLimit;
  if (input.sentOn !== null) return crownCourtCustodyTimeLimit(input.sentOn);
  const firstAppearance = input.hearings.map((h) => h.date).sort()[0];
  return firstAppearance === undefined ? null : magistratesCourtCustodyTimeLimit(firstAppearance, defendant.offences.map((o) => o.modeOfTrial));
}

/** A new case as the store inserts it, from a create request (the API's or an import's): every record at version 1. */
export function newCaseTree(input: CreateCaseRequest, prosecutingOrganisationId: string, ids: IdSource): CaseTree {
  const caseId = ids();
  return {
    record: {
      id: caseId,
      urn: input.urn,
      jurisdiction: input.jurisdiction,
      courtCode: input.courtCode,
      prosecutingOrganisationId,
      status: input.jurisdiction === "crown" ? "sent-to-crown-court" : "active",
      sentOn: input.sentOn,
      version: 1,
    },
    defendants: input.defendants.map((given) => {
      const { offences, ...d } = given;
      const defendantId = ids();
      return {
        defendant: { ...d, custodyTimeLimit: initialCustodyTimeLimit(input, given), id: defendantId, caseId, version: 1 },
        offences: offences.map((o) => ({ ...o, id: ids(), defendantId, version: 1 })),
      };
    }),
    hearings: input.hearings.map((h) => ({ ...h, courtCode: h.courtCode ?? input.courtCode, id: ids(), caseId, version: 1 })),
  };
}

/** What a `case.created` audit entry records as "after": the case and the ids of what it holds. */
export function createdCaseAudit(tree: CaseTree) {
  const { version: _, ...created } = tree.record;
  return {
    ...created,
    defendants: tree.defendants.map((d) => d.defendant.id),
    offences: tree.defendants.flatMap((d) => d.offences.map((o) => o.id)),
    hearings: tree.hearings.map((h) => h.id),
  };
}
