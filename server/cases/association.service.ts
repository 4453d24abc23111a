import type { Mailer } from "../notifications/mailer.ts";
import type { Notice, NoticeService } from "../notifications/notice.service.ts";
import { type Actor, can } from "../../shared/policy/access-policy.ts";
import { foldName } from "../../shared/schemas/common.schema.ts";
import { defendantName, foldOrganisationName } from "../../shared/schemas/defendant.schema.ts";
import type { AssociationRequest } from "../../shared/schemas/case-search.schema.ts";
import { AppError } from "../app-error.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { RateLimiter } from "../auth/rate-limiter.ts";
import type { Clock, IdSource } from "../dependencies.ts";
import type { RealtimeHub } from "../realtime/realtime-hub.ts";
import { type Store, StoreConflictError } from "../storage/store.ts";
import { loadCaseFacts } from "./case.service.ts";

/** Association attempts allowed per user per hour: enough for a busy day, too few to enumerate. */
export const ASSOCIATION_ATTEMPTS_PER_HOUR = 20;
/**
 * Attempts on one URN a day, by anyone: stops many accounts sharing out the guesses of one
 * case's details (an organisation's hearing date has few plausible values). Counted whether or not
 * the URN exists, so being refused says nothing about the case.
 */
export const ASSOCIATION_ATTEMPTS_PER_URN_PER_DAY = 20;

/**
 * Defence association (Common Platform rule, DESIGN §1): URN, surname and date of birth must all
 * match one defendant; at most one organisation per defendant. A miss and an unknown URN answer
 * alike, and the firm already representing a defendant is never named.
 */
export function createAssociationService(options: {
  store: Store;
  clock: Clock;
  ids: IdSource;
  audit: AuditService;
  rateLimiter: RateLimiter;
  realtime: Pick<RealtimeHub, "accessChanged">;
  notices: NoticeService;
  mailer: Pick<Mailer, "flush">;
}) {
  const { store, clock, ids, audit, rateLimiter, realtime, notices, mailer } = options;

  /** The firm hears that its access to a case began or ended (the one who did it excepted). */
  const accessNotice = (granted: boolean, associationId: string, caseId: string, organisationId: string, actorId: string, named: string) =>
    ({
      kind: "access",
      key: `${associationId}:${granted ? "granted" : "ended"}`,
      caseId,
      parties: [`defence:${organisationId}`],
      exceptUserId: actorId,
      path: granted ? `/cases/${encodeURIComponent(caseId)}` : "/cases",
      subject: granted ? "email:subjects.accessGranted" : "email:subjects.accessEnded",
      line: granted ? "email:lines.accessGranted" : "email:lines.accessEnded",
      values: () => ({ defendant: named }),
    }) satisfies Notice;

  /** The case's defendants that the details identify: a person by name and birth, an organisation by name and first hearing. */
  const matchingDefendants = async (caseId: string, request: AssociationRequest) => {
    const defendants = await store.defendants.listByCase(caseId);
    if (request.kind === "organisation") {
      // The first hearing listed is the date on the summons served on the organisation.
      const name = foldOrganisationName(request.organisationName);
      const firstHearing = (await store.hearings.listByCase(caseId)).map((h) => h.date).sort()[0];
      if (firstHearing !== request.hearingDate) return [];
      return defendants.filter((d) => d.kind === "organisation" && foldOrganisationName(d.lastName) === name);
    }
    const surname = foldName(request.surname);
    const forename = request.forename ? foldName(request.forename) : undefined;
    return defendants.filter(
      (d) =>
        d.kind === "person" &&
        foldName(d.lastName) === surname &&
        d.dateOfBirth === request.dateOfBirth &&
        (forename === undefined || foldName(d.firstName) === forename),
    );
  };

  return {
    async associate(actor: Actor, request: AssociationRequest) {
      if (!can(actor, "associate", { kind: "defendant", case: emptyFacts, defendantId: "" })) throw new AppError("auth.forbidden");
      const limit = await rateLimiter.hit(`associate:${actor.id}`, ASSOCIATION_ATTEMPTS_PER_HOUR, 60 * 60_000);
      const attempt = async (outcome: string, caseId: string | null, defendantId: string | null) =>
        audit.record(store, {
          actorId: actor.id,
          actorOrganisationId: actor.organisationId,
          action: "association.attempt",
          subjectType: defendantId ? "defendant" : null,
          subjectId: defendantId,
          caseId,
          detail: { outcome },
        });
      const urnLimit = limit.allowed ? await rateLimiter.hit(`associate-urn:${request.urn}`, ASSOCIATION_ATTEMPTS_PER_URN_PER_DAY, 24 * 60 * 60_000) : limit;
      if (!limit.allowed || !urnLimit.allowed) {
        await attempt("rate-limited", null, null);
        throw new AppError("request.rate_limited");
      }

      const record = await store.cases.getByUrn(request.urn);
      const matches = record ? await matchingDefendants(record.id, request) : [];
      const defendant = matches.length === 1 ? matches[0] : undefined;
      if (!record || !defendant) {
        // The case (if the URN is one) is named in the audit, so the court sees attempts on it.
        await attempt("no-match", record?.id ?? null, null);
        throw new AppError("case.not_found");
      }

      const existing = await store.associations.openForDefendant(defendant.id);
      if (existing) {
        if (existing.organisationId === actor.organisationId) {
          await attempt("already-associated", record.id, defendant.id);
          return { created: false, association: { id: existing.id, caseId: record.id, defendantId: defendant.id } };
        }
        await attempt("conflict", record.id, defendant.id);
        throw new AppError("association.conflict");
      }

      const association = {
        id: ids(),
        defendantId: defendant.id,
        organisationId: actor.organisationId,
        startedAt: clock().toISOString(),
        startedBy: actor.id,
        endedAt: null,
        endedBy: null,
      };
      try {
        await store.transaction(async (tx) => {
          await tx.associations.insert(association);
          await audit.record(tx, {
            actorId: actor.id,
            actorOrganisationId: actor.organisationId,
            action: "association.created",
            subjectType: "defendant",
            subjectId: defendant.id,
            caseId: record.id,
            detail: { associationId: association.id },
          });
          await notices.enqueue(tx, accessNotice(true, association.id, record.id, actor.organisationId, actor.id, defendantName(defendant)));
        });
        void mailer.flush().catch(() => undefined);
      } catch (error) {
        // Two firms racing for one defendant: the loser gets the same conflict.
        if (error instanceof StoreConflictError) throw new AppError("association.conflict");
        throw error;
      }
      await realtime.accessChanged(record.id);
      return { created: true, association: { id: association.id, caseId: record.id, defendantId: defendant.id } };
    },

    async end(actor: Actor, associationId: string): Promise<{ caseId: string; organisationId: string }> {
      const association = await store.associations.get(associationId);
      const defendant = association && (await store.defendants.get(association.defendantId));
      const facts = defendant && (await loadCaseFacts(store, defendant.caseId));
      if (!association || !defendant || !facts || association.endedAt !== null || !can(actor, "read", { kind: "case", case: facts })) {
        throw new AppError("association.not_found");
      }
      if (!can(actor, "end-association", { kind: "defendant", case: facts, defendantId: defendant.id })) {
        throw new AppError("auth.forbidden");
      }
      await store.transaction(async (tx) => {
        if (!(await tx.associations.end(associationId, actor.id, clock().toISOString()))) throw new AppError("association.not_found");
        await audit.record(tx, {
          actorId: actor.id,
          actorOrganisationId: actor.organisationId,
          action: "association.ended",
          subjectType: "defendant",
          subjectId: defendant.id,
          caseId: defendant.caseId,
          detail: { associationId, organisationId: association.organisationId },
        });
        await notices.enqueue(tx, accessNotice(false, associationId, defendant.caseId, association.organisationId, actor.id, defendantName(defendant)));
      });
      void mailer.flush().catch(() => undefined);
      // The firm's open sockets and documents on this case close within the request.
      await realtime.accessChanged(defendant.caseId);
      return { caseId: defendant.caseId, organisationId: association.organisationId };
    },
  };
}

/** Association is decided before any case is known; the policy only needs the actor's role. */
const emptyFacts = { caseId: "", prosecutingOrganisationId: "", courtCodes: [], defendantIds: [], representation: {} };

export type AssociationService = ReturnType<typeof createAssociationService>;
