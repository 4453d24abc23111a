import type { i18n } from "i18next";
import { directionText } from "../../shared/i18n/direction-text.ts";
import { formatLongDate } from "../../shared/i18n/language.ts";
import { addBusinessDays, londonDateTime } from "../../shared/domain/calendar.ts";
import { computeDueDate, findTemplate, type ResponsibleParty, type TriggerDates } from "../../shared/domain/direction-templates.ts";
import { type Actor, type CaseFacts, can, representedDefendants } from "../../shared/policy/access-policy.ts";
import type { DirectionRecord } from "../../shared/schemas/direction.schema.ts";
import { AppError } from "../app-error.ts";
import type { Mailer } from "../notifications/mailer.ts";
import type { Notice, NoticeService } from "../notifications/notice.service.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { loadCaseFacts } from "../cases/case.service.ts";
import type { Clock, IdSource } from "../dependencies.ts";
import type { RealtimeHub } from "../realtime/realtime-hub.ts";
import type { Store } from "../storage/store.ts";

export type DirectionInput = {
  templateId?: string;
  text?: string;
  responsibleParty?: string;
  dueOn?: string;
  values?: Record<string, string>;
  triggers?: TriggerDates;
};

export type DirectionStatus = "open" | "due" | "due-soon" | "overdue" | "complied" | "varied";

/** Days before the due date from which a direction is "due soon" (business days). */
const DUE_SOON_BUSINESS_DAYS = 2;

/**
 * Court directions (DESIGN §4): issued by legal advisers and judges from templates or free text,
 * versioned on variation (history never rewritten), pushed to every member of the case at once,
 * with automatic receipts, explicit acknowledgements and compliance per party.
 */
export function createDirectionService(options: {
  store: Store;
  clock: Clock;
  ids: IdSource;
  audit: AuditService;
  i18n: i18n;
  realtime: Pick<RealtimeHub, "directionIssued">;
  notices: NoticeService;
  mailer: Pick<Mailer, "flush">;
}) {
  const { store, clock, ids, audit, i18n, realtime, notices, mailer } = options;

  /** The e-mail notice of a direction given (version 1) or varied, to the parties who must comply. */
  const directionNotice = (direction: DirectionRecord, facts: CaseFacts, actorId: string): Notice => ({
    kind: "direction-issued",
    key: `${direction.id}:v${direction.version}`,
    caseId: direction.caseId,
    parties: partiesResponsible(direction.responsibleParty, facts).filter((party) => party !== "court"),
    exceptUserId: actorId,
    path: `/cases/${encodeURIComponent(direction.caseId)}/directions`,
    subject: direction.version === 1 ? "email:subjects.directionIssued" : "email:subjects.directionVaried",
    line: direction.dueOn === null ? "email:lines.directionNoDueDate" : direction.version === 1 ? "email:lines.directionIssued" : "email:lines.directionVaried",
    values: (_i18n, language) => ({ dueOn: direction.dueOn ? formatLongDate(direction.dueOn, language) : "" }),
  });
  const sendNotices = () => void mailer.flush().catch(() => undefined);
  const today = () => londonDateTime(clock()).date;

  async function memberFacts(actor: Actor, caseId: string): Promise<CaseFacts> {
    const facts = await loadCaseFacts(store, caseId);
    if (!facts || !can(actor, "read", { kind: "direction", case: facts })) throw new AppError("case.not_found");
    return facts;
  }

  function checkParty(party: string | undefined, facts: CaseFacts, fallback: ResponsibleParty): ResponsibleParty {
    const value = party ?? fallback;
    if (value === "prosecution" || value === "defence" || value === "all" || value === "court") return value;
    if (value.startsWith("defendant:") && facts.defendantIds.includes(value.slice("defendant:".length))) return value as ResponsibleParty;
    throw new AppError("request.invalid");
  }

  /** Whether the actor's party must comply with a direction for `party`. */
  function isResponsible(actor: Actor, facts: CaseFacts, party: string): boolean {
    if (party === "all") return actor.party !== "court";
    if (party === "prosecution") return actor.role === "prosecutor";
    if (party === "defence") return representedDefendants(actor, facts).length > 0;
    if (party.startsWith("defendant:")) return representedDefendants(actor, facts).includes(party.slice("defendant:".length));
    return false;
  }

  /** The stored words of a standard direction (English); readers see it in their own language. */
  function render(templateId: string, values: Record<string, string>, dueOn: string | null): string {
    return directionText(i18n, { templateId, templateValues: values, text: "", dueOn }, (iso) => formatLongDate(iso, "en"));
  }

  /** The parties (as acknowledgements name them) that must each comply with a direction. */
  function partiesResponsible(responsibleParty: string, facts: CaseFacts): string[] {
    const firms = [...new Set(Object.values(facts.representation))].map((org) => `defence:${org}`);
    if (responsibleParty === "prosecution") return ["prosecution"];
    if (responsibleParty === "court") return ["court"];
    if (responsibleParty === "defence") return firms;
    if (responsibleParty === "all") return ["prosecution", ...firms];
    const org = facts.representation[responsibleParty.slice("defendant:".length)];
    return org ? [`defence:${org}`] : [];
  }

  async function describeCase(caseId: string) {
    const facts = await loadCaseFacts(store, caseId);
    const names = new Map<string, string>();
    const nameOf = async (userId: string) => {
      if (!names.has(userId)) names.set(userId, (await store.users.get(userId))?.displayName ?? userId);
      return names.get(userId) as string;
    };
    const [all, receipts, acknowledgements, compliance] = await Promise.all([
      store.directions.listByCase(caseId),
      store.directions.receipts(caseId),
      store.directions.acknowledgements(caseId),
      store.directions.compliance(caseId),
    ]);
    const byId = new Map<string, DirectionRecord[]>();
    for (const d of all) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
    const now = today();
    const soon = addBusinessDays(now, DUE_SOON_BUSINESS_DAYS);
    const described = [];
    for (const versions of byId.values()) {
      const latest = versions[versions.length - 1] as DirectionRecord;
      const of = <T extends { directionId: string; version: number }>(rows: T[]) => rows.filter((r) => r.directionId === latest.id && r.version === latest.version);
      const complied = of(compliance);
      const responsible = facts ? partiesResponsible(latest.responsibleParty, facts) : [];
      const isComplied = responsible.length > 0 && responsible.every((party) => complied.some((c) => c.party === party));
      const status: DirectionStatus =
        isComplied ? "complied" : latest.dueOn === null ? "open" : latest.dueOn < now ? "overdue" : latest.dueOn <= soon ? "due-soon" : "due";
      described.push({
        id: latest.id,
        version: latest.version,
        templateId: latest.templateId,
        templateValues: latest.templateValues,
        text: latest.text,
        responsibleParty: latest.responsibleParty,
        dueOn: latest.dueOn,
        legalBasis: latest.legalBasis,
        issuedAt: latest.issuedAt,
        issuedBy: latest.issuedBy,
        issuedByName: await nameOf(latest.issuedBy),
        status,
        receipts: of(receipts).map((r) => ({ userId: r.userId, receivedAt: r.receivedAt })),
        acknowledgements: of(acknowledgements).map((a) => ({ party: a.party, userId: a.userId, acknowledgedAt: a.acknowledgedAt })),
        compliance: complied.map((c) => ({ party: c.party, userId: c.userId, compliedAt: c.compliedAt, note: c.note, documentId: c.documentId })),
        history: await Promise.all(
          versions.slice(0, -1).map(async (v) => ({ version: v.version, templateId: v.templateId, templateValues: v.templateValues, text: v.text, dueOn: v.dueOn, responsibleParty: v.responsibleParty, issuedAt: v.issuedAt, issuedBy: v.issuedBy, issuedByName: await nameOf(v.issuedBy), status: "varied" as const })),
        ),
      });
    }
    return described;
  }

  type Described = Awaited<ReturnType<typeof describeCase>>[number];

  async function latestVersion(actor: Actor, directionId: string) {
    const versions = await store.directions.versions(directionId);
    const latest = versions[versions.length - 1];
    const facts = latest && (await loadCaseFacts(store, latest.caseId));
    if (!latest || !facts || !can(actor, "read", { kind: "direction", case: facts })) throw new AppError("direction.not_found");
    return { latest, facts };
  }

  async function publish(caseId: string, directionIds: string[]): Promise<Described[]> {
    const all = await describeCase(caseId);
    const described = directionIds.map((id) => all.find((d) => d.id === id)).filter((d): d is Described => d !== undefined);
    for (const direction of described) realtime.directionIssued(caseId, direction);
    return described;
  }

  return {
    async list(actor: Actor, caseId: string) {
      await memberFacts(actor, caseId);
      return { directions: await describeCase(caseId) };
    },

    async issue(actor: Actor, caseId: string, inputs: DirectionInput[]) {
      const facts = await memberFacts(actor, caseId);
      if (!can(actor, "issue", { kind: "direction", case: facts })) throw new AppError("auth.forbidden");
      const [record, hearings, defendants] = await Promise.all([store.cases.get(caseId), store.hearings.listByCase(caseId), store.defendants.listByCase(caseId)]);
      if (!record) throw new AppError("case.not_found");
      const issuedAt = clock().toISOString();
      const baseTriggers: TriggerDates = {
        firstHearing: hearings.find((h) => h.type === "first-hearing")?.date ?? hearings[0]?.date,
        trialDate: hearings.find((h) => h.type === "trial")?.date,
        sending: record.sentOn ?? undefined,
        notGuiltyPlea: today(),
        initialDisclosure: today(),
      };
      const inCustody = defendants.some((d) => d.custody === "custody");
      const records: DirectionRecord[] = inputs.map((input) => {
        const template = input.templateId ? findTemplate(input.templateId) : undefined;
        if (input.templateId && (!template || (template.jurisdiction !== "any" && template.jurisdiction !== record.jurisdiction))) {
          throw new AppError("direction.template_unknown");
        }
        const responsibleParty = checkParty(input.responsibleParty, facts, template?.responsibleParty ?? "all");
        const computed = template ? computeDueDate(template.due, { ...baseTriggers, ...input.triggers }, { inCustody }) : null;
        const dueOn = input.dueOn ?? computed;
        if (template?.due.trigger === "fixed" && !dueOn) throw new AppError("direction.no_due_date");
        const values = input.values ?? {};
        const text = template ? render(template.id, values, dueOn) : (input.text ?? "").trim();
        if (!text) throw new AppError("request.invalid");
        return {
          id: ids(),
          caseId,
          version: 1,
          templateId: template?.id ?? null,
          text,
          responsibleParty,
          dueOn,
          legalBasis: template?.legalBasis ?? null,
          issuedAt,
          issuedBy: actor.id,
          status: "open",
          templateValues: values,
        };
      });
      await store.transaction(async (tx) => {
        for (const r of records) {
          await tx.directions.insert(r);
          await audit.record(tx, { actorId: actor.id, actorOrganisationId: actor.organisationId, action: "direction.issued", subjectType: "direction", subjectId: r.id, caseId, detail: { version: 1, dueOn: r.dueOn, responsibleParty: r.responsibleParty } });
          await notices.enqueue(tx, directionNotice(r, facts, actor.id));
        }
      });
      sendNotices();
      return { directions: await publish(caseId, records.map((r) => r.id)) };
    },

    async vary(actor: Actor, directionId: string, input: DirectionInput) {
      const { latest, facts } = await latestVersion(actor, directionId);
      if (!can(actor, "issue", { kind: "direction", case: facts })) throw new AppError("auth.forbidden");
      const dueOn = input.dueOn ?? latest.dueOn;
      const values = { ...latest.templateValues, ...input.values };
      const text = input.text?.trim() || (latest.templateId ? render(latest.templateId, values, dueOn) : latest.text);
      const next: DirectionRecord = {
        ...latest,
        version: latest.version + 1,
        text,
        dueOn,
        responsibleParty: checkParty(input.responsibleParty ?? latest.responsibleParty, facts, "all"),
        issuedAt: clock().toISOString(),
        issuedBy: actor.id,
        templateValues: values,
      };
      await store.transaction(async (tx) => {
        await tx.directions.insert(next);
        await audit.record(tx, { actorId: actor.id, actorOrganisationId: actor.organisationId, action: "direction.varied", subjectType: "direction", subjectId: next.id, caseId: next.caseId, detail: { version: next.version, dueOn } });
        await notices.enqueue(tx, directionNotice(next, facts, actor.id));
      });
      sendNotices();
      return (await publish(next.caseId, [next.id]))[0];
    },

    /**
     * Reminders by e-mail (issue #16): each open direction due in `dueSoonDays` business days, and
     * each overdue one, to the parties that have not complied; once per version (the key says so).
     */
    async remind(dueSoonDays: number): Promise<number> {
      const todayIso = today();
      const soon = addBusinessDays(todayIso, dueSoonDays);
      let queued = 0;
      for (const record of await store.cases.list()) {
        const facts = await loadCaseFacts(store, record.id);
        if (!facts) continue;
        for (const d of await describeCase(record.id)) {
          const dueOn = d.dueOn;
          if (!dueOn || d.status === "complied") continue;
          const which = dueOn === soon ? "soon" : dueOn < todayIso ? "overdue" : undefined;
          if (!which) continue;
          const parties = partiesResponsible(d.responsibleParty, facts).filter((party) => party !== "court" && !d.compliance.some((c) => c.party === party));
          if (parties.length === 0) continue;
          queued += await store.transaction((tx) =>
            notices.enqueue(tx, {
              kind: "direction-due",
              key: `${d.id}:v${d.version}:${which}`,
              caseId: record.id,
              parties,
              path: `/cases/${encodeURIComponent(record.id)}/directions`,
              subject: which === "soon" ? "email:subjects.directionDueSoon" : "email:subjects.directionOverdue",
              line: which === "soon" ? "email:lines.directionDueSoon" : "email:lines.directionOverdue",
              values: (_i18n, language) => ({ dueOn: formatLongDate(dueOn, language) }),
            }),
          );
        }
      }
      if (queued > 0) sendNotices();
      return queued;
    },

    /** A client received a direction (recorded automatically, once per user and version). */
    async receive(actor: Actor, directionId: string, version: number): Promise<boolean> {
      const versions = await store.directions.versions(directionId);
      const target = versions.find((v) => v.version === version);
      const facts = target && (await loadCaseFacts(store, target.caseId));
      if (!target || !facts || !can(actor, "read", { kind: "direction", case: facts })) return false;
      await store.directions.addReceipt({ directionId, version, userId: actor.id, receivedAt: clock().toISOString() });
      return true;
    },

    async acknowledge(actor: Actor, directionId: string) {
      const { latest, facts } = await latestVersion(actor, directionId);
      if (!can(actor, "acknowledge", { kind: "direction", case: facts })) throw new AppError("auth.forbidden");
      const at = clock().toISOString();
      await store.transaction(async (tx) => {
        if (await tx.directions.addAcknowledgement({ directionId, version: latest.version, party: actor.party, userId: actor.id, acknowledgedAt: at })) {
          await audit.record(tx, { actorId: actor.id, actorOrganisationId: actor.organisationId, action: "direction.acknowledged", subjectType: "direction", subjectId: directionId, caseId: latest.caseId, detail: { version: latest.version, party: actor.party } });
        }
      });
      return (await publish(latest.caseId, [directionId]))[0];
    },

    async comply(actor: Actor, directionId: string, input: { note: string; documentId?: string }) {
      const { latest, facts } = await latestVersion(actor, directionId);
      if (!isResponsible(actor, facts, latest.responsibleParty)) throw new AppError("auth.forbidden");
      if (input.documentId) {
        const document = await store.documents.get(input.documentId);
        if (!document || document.caseId !== latest.caseId) throw new AppError("request.invalid");
      }
      const at = clock().toISOString();
      await store.transaction(async (tx) => {
        // Complying again changes nothing and records nothing: the first record stands.
        if (!(await tx.directions.addCompliance({ directionId, version: latest.version, party: actor.party, userId: actor.id, compliedAt: at, note: input.note, documentId: input.documentId ?? null }))) return;
        await audit.record(tx, { actorId: actor.id, actorOrganisationId: actor.organisationId, action: "direction.complied", subjectType: "direction", subjectId: directionId, caseId: latest.caseId, detail: { version: latest.version } });
      });
      return (await publish(latest.caseId, [directionId]))[0];
    },

    /** Directions in the given cases that this user's client has not yet received. */
    async unreceived(userId: string, caseIds: readonly string[]) {
      const out: { caseId: string; direction: Described }[] = [];
      for (const caseId of caseIds) {
        for (const direction of await describeCase(caseId)) {
          if (!direction.receipts.some((r) => r.userId === userId)) out.push({ caseId, direction });
        }
      }
      return out;
    },

    describeCase,
  };
}

export type DirectionService = ReturnType<typeof createDirectionService>;
