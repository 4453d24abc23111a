import { type Actor, type CaseFacts, can } from "../../shared/policy/access-policy.ts";
import { foldName } from "../../shared/schemas/common.schema.ts";
import { defendantName } from "../../shared/schemas/defendant.schema.ts";
import type { CaseSearchQuery } from "../../shared/schemas/case-search.schema.ts";
import type { Court } from "../../shared/schemas/court.schema.ts";
import { londonDateTime } from "../../shared/domain/calendar.ts";
import { AppError } from "../app-error.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Clock } from "../dependencies.ts";
import type { CaseSearch, Store } from "../storage/store.ts";

const SEARCH_LIMIT = 100;

/** The facts the access policy needs about one case, or undefined when it does not exist. */
export async function loadCaseFacts(store: Store, caseId: string): Promise<CaseFacts | undefined> {
  const record = await store.cases.get(caseId);
  if (!record) return undefined;
  const [hearings, associations, defendants] = await Promise.all([
    store.hearings.listByCase(caseId),
    store.associations.openForCase(caseId),
    store.defendants.listByCase(caseId),
  ]);
  return {
    caseId,
    prosecutingOrganisationId: record.prosecutingOrganisationId,
    courtCodes: [...new Set([record.courtCode, ...hearings.map((h) => h.courtCode)])],
    defendantIds: defendants.map((d) => d.id),
    representation: Object.fromEntries(associations.map((a) => [a.defendantId, a.organisationId])),
  };
}

/** Case search and overview, each scoped by the access policy (DESIGN §1, §11). */
export function createCaseService(options: { store: Store; clock: Clock; audit: AuditService }) {
  const { store, clock, audit } = options;

  const courtLookup = async () => {
    const courts = new Map((await store.courts.list()).map((c) => [c.code, c]));
    return (code: string) => {
      const court: Court | undefined = courts.get(code);
      return { code, name: court?.name ?? code, welshName: court?.welshName ?? null };
    };
  };

  /** The case if the actor may read it; otherwise the same not-found as a case that does not exist. */
  async function readableFacts(actor: Actor, caseId: string): Promise<CaseFacts> {
    const facts = await loadCaseFacts(store, caseId);
    if (!facts || !can(actor, "read", { kind: "case", case: facts })) throw new AppError("case.not_found");
    return facts;
  }

  return {
    readableFacts,

    async search(actor: Actor, query: CaseSearchQuery) {
      const scope: CaseSearch["scope"] =
        actor.role === "prosecutor"
          ? { kind: "prosecution", organisationId: actor.organisationId }
          : actor.role === "defence"
            ? { kind: "defence", organisationId: actor.organisationId }
            : { kind: "court", courts: actor.courts };
      const today = londonDateTime(clock()).date;
      const ids = await store.cases.search({
        scope,
        urn: query.urn,
        surnamePrefix: query.surname === undefined ? undefined : foldName(query.surname),
        dateOfBirth: query.dateOfBirth,
        court: query.court?.toUpperCase(),
        hearingFrom: query.hearingFrom,
        hearingTo: query.hearingTo,
        text: query.q === undefined ? undefined : foldName(query.q),
        today,
        limit: SEARCH_LIMIT,
      });
      const court = await courtLookup();
      const cases = await Promise.all(
        ids.map(async (id) => {
          const [record, defendants, hearings] = await Promise.all([
            store.cases.get(id),
            store.defendants.listByCase(id),
            store.hearings.listByCase(id),
          ]);
          if (!record) return undefined;
          const next = hearings.find((h) => h.date >= today);
          return {
            id: record.id,
            urn: record.urn,
            jurisdiction: record.jurisdiction,
            court: court(record.courtCode),
            defendants: defendants.map((d) => ({ id: d.id, kind: d.kind, name: defendantName(d), firstName: d.firstName, lastName: d.lastName, dateOfBirth: d.dateOfBirth })),
            nextHearing: next ? { date: next.date, startTime: next.startTime, type: next.type, court: court(next.courtCode) } : null,
            status: record.status,
          };
        }),
      );
      return { cases: cases.filter((c) => c !== undefined) };
    },

    async overview(actor: Actor, caseId: string) {
      await readableFacts(actor, caseId);
      const record = await store.cases.get(caseId);
      if (!record) throw new AppError("case.not_found");
      const [defendants, hearings, associations, prosecutor] = await Promise.all([
        store.defendants.listByCase(caseId),
        store.hearings.listByCase(caseId),
        store.associations.openForCase(caseId),
        store.organisations.get(record.prosecutingOrganisationId),
      ]);
      const court = await courtLookup();
      const organisationName = async (id: string) => (await store.organisations.get(id))?.name ?? id;
      const result = {
        id: record.id,
        urn: record.urn,
        jurisdiction: record.jurisdiction,
        court: court(record.courtCode),
        status: record.status,
        sentOn: record.sentOn,
        version: record.version,
        prosecutor: { id: record.prosecutingOrganisationId, name: prosecutor?.name ?? record.prosecutingOrganisationId },
        defendants: await Promise.all(
          defendants.map(async (d) => {
            const association = associations.find((a) => a.defendantId === d.id);
            return {
              id: d.id,
              kind: d.kind,
              name: defendantName(d),
              firstName: d.firstName,
              lastName: d.lastName,
              dateOfBirth: d.dateOfBirth,
              custody: d.custody,
              custodyTimeLimit: d.custodyTimeLimit,
              bailConditions: d.bailConditions,
              interpreterLanguage: d.interpreterLanguage,
              isYouth: d.isYouth,
              version: d.version,
              offences: (await store.offences.listByDefendant(d.id)).map(({ defendantId: _, ...o }) => o),
              representedBy: association
                ? { organisationId: association.organisationId, organisationName: await organisationName(association.organisationId) }
                : null,
            };
          }),
        ),
        hearings: hearings.map((h) => ({
          id: h.id,
          date: h.date,
          startTime: h.startTime,
          type: h.type,
          courtroom: h.courtroom,
          court: court(h.courtCode),
          estimatedMinutes: h.estimatedMinutes,
          judiciary: h.judiciary,
          version: h.version,
        })),
      };
      await audit.record(store, {
        actorId: actor.id,
        actorOrganisationId: actor.organisationId,
        action: "case.viewed",
        subjectType: "case",
        subjectId: caseId,
        caseId,
        detail: {},
      });
      return result;
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
