import type { CaseDetail } from "../cases/case.api.ts";

/** A party of a case, as collaboration doc names spell it (DESIGN §3). */
export type CaseParty =
  | { kind: "prosecution"; party: "prosecution" }
  | { kind: "court"; party: "court" }
  | {
      kind: "defence";
      party: `defence:${string}`;
      organisationName: string;
      /** The defendants this firm represents in the case. */
      defendants: { name: string }[];
    };

/**
 * The parties of a case: the prosecution, each defence firm that represents a defendant (once,
 * however many defendants it represents), and the court.
 */
export function casePartiesOf(detail: CaseDetail): CaseParty[] {
  const firms = new Map<string, Extract<CaseParty, { kind: "defence" }>>();
  for (const defendant of detail.defendants) {
    const firm = defendant.representedBy;
    if (!firm) continue;
    const name = { name: defendant.name };
    const known = firms.get(firm.organisationId);
    if (known) known.defendants.push(name);
    else {
      firms.set(firm.organisationId, {
        kind: "defence",
        party: `defence:${firm.organisationId}`,
        organisationName: firm.organisationName,
        defendants: [name],
      });
    }
  }
  return [{ kind: "prosecution", party: "prosecution" }, ...firms.values(), { kind: "court", party: "court" }];
}
