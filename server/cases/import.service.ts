import { londonDateTime } from "../../shared/domain/calendar.ts";
import { type Actor, can } from "../../shared/policy/access-policy.ts";
import type { Court } from "../../shared/schemas/court.schema.ts";
import type { Hearing } from "../../shared/schemas/hearing.schema.ts";
import {
  HEARING_CSV_COLUMNS,
  type HearingCsvColumn,
  IMPORT_MAX_CASES,
  type ImportOutcome,
  type ImportProblem,
  type ImportSummary,
  problemField,
  type ProblemValues,
} from "../../shared/schemas/import.schema.ts";
import { type CreateCaseRequest, createCaseRequest, hearingRequest, intakeUrn } from "../../shared/schemas/intake.schema.ts";
import { AppError } from "../app-error.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Clock, IdSource } from "../dependencies.ts";
import type { RealtimeHub } from "../realtime/realtime-hub.ts";
import type { Store, VersionedUpdate } from "../storage/store.ts";
import { loadCaseFacts } from "./case.service.ts";
import { createdCaseAudit, initialCustodyTimeLimit, newCaseTree } from "./case-tree.ts";
import { arrayElementLines, parseCsv } from "./import-file-reader.ts";
import { issueProblem, problem } from "../../shared/i18n/problem-text.ts";

/**
 * Who imports: a signed-in user, whose access policy applies to every case as at `POST /api/cases`,
 * or the operator running the CLI, who may import for any court and prosecuting authority.
 */
export type ImportAuthority = { actor: Actor; isOperator: boolean };

export type ImportResult = { isValid: true; summary: ImportSummary } | { isValid: false; problems: ImportProblem[] };

/** One write of a plan, run in the import's transaction; versioned writes fail on a stale record. */
type PlannedWrite = (tx: Store) => Promise<void>;
type CasePlan = {
  urn: string;
  caseId: string;
  outcome: ImportOutcome;
  writes: PlannedWrite[];
  audit: { action: string; detail: Record<string, unknown> } | undefined;
  isAccessChanged: boolean;
};

/**
 * Bulk import (issue #14). Everything is validated before anything is written; then every case is
 * created or updated in one transaction, so an import happens whole or not at all.
 *
 * An existing case (same URN) is updated in place, matched **by position**: the file's defendant i
 * is the case's defendant i (in intake order), its offence j that defendant's offence j, and its
 * hearings (sorted by date and time) the case's hearings in the same order. Records the file has
 * beyond those recorded are added; an import never removes a defendant or an offence (a shorter
 * list is a problem) and leaves hearings it does not mention. Only the fields that differ are
 * written, each record's version goes up by one, and the case gets one audit entry holding every
 * changed record's before and after. An import that changes nothing writes nothing.
 */
export function createImportService(options: {
  store: Store;
  clock: Clock;
  ids: IdSource;
  audit: AuditService;
  realtime: Pick<RealtimeHub, "caseUpdated" | "accessChanged">;
}) {
  const { store, clock, ids, audit, realtime } = options;

  const refuseNonWriters = (authority: ImportAuthority) => {
    const { role } = authority.actor;
    if (!authority.isOperator && role !== "court-staff" && role !== "prosecutor") throw new AppError("auth.forbidden");
  };

  const run = async (authority: ImportAuthority, plans: CasePlan[], isDryRun: boolean): Promise<ImportSummary> => {
    const summary: ImportSummary = {
      isDryRun,
      created: plans.filter((p) => p.outcome === "created").length,
      updated: plans.filter((p) => p.outcome === "updated").length,
      unchanged: plans.filter((p) => p.outcome === "unchanged").length,
      cases: plans.map((p) => ({ urn: p.urn, caseId: p.caseId, outcome: p.outcome })),
    };
    const changed = plans.filter((p) => p.outcome !== "unchanged");
    if (isDryRun || changed.length === 0) return summary;
    await store.transaction(async (tx) => {
      for (const plan of changed) {
        for (const write of plan.writes) await write(tx);
        if (plan.audit) {
          await audit.record(tx, {
            actorId: authority.actor.id,
            actorOrganisationId: authority.actor.organisationId,
            action: plan.audit.action,
            subjectType: "case",
            subjectId: plan.caseId,
            caseId: plan.caseId,
            detail: plan.audit.detail,
          });
        }
      }
    });
    // Announced once committed; in the background, so a large import is not held up by its news.
    void (async () => {
      for (const plan of changed) {
        if (plan.isAccessChanged) await realtime.accessChanged(plan.caseId);
        const record = await store.cases.get(plan.caseId);
        if (record) realtime.caseUpdated(plan.caseId, record.version);
      }
    })().catch(() => undefined);
    return summary;
  };

  const courtsOnce = async () => new Map<string, Court>((await store.courts.list()).map((c) => [c.code, c]));

  return {
    /** Import `{"cases":[…]}` (the create-case body of `POST /api/cases`, many times). */
    async importCases(authority: ImportAuthority, text: string, options: { isDryRun: boolean }): Promise<ImportResult> {
      refuseNonWriters(authority);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
        const line = position === undefined ? undefined : text.slice(0, Number(position)).split("\n").length;
        return { isValid: false, problems: [{ ...(line === undefined ? {} : { line }), field: "", message: problem("notJson") }] };
      }
      const items = (body as { cases?: unknown } | null)?.cases;
      if (typeof body !== "object" || body === null || Array.isArray(body) || !Array.isArray(items) || Object.keys(body).length !== 1) {
        return { isValid: false, problems: [{ line: 1, field: "cases", message: problem("notCasesFile") }] };
      }
      if (items.length > IMPORT_MAX_CASES) {
        return { isValid: false, problems: [{ line: 1, field: "cases", message: problem("tooManyCases"), values: { max: IMPORT_MAX_CASES } }] };
      }
      const lines = arrayElementLines(text, "cases");
      const today = londonDateTime(clock()).date;
      const schema = createCaseRequest(today);
      const courts = await courtsOnce();
      const organisations = new Map<string, string | undefined>();
      const organisationKind = async (id: string) => {
        if (!organisations.has(id)) organisations.set(id, (await store.organisations.get(id))?.kind);
        return organisations.get(id);
      };

      const problems: ImportProblem[] = [];
      const plans: CasePlan[] = [];
      const seen = new Map<string, number>();
      for (const [index, item] of items.entries()) {
        const line = lines[index];
        const at = { ...(line === undefined ? {} : { line }), index };
        const parsed = schema.safeParse(item);
        if (!parsed.success) {
          const urn = intakeUrn.safeParse((item as { urn?: unknown } | null)?.urn);
          for (const issue of parsed.error.issues) {
            // A field that is not part of the format is named: `defendants[0].custody`, not `defendants[0]`.
            const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
            for (const key of keys) {
              const path = key === undefined ? issue.path : [...issue.path, key];
              problems.push({ ...at, ...(urn.success ? { urn: urn.data } : {}), field: problemField(path), message: issueProblem(issue) });
            }
          }
          continue;
        }
        const input = parsed.data;
        const report = (field: string, message: string, values?: ProblemValues) => problems.push({ ...at, urn: input.urn, field, message, ...(values ? { values } : {}) });
        const firstIndex = seen.get(input.urn);
        if (firstIndex !== undefined) {
          report("urn", problem("urnTwice"), { index: firstIndex });
          continue;
        }
        seen.set(input.urn, index);

        const prosecutingOrganisationId = input.prosecutingOrganisationId ?? (authority.actor.role === "prosecutor" ? authority.actor.organisationId : undefined);
        if (prosecutingOrganisationId === undefined) {
          report("prosecutingOrganisationId", problem("nameProsecutor"));
          continue;
        }
        const newCase = { kind: "new-case" as const, prosecutingOrganisationId, courtCode: input.courtCode };
        if (!authority.isOperator && !can(authority.actor, "create", newCase)) {
          report(input.prosecutingOrganisationId === undefined ? "courtCode" : "prosecutingOrganisationId", problem("cannotImportHere"));
          continue;
        }
        if ((await organisationKind(prosecutingOrganisationId)) !== "prosecution") report("prosecutingOrganisationId", problem("noSuchProsecutor"));
        if (courts.get(input.courtCode)?.jurisdiction !== input.jurisdiction) report("courtCode", problem("courtNotForCase"));
        for (const [h, hearing] of input.hearings.entries()) {
          if (hearing.courtCode !== undefined && !courts.has(hearing.courtCode)) report(`hearings[${h}].courtCode`, problem("noSuchCourt"));
        }

        const existing = await store.cases.getByUrn(input.urn);
        if (!existing) {
          plans.push(createPlan(input, prosecutingOrganisationId, ids));
          continue;
        }
        // Another authority's case, or one the importer cannot change: say no more than that.
        const facts = existing.prosecutingOrganisationId === prosecutingOrganisationId ? await loadCaseFacts(store, existing.id) : undefined;
        if (!facts || (!authority.isOperator && !can(authority.actor, "write", { kind: "case", case: facts }))) {
          report("urn", problem("notYours"));
          continue;
        }
        const update = await updatePlan(store, ids, input, existing.id);
        for (const p of update.problems) report(p.field, p.message, p.values);
        const isHearingChanged = update.plan.hearingsChanged;
        if (isHearingChanged && !authority.isOperator && !can(authority.actor, "write", { kind: "hearing", case: facts })) {
          report("hearings", problem("onlyCourtStaffHearings"));
        }
        plans.push(update.plan);
      }
      if (problems.length > 0) return { isValid: false, problems };
      return { isValid: true, summary: await run(authority, plans, options.isDryRun) };
    },

    /** Import a court list: hearings (CSV, `HEARING_CSV_COLUMNS`) for existing cases, matched by court, date and type. */
    async importHearings(authority: ImportAuthority, text: string, options: { isDryRun: boolean }): Promise<ImportResult> {
      refuseNonWriters(authority);
      const records = parseCsv(text);
      if (!records) return { isValid: false, problems: [{ field: "", message: problem("quoteNotClosed") }] };
      const [header, ...rows] = records;
      const columns = header?.fields.map((f) => f.trim()) ?? [];
      const missing = HEARING_CSV_COLUMNS.filter((c) => !columns.includes(c));
      const unknown = columns.filter((c) => !(HEARING_CSV_COLUMNS as readonly string[]).includes(c));
      if (!header || missing.length > 0 || unknown.length > 0) {
        return { isValid: false, problems: [{ line: header?.line ?? 1, field: "header", message: problem("header"), values: { columns: HEARING_CSV_COLUMNS.join(",") } }] };
      }
      const courts = await courtsOnce();
      const problems: ImportProblem[] = [];
      const byCase = new Map<string, { caseId: string; urn: string; stored: Hearing[]; changes: Record<string, unknown>[]; writes: PlannedWrite[]; isAccessChanged: boolean }>();
      const keys = new Set<string>();
      for (const row of rows) {
        const value = (column: HearingCsvColumn) => (row.fields[columns.indexOf(column)] ?? "").trim();
        const report = (field: string, message: string, urn?: string, values?: ProblemValues) =>
          problems.push({ line: row.line, ...(urn ? { urn } : {}), field, message, ...(values ? { values } : {}) });
        if (row.fields.length !== columns.length) {
          report("", problem("fieldCount"), undefined, { expected: columns.length, found: row.fields.length });
          continue;
        }
        const urn = intakeUrn.safeParse(value("urn"));
        const estimated = value("estimatedMinutes");
        const parsed = hearingRequest.safeParse({
          courtCode: value("court"),
          courtroom: value("courtroom") || null,
          date: value("date"),
          startTime: value("startTime"),
          type: value("type"),
          estimatedMinutes: estimated === "" ? null : Number(estimated),
          judiciary: value("judiciary") === "" ? [] : value("judiciary").split(";").map((j) => j.trim()),
        });
        if (!urn.success) report("urn", urn.error.issues[0] ? issueProblem(urn.error.issues[0]) : problem("notAUrn"));
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const field = problemField(issue.path).replace(/^courtCode/, "court");
            report(field, issueProblem(issue), urn.success ? urn.data : undefined);
          }
        }
        if (!urn.success || !parsed.success) continue;
        const hearing = { ...parsed.data, courtCode: parsed.data.courtCode ?? "" };
        if (!courts.has(hearing.courtCode)) report("court", problem("noSuchCourt"), urn.data);
        const key = `${urn.data}|${hearing.courtCode}|${hearing.date}|${hearing.type}`;
        if (keys.has(key)) {
          report("date", problem("hearingTwice"), urn.data);
          continue;
        }
        keys.add(key);

        let group = byCase.get(urn.data);
        if (!group) {
          const existing = await store.cases.getByUrn(urn.data);
          const facts = existing ? await loadCaseFacts(store, existing.id) : undefined;
          if (!existing || !facts || (!authority.isOperator && !can(authority.actor, "write", { kind: "hearing", case: facts }))) {
            report("urn", problem("noCaseForHearings"), urn.data);
            continue;
          }
          group = { caseId: existing.id, urn: urn.data, stored: await store.hearings.listByCase(existing.id), changes: [], writes: [], isAccessChanged: false };
          byCase.set(urn.data, group);
        }
        const { caseId } = group;
        const match = group.stored.find((s) => s.courtCode === hearing.courtCode && s.date === hearing.date && s.type === hearing.type);
        if (match) {
          const { before, after } = changedFields(match, hearing);
          if (Object.keys(after).length === 0) continue;
          group.changes.push({ type: "hearing", id: match.id, version: match.version + 1, before, after });
          group.writes.push(versioned((tx) => tx.hearings.update(match.id, match.version, after)));
        } else {
          const created = { ...hearing, id: ids(), caseId, version: 1 };
          group.changes.push({ type: "hearing", id: created.id, version: 1, before: null, after: hearing });
          group.writes.push((tx) => tx.hearings.insert(created));
          if (!group.stored.some((s) => s.courtCode === hearing.courtCode)) group.isAccessChanged = true;
        }
      }
      if (problems.length > 0) return { isValid: false, problems };
      const plans: CasePlan[] = [...byCase.values()].map((g) => ({
        urn: g.urn,
        caseId: g.caseId,
        outcome: g.writes.length > 0 ? "updated" : "unchanged",
        writes: g.writes,
        audit: { action: "case.imported", detail: { source: "court-list", changes: g.changes } },
        isAccessChanged: g.isAccessChanged,
      }));
      return { isValid: true, summary: await run(authority, plans, options.isDryRun) };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;

/** A versioned write that aborts the whole import if the record moved on since it was read. */
function versioned(write: (tx: Store) => Promise<VersionedUpdate<{ version: number }>>): PlannedWrite {
  return async (tx) => {
    const result = await write(tx);
    if (result.status === "stale") throw new AppError("record.stale", { version: result.current.version });
    if (result.status === "missing") throw new AppError("case.not_found");
  };
}


const byDateAndTime = <T extends { date: string; startTime: string }>(a: T, b: T) => `${a.date}T${a.startTime}`.localeCompare(`${b.date}T${b.startTime}`);

function createPlan(input: CreateCaseRequest, prosecutingOrganisationId: string, ids: IdSource): CasePlan {
  const tree = newCaseTree(input, prosecutingOrganisationId, ids);
  const caseId = tree.record.id;
  return {
    urn: input.urn,
    caseId,
    outcome: "created",
    writes: [(tx) => tx.cases.insertTree(tree)],
    audit: {
      action: "case.created",
      detail: {
        version: 1,
        source: "import",
        before: null,
        after: createdCaseAudit(tree),
      },
    },
    isAccessChanged: true,
  };
}

/** The writes that make the stored case match the file (see the matching rule above), and what refuses it. */
async function updatePlan(store: Store, ids: IdSource, input: CreateCaseRequest, caseId: string) {
  const problems: { field: string; message: string; values?: ProblemValues }[] = [];
  const writes: PlannedWrite[] = [];
  const changes: Record<string, unknown>[] = [];
  const record = await store.cases.get(caseId);
  if (!record) throw new AppError("case.not_found");
  if (record.jurisdiction !== input.jurisdiction) problems.push({ field: "jurisdiction", message: problem("jurisdictionChange") });
  const caseChange = changedFields(record, { courtCode: input.courtCode, sentOn: input.sentOn });
  if (Object.keys(caseChange.after).length > 0) {
    changes.push({ type: "case", id: caseId, version: record.version + 1, ...caseChange });
    writes.push(versioned((tx) => tx.cases.update(caseId, record.version, caseChange.after)));
  }

  const stored = await store.defendants.listByCase(caseId);
  if (input.defendants.length < stored.length) problems.push({ field: "defendants", message: problem("removesDefendants"), values: { count: stored.length } });
  for (const [i, { offences, ...given }] of input.defendants.entries()) {
    const fields = { ...given, custodyTimeLimit: initialCustodyTimeLimit(input, { ...given, offences }) };
    const current = stored[i];
    const defendantId = current?.id ?? ids();
    if (current && current.kind !== fields.kind) {
      // Matched by position, a person turned organisation (or back) would keep the other's access,
      // directions and documents: a different defendant is added, not written over one.
      problems.push({ field: `defendants[${i}].kind`, message: problem("kindChange") });
      continue;
    }
    if (current) {
      const diff = changedFields(current, fields);
      if (Object.keys(diff.after).length > 0) {
        changes.push({ type: "defendant", id: current.id, version: current.version + 1, ...diff });
        writes.push(versioned((tx) => tx.defendants.update(current.id, current.version, diff.after)));
      }
    } else {
      const created = { ...fields, id: defendantId, caseId, version: 1 };
      changes.push({ type: "defendant", id: defendantId, version: 1, before: null, after: fields });
      writes.push((tx) => tx.defendants.insert(created, i));
    }
    const storedOffences = current ? await store.offences.listByDefendant(current.id) : [];
    if (offences.length < storedOffences.length) problems.push({ field: `defendants[${i}].offences`, message: problem("removesOffences"), values: { count: storedOffences.length } });
    for (const [j, offence] of offences.entries()) {
      const currentOffence = storedOffences[j];
      if (currentOffence) {
        const diff = changedFields(currentOffence, offence);
        if (Object.keys(diff.after).length === 0) continue;
        changes.push({ type: "offence", id: currentOffence.id, version: currentOffence.version + 1, ...diff });
        writes.push(versioned((tx) => tx.offences.update(currentOffence.id, currentOffence.version, diff.after)));
      } else {
        const created = { ...offence, id: ids(), defendantId, version: 1 };
        changes.push({ type: "offence", id: created.id, version: 1, before: null, after: offence });
        writes.push((tx) => tx.offences.insert(created, j));
      }
    }
  }

  const storedHearings = (await store.hearings.listByCase(caseId)).sort(byDateAndTime);
  const givenHearings = input.hearings.map((h) => ({ ...h, courtCode: h.courtCode ?? input.courtCode })).sort(byDateAndTime);
  let hearingsChanged = false;
  for (const [k, hearing] of givenHearings.entries()) {
    const current = storedHearings[k];
    if (current) {
      const diff = changedFields(current, hearing);
      if (Object.keys(diff.after).length === 0) continue;
      changes.push({ type: "hearing", id: current.id, version: current.version + 1, ...diff });
      writes.push(versioned((tx) => tx.hearings.update(current.id, current.version, diff.after)));
    } else {
      const created = { ...hearing, id: ids(), caseId, version: 1 };
      changes.push({ type: "hearing", id: created.id, version: 1, before: null, after: hearing });
      writes.push((tx) => tx.hearings.insert(created));
    }
    hearingsChanged = true;
  }

  const plan: CasePlan & { hearingsChanged: boolean } = {
    urn: input.urn,
    caseId,
    outcome: writes.length > 0 ? "updated" : "unchanged",
    writes,
    audit: { action: "case.imported", detail: { source: "import", changes } },
    isAccessChanged: caseChange.after.courtCode !== undefined || hearingsChanged,
    hearingsChanged,
  };
  return { problems, plan };
}

/** The fields of `patch` whose values differ from `current`, before and after. */
function changedFields<T extends object>(current: T, patch: Partial<T>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const was = (current as Record<string, unknown>)[key];
    if (value === undefined || JSON.stringify(was) === JSON.stringify(value)) continue;
    before[key] = was ?? null;
    after[key] = value;
  }
  return { before, after: after as Partial<T> };
}
