import { crownCourtCustodyTimeLimit, magistratesCourtCustodyTimeLimit } from "../../shared/domain/custody-time-limits.ts";
import { londonDateTime } from "../../shared/domain/calendar.ts";
import { ptphStageDates } from "../../shared/domain/ptph-timetable.ts";
import { type Actor, can } from "../../shared/policy/access-policy.ts";
import type { CaseRecord } from "../../shared/schemas/case.schema.ts";
import type { Jurisdiction } from "../../shared/schemas/court.schema.ts";
import type {
  CasePatch,
  CreateCaseRequest,
  DefendantPatch,
  HearingPatch,
  HearingRequest,
  OffencePatch,
  SendingRequest,
} from "../../shared/schemas/intake.schema.ts";
import { checkDefendantPatch } from "../../shared/schemas/intake.schema.ts";
import type { Defendant } from "../../shared/schemas/defendant.schema.ts";
import { AppError } from "../app-error.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Clock, IdSource } from "../dependencies.ts";
import type { RealtimeHub } from "../realtime/realtime-hub.ts";
import { type Store, StoreConflictError, type VersionedUpdate } from "../storage/store.ts";
import { loadCaseFacts } from "./case.service.ts";
import { createdCaseAudit, newCaseTree } from "./case-tree.ts";

/** A record and the version a client sends back in If-Match to change it. */
export type Versioned = { version: number };

/**
 * Case intake and the authoritative edits after it (issue #14): create a whole case, change the
 * case, a defendant, an offence or a hearing with optimistic concurrency, list hearings, and send
 * a case to the Crown Court. Every change is audited with the fields it changed (before and
 * after) in the transaction that makes it, and announced to the case's room once committed.
 */
export function createIntakeService(options: {
  store: Store;
  clock: Clock;
  ids: IdSource;
  audit: AuditService;
  realtime: Pick<RealtimeHub, "caseUpdated" | "accessChanged">;
}) {
  const { store, clock, ids, audit, realtime } = options;
  const today = () => londonDateTime(clock()).date;

  const requireCourt = async (code: string, jurisdiction?: Jurisdiction) => {
    const court = await store.courts.get(code);
    if (!court || (jurisdiction !== undefined && court.jurisdiction !== jurisdiction)) throw new AppError("case.court_unknown");
    return court;
  };

  /** The case's facts if the actor may see it; otherwise the same 404 as an unknown record. */
  const visibleFacts = async (actor: Actor, caseId: string, notFound: "case.not_found" | "defendant.not_found" | "offence.not_found" | "hearing.not_found") => {
    const facts = await loadCaseFacts(store, caseId);
    if (!facts || !can(actor, "read", { kind: "case", case: facts })) throw new AppError(notFound);
    return facts;
  };

  const caseView = async (caseId: string) => {
    const record = await store.cases.get(caseId);
    if (!record) throw new AppError("case.not_found");
    const [defendants, hearings] = await Promise.all([store.defendants.listByCase(caseId), store.hearings.listByCase(caseId)]);
    return {
      ...record,
      defendants: await Promise.all(defendants.map(async (d) => ({ ...d, offences: await store.offences.listByDefendant(d.id) }))),
      hearings,
    };
  };

  /** The committed change reaches the case's room: access first (a new court), then the news. */
  const announce = async (caseId: string, options: { accessMayChange?: boolean } = {}) => {
    if (options.accessMayChange) await realtime.accessChanged(caseId);
    const record = await store.cases.get(caseId);
    if (record) realtime.caseUpdated(caseId, record.version);
  };

  const auditChange = (tx: Store, actor: Actor, action: string, subject: { type: string; id: string; caseId: string }, detail: Record<string, unknown>) =>
    audit.record(tx, {
      actorId: actor.id,
      actorOrganisationId: actor.organisationId,
      action,
      subjectType: subject.type,
      subjectId: subject.id,
      caseId: subject.caseId,
      detail,
    });

  /**
   * The versioned write shared by every PATCH: only the fields that differ are written and
   * audited; a request that changes nothing writes nothing (but is still stale if the version moved).
   */
  async function versionedChange<T extends Versioned & Record<string, unknown>>(args: {
    actor: Actor;
    action: string;
    subject: { type: string; id: string; caseId: string };
    current: T;
    expectedVersion: number;
    patch: Partial<T>;
    write: (tx: Store, changes: Partial<T>) => Promise<VersionedUpdate<T>>;
    notFound: "case.not_found" | "defendant.not_found" | "offence.not_found" | "hearing.not_found";
    accessMayChange?: boolean;
  }): Promise<T> {
    const { before, after } = changedFields(args.current, args.patch);
    if (Object.keys(after).length === 0) {
      if (args.current.version !== args.expectedVersion) throw new AppError("record.stale", { version: args.current.version });
      return args.current;
    }
    const record = await store.transaction(async (tx) => {
      const result = await args.write(tx, after as Partial<T>);
      if (result.status === "missing") throw new AppError(args.notFound);
      if (result.status === "stale") throw new AppError("record.stale", { version: result.current.version });
      await auditChange(tx, args.actor, args.action, args.subject, { version: result.record.version, before, after });
      return result.record;
    });
    await announce(args.subject.caseId, { accessMayChange: args.accessMayChange });
    return record;
  }

  /**
   * The statutory custody time limit of a defendant remanded now: 182 days from sending in the
   * Crown Court; in the magistrates' court from the first hearing listed, if there is one.
   */
  const statutoryCustodyTimeLimit = async (defendant: Defendant): Promise<string | null> => {
    const record = await store.cases.get(defendant.caseId);
    if (!record) return null;
    if (record.sentOn !== null) return crownCourtCustodyTimeLimit(record.sentOn);
    const firstAppearance = (await store.hearings.listByCase(record.id)).map((h) => h.date).sort()[0];
    if (firstAppearance === undefined) return null;
    const offences = await store.offences.listByDefendant(defendant.id);
    return magistratesCourtCustodyTimeLimit(firstAppearance, offences.map((o) => o.modeOfTrial));
  };

  const caseOf = async (actor: Actor, caseId: string, action: "write" | "send") => {
    const facts = await visibleFacts(actor, caseId, "case.not_found");
    if (!can(actor, action, { kind: "case", case: facts })) throw new AppError("auth.forbidden");
    const record = await store.cases.get(caseId);
    if (!record) throw new AppError("case.not_found");
    return { facts, record };
  };

  return {
    /** Today in London: the day rules such as "date of birth not in the future" are judged on. */
    today,

    /**
     * What a "Create a case" form offers this actor: the prosecuting organisations and the courts
     * it may create a case for (court staff: any prosecutor, at their courts; a prosecutor: its own
     * organisation, at any court). 403 for anyone who creates no cases.
     */
    async options(actor: Actor) {
      const [organisations, courts] = await Promise.all([store.organisations.listByKind("prosecution"), store.courts.list()]);
      const allowed = (organisationId: string, courtCode: string) => can(actor, "create", { kind: "new-case", prosecutingOrganisationId: organisationId, courtCode });
      const prosecutors = organisations.filter((o) => courts.some((c) => allowed(o.id, c.code)));
      const atCourts = courts.filter((c) => prosecutors.some((o) => allowed(o.id, c.code)));
      if (prosecutors.length === 0) throw new AppError("auth.forbidden");
      return {
        prosecutingOrganisations: prosecutors.map((o) => ({ id: o.id, name: o.name })),
        courts: atCourts
          .map((c) => ({ code: c.code, name: c.name, welshName: c.welshName ?? null, jurisdiction: c.jurisdiction }))
          .sort((a, b) => a.name.localeCompare(b.name, "en-GB")),
      };
    },

    async create(actor: Actor, input: CreateCaseRequest) {
      const prosecutingOrganisationId = input.prosecutingOrganisationId ?? (actor.role === "prosecutor" ? actor.organisationId : undefined);
      if (prosecutingOrganisationId === undefined) throw new AppError("request.invalid");
      if (!can(actor, "create", { kind: "new-case", prosecutingOrganisationId, courtCode: input.courtCode })) throw new AppError("auth.forbidden");
      await requireCourt(input.courtCode, input.jurisdiction);
      const prosecutor = await store.organisations.get(prosecutingOrganisationId);
      if (prosecutor?.kind !== "prosecution") throw new AppError("request.invalid");
      for (const hearing of input.hearings) if (hearing.courtCode !== undefined) await requireCourt(hearing.courtCode);

      const tree = newCaseTree(input, prosecutingOrganisationId, ids);
      const caseId = tree.record.id;
      await store.transaction(async (tx) => {
        try {
          await tx.cases.insertTree(tree);
        } catch (error) {
          if (error instanceof StoreConflictError && error.constraint === "case.urn") throw new AppError("case.urn_taken");
          throw error;
        }
        await auditChange(tx, actor, "case.created", { type: "case", id: caseId, caseId }, { version: 1, before: null, after: createdCaseAudit(tree) });
      });
      await announce(caseId, { accessMayChange: true });
      return caseView(caseId);
    },

    async updateCase(actor: Actor, caseId: string, expectedVersion: number, patch: CasePatch) {
      const { record } = await caseOf(actor, caseId, "write");
      if (patch.courtCode !== undefined) await requireCourt(patch.courtCode, record.jurisdiction);
      await versionedChange<CaseRecord>({
        actor,
        action: "case.updated",
        subject: { type: "case", id: caseId, caseId },
        current: record,
        expectedVersion,
        patch,
        write: (tx, changes) => tx.cases.update(caseId, expectedVersion, changes),
        notFound: "case.not_found",
        accessMayChange: patch.courtCode !== undefined,
      });
      return caseView(caseId);
    },

    async updateDefendant(actor: Actor, defendantId: string, expectedVersion: number, patch: DefendantPatch) {
      const current = await store.defendants.get(defendantId);
      if (!current) throw new AppError("defendant.not_found");
      const facts = await visibleFacts(actor, current.caseId, "defendant.not_found");
      if (!can(actor, "write", { kind: "case", case: facts })) throw new AppError("auth.forbidden");
      const checked = checkDefendantPatch(current.kind, patch);
      if (checked.problems) throw new AppError("request.invalid", {}, { problems: checked.problems.map((p) => ({ field: p.field, code: p.message })) });
      const changes: Partial<Defendant> = { ...checked.changes };
      // Remanded in custody with no limit given: the statutory limit, as at intake. Time on bail
      // does not count towards it, so a limit already past is not a real one: the court enters it.
      if (changes.custody === "custody" && current.custody !== "custody" && changes.custodyTimeLimit === undefined && current.custodyTimeLimit === null) {
        const custodyTimeLimit = await statutoryCustodyTimeLimit(current);
        if (custodyTimeLimit !== null && custodyTimeLimit >= today()) changes.custodyTimeLimit = custodyTimeLimit;
      }
      return versionedChange<Defendant>({
        actor,
        action: "defendant.updated",
        subject: { type: "defendant", id: defendantId, caseId: current.caseId },
        current,
        expectedVersion,
        patch: changes,
        write: (tx, changes) => tx.defendants.update(defendantId, expectedVersion, changes),
        notFound: "defendant.not_found",
      });
    },

    async updateOffence(actor: Actor, offenceId: string, expectedVersion: number, patch: OffencePatch) {
      const current = await store.offences.get(offenceId);
      const defendant = current ? await store.defendants.get(current.defendantId) : undefined;
      if (!current || !defendant) throw new AppError("offence.not_found");
      const facts = await visibleFacts(actor, defendant.caseId, "offence.not_found");
      if (!can(actor, "write", { kind: "case", case: facts })) throw new AppError("auth.forbidden");
      // A change of dates is checked against the dates it keeps.
      const startDate = patch.startDate ?? current.startDate;
      const endDate = patch.endDate === undefined ? current.endDate : patch.endDate;
      if (endDate !== null && endDate < startDate) throw new AppError("request.invalid");
      return versionedChange({
        actor,
        action: "offence.updated",
        subject: { type: "offence", id: offenceId, caseId: defendant.caseId },
        current,
        expectedVersion,
        patch,
        write: (tx, changes) => tx.offences.update(offenceId, expectedVersion, changes),
        notFound: "offence.not_found",
      });
    },

    async listHearing(actor: Actor, caseId: string, input: HearingRequest) {
      const facts = await visibleFacts(actor, caseId, "case.not_found");
      if (!can(actor, "write", { kind: "hearing", case: facts })) throw new AppError("auth.forbidden");
      const record = await store.cases.get(caseId);
      if (!record) throw new AppError("case.not_found");
      const courtCode = input.courtCode ?? record.courtCode;
      await requireCourt(courtCode);
      const hearing = { ...input, courtCode, id: ids(), caseId, version: 1 };
      await store.transaction(async (tx) => {
        await tx.hearings.insert(hearing);
        const { version: _, id: __, caseId: ___, ...after } = hearing;
        await auditChange(tx, actor, "hearing.listed", { type: "hearing", id: hearing.id, caseId }, { version: 1, before: null, after });
      });
      await announce(caseId, { accessMayChange: !facts.courtCodes.includes(courtCode) });
      return (await store.hearings.get(hearing.id)) ?? hearing;
    },

    async updateHearing(actor: Actor, hearingId: string, expectedVersion: number, patch: HearingPatch) {
      const current = await store.hearings.get(hearingId);
      if (!current) throw new AppError("hearing.not_found");
      const facts = await visibleFacts(actor, current.caseId, "hearing.not_found");
      if (!can(actor, "write", { kind: "hearing", case: facts })) throw new AppError("auth.forbidden");
      if (patch.courtCode !== undefined) await requireCourt(patch.courtCode);
      return versionedChange({
        actor,
        action: "hearing.updated",
        subject: { type: "hearing", id: hearingId, caseId: current.caseId },
        current,
        expectedVersion,
        patch,
        write: (tx, changes) => tx.hearings.update(hearingId, expectedVersion, changes),
        notFound: "hearing.not_found",
        accessMayChange: patch.courtCode !== undefined,
      });
    },

    /**
     * Send a magistrates' case to the Crown Court (research/domain.md §4.3): the case moves to
     * the Crown Court with its date of sending, from which the PTPH stage dates follow; each
     * defendant in custody gets the Crown Court custody time limit, 182 days from sending.
     */
    async send(actor: Actor, caseId: string, expectedVersion: number | undefined, input: SendingRequest) {
      const { record } = await caseOf(actor, caseId, "send");
      if (record.jurisdiction !== "magistrates" || record.status !== "active") throw new AppError("case.not_magistrates");
      await requireCourt(input.crownCourtCode, "crown");
      const version = expectedVersion ?? record.version;
      const defendants = await store.defendants.listByCase(caseId);
      const changes = { jurisdiction: "crown" as const, courtCode: input.crownCourtCode, status: "sent-to-crown-court" as const, sentOn: input.sentOn };
      await store.transaction(async (tx) => {
        const result = await tx.cases.update(caseId, version, changes);
        if (result.status === "missing") throw new AppError("case.not_found");
        if (result.status === "stale") throw new AppError("record.stale", { version: result.current.version });
        const { before, after } = changedFields(record, changes);
        await auditChange(tx, actor, "case.sent", { type: "case", id: caseId, caseId }, { version: result.record.version, before, after });
        for (const defendant of defendants) {
          if (defendant.custody !== "custody") continue;
          const custodyTimeLimit = crownCourtCustodyTimeLimit(input.sentOn);
          if (custodyTimeLimit === defendant.custodyTimeLimit) continue;
          const updated = await tx.defendants.update(defendant.id, defendant.version, { custodyTimeLimit });
          if (updated.status !== "updated") throw new AppError("record.stale", { version: result.record.version });
          await auditChange(tx, actor, "defendant.updated", { type: "defendant", id: defendant.id, caseId }, {
            version: updated.record.version,
            reason: "sent-to-crown-court",
            before: { custodyTimeLimit: defendant.custodyTimeLimit },
            after: { custodyTimeLimit },
          });
        }
      });
      await announce(caseId, { accessMayChange: true });
      const inCustody = defendants.some((d) => d.custody === "custody");
      return { ...(await caseView(caseId)), ptphStageDates: ptphStageDates({ sentOn: input.sentOn, inCustody }) };
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;

/** The fields of `patch` whose values differ from `current`: what a change audits and writes. */
function changedFields<T extends Record<string, unknown>>(current: T, patch: Partial<T>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || JSON.stringify(current[key]) === JSON.stringify(value)) continue;
    before[key] = current[key] ?? null;
    after[key] = value;
  }
  return { before, after };
}
