import { createHash } from "node:crypto";
import { type Language, translator } from "../../shared/i18n/i18n.ts";
import { courtNameIn, formatLongDate } from "../../shared/i18n/language.ts";
import * as Y from "yjs";
import { ptphStageDates } from "../../shared/domain/ptph-timetable.ts";
import { canonicalPart, completeness, setFieldValue } from "../../shared/forms/form-content.ts";
import type { FormDefinition, FormPartDefinition, PrefillSource } from "../../shared/forms/form-definition.schema.ts";
import { FORM_DEFINITIONS } from "../../shared/forms/form-definitions.ts";
import { type Actor, type CaseFacts, can, representedDefendants } from "../../shared/policy/access-policy.ts";
import { formPartDocName } from "../../shared/protocol/doc-names.ts";
import { defendantName } from "../../shared/schemas/defendant.schema.ts";
import type { FormRecord } from "../../shared/schemas/form.schema.ts";
import { AppError } from "../app-error.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { loadCaseFacts } from "../cases/case.service.ts";
import type { Clock, IdSource } from "../dependencies.ts";
import type { DocumentService } from "../documents/document.service.ts";
import type { RealtimeHub } from "../realtime/realtime-hub.ts";
import { type Store, StoreConflictError } from "../storage/store.ts";
import { londonDateTime } from "../../shared/domain/calendar.ts";
import { formPdf } from "./form-pdf.ts";
import type { Mailer } from "../notifications/mailer.ts";
import type { NoticeService } from "../notifications/notice.service.ts";

/** The user id recorded for the server's own writes (pre-fill). */
export const SYSTEM_USER = "caseroom";

export type PartKey = "prosecution" | "court" | `defence:${string}`;
type PartRef = { key: PartKey; definition: FormPartDefinition; part: { side: "prosecution" } | { side: "court" } | { side: "defence"; defendantId: string } };

/** The parts of a form for a case: the defence part once per defendant. */
export function formParts(definition: FormDefinition, defendantIds: readonly string[]): PartRef[] {
  const refs: PartRef[] = [];
  for (const p of definition.parts) {
    if (p.side === "defence") {
      for (const defendantId of defendantIds) refs.push({ key: `defence:${defendantId}`, definition: p, part: { side: "defence", defendantId } });
    } else {
      refs.push({ key: p.side, definition: p, part: { side: p.side } });
    }
  }
  return refs;
}

/**
 * Case-management forms (DESIGN §3): the court creates one, each party edits its own part as a
 * Y.Doc, parties sign off a SHA-256 of the whole form's canonical content, and the court
 * finalises an agreed form into a PDF.
 */
export function createFormService(options: {
  store: Store;
  clock: Clock;
  ids: IdSource;
  audit: AuditService;
  documents: Pick<DocumentService, "fileDocument">;
  realtime: Pick<RealtimeHub, "accessChanged">;
  notices: NoticeService;
  mailer: Pick<Mailer, "flush">;
}) {
  const { store, clock, ids, audit, documents, realtime, notices, mailer } = options;

  async function readableForm(actor: Actor, formId: string): Promise<{ form: FormRecord; facts: CaseFacts; definition: FormDefinition }> {
    const form = await store.forms.get(formId);
    const facts = form && (await loadCaseFacts(store, form.caseId));
    if (!form || !facts || !can(actor, "read", { kind: "case", case: facts })) throw new AppError("form.not_found");
    return { form, facts, definition: FORM_DEFINITIONS[form.type] };
  }

  async function partDoc(form: FormRecord, ref: PartRef): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const { snapshot, updates } = await store.collab.load(formPartDocName(form.caseId, form.id, ref.part));
    Y.transact(doc, () => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const u of updates) Y.applyUpdate(doc, u.update);
    });
    return doc;
  }

  /** The canonical content of the whole form and its SHA-256. */
  async function contentOf(form: FormRecord, facts: CaseFacts, definition: FormDefinition) {
    const parts = formParts(definition, facts.defendantIds);
    const content: Record<string, Record<string, unknown>> = {};
    for (const ref of parts) {
      const doc = await partDoc(form, ref);
      content[ref.key] = canonicalPart(doc, ref.definition);
      doc.destroy();
    }
    const canonical = JSON.stringify(Object.keys(content).sort().map((key) => [key, content[key]]));
    return { parts, content, sha256: createHash("sha256").update(canonical).digest("hex") };
  }

  /** Parties whose sign-off makes the form agreed: the prosecution and each represented defendant's firm. */
  function requiredSignOffs(definition: FormDefinition, facts: CaseFacts): PartKey[] {
    const keys: PartKey[] = [];
    if (definition.signOffBy.includes("prosecution")) keys.push("prosecution");
    if (definition.signOffBy.includes("defence")) for (const d of Object.keys(facts.representation)) keys.push(`defence:${d}`);
    if (definition.signOffBy.includes("court")) keys.push("court");
    return keys;
  }

  async function describe(actor: Actor, form: FormRecord, facts: CaseFacts, definition: FormDefinition) {
    const { parts, content, sha256 } = await contentOf(form, facts, definition);
    const signOffs = await store.forms.listSignOffs(form.id);
    const finalisation = await store.forms.getFinalisation(form.id);
    const required = requiredSignOffs(definition, facts);
    const current = (key: string) => signOffs.filter((s) => s.party === key).at(-1);
    const isAgreed = required.length > 0 && required.every((key) => current(key)?.contentSha256 === sha256);
    return {
      id: form.id,
      type: form.type,
      caseId: form.caseId,
      createdAt: form.createdAt,
      contentSha256: sha256,
      parts: parts.map((ref) => ({
        key: ref.key,
        docName: formPartDocName(form.caseId, form.id, ref.part),
        writableBy:
          ref.part.side === "defence" ? (facts.representation[ref.part.defendantId] ? `defence:${facts.representation[ref.part.defendantId]}` : null) : ref.part.side === "court" ? "court" : "prosecution",
        canWrite: !finalisation && can(actor, "write", { kind: "form-part", case: facts, part: ref.part }),
        completeness: completeness(content[ref.key] as never, ref.definition),
      })),
      signOffs: await Promise.all(
        signOffs.map(async (s) => ({ party: s.party, userId: s.userId, name: (await store.users.get(s.userId))?.displayName ?? s.userId, signedAt: s.signedAt, contentSha256: s.contentSha256, isCurrent: s.contentSha256 === sha256 })),
      ),
      requiredSignOffs: required.map((key) => ({ party: key, signed: current(key)?.contentSha256 === sha256, changedSinceSigned: current(key) !== undefined && current(key)?.contentSha256 !== sha256 })),
      status: finalisation ? ("finalised" as const) : isAgreed ? ("agreed" as const) : ("draft" as const),
      finalisedDocumentId: finalisation?.documentId ?? null,
    };
  }

  async function prefillValue(source: PrefillSource, facts: CaseFacts, defendantId: string | undefined): Promise<string | string[] | undefined> {
    const record = await store.cases.get(facts.caseId);
    if (!record) return undefined;
    const defendant = defendantId ? await store.defendants.get(defendantId) : undefined;
    switch (source) {
      case "urn":
        return record.urn;
      case "court":
        return (await store.courts.get(record.courtCode))?.name ?? record.courtCode;
      case "jurisdiction":
        return record.jurisdiction;
      case "prosecutor":
        return (await store.organisations.get(record.prosecutingOrganisationId))?.name ?? record.prosecutingOrganisationId;
      case "sentOn":
        return record.sentOn ?? undefined;
      case "defendantName":
        return defendant ? defendantName(defendant) : undefined;
      case "defendantDateOfBirth":
        return defendant?.dateOfBirth ?? undefined;
      case "custody":
        return defendant?.custody ?? undefined;
      case "custodyTimeLimit":
        return defendant?.custodyTimeLimit ?? undefined;
      case "interpreterLanguage":
        return defendant?.interpreterLanguage ?? undefined;
      case "offences":
        return defendant ? (await store.offences.listByDefendant(defendant.id)).map((o) => `${o.title} (${o.legislation})`) : undefined;
    }
  }

  return {
    contentOf,
    readableForm,

    async create(actor: Actor, caseId: string, type: "PET" | "PTPH") {
      const facts = await loadCaseFacts(store, caseId);
      if (!facts || !can(actor, "read", { kind: "case", case: facts })) throw new AppError("case.not_found");
      if (!can(actor, "write", { kind: "form-part", case: facts, part: { side: "court" } })) throw new AppError("auth.forbidden");
      const record = await store.cases.get(caseId);
      const definition = FORM_DEFINITIONS[type];
      if (!record || record.jurisdiction !== definition.jurisdiction) throw new AppError("form.wrong_court");
      const form: FormRecord = { id: ids(), caseId, type, createdAt: clock().toISOString(), createdBy: actor.id };
      const defendants = await store.defendants.listByCase(caseId);
      const inCustody = defendants.some((d) => d.custody === "custody");
      const prefilled: { docName: string; update: Uint8Array }[] = [];
      for (const ref of formParts(definition, facts.defendantIds)) {
        const doc = new Y.Doc();
        const defendantId = ref.part.side === "defence" ? ref.part.defendantId : undefined;
        for (const section of ref.definition.sections) {
          for (const field of section.fields) {
            const value = field.prefill ? await prefillValue(field.prefill, facts, defendantId) : undefined;
            if (value !== undefined && value !== "") setFieldValue(doc, field, value);
            // Every text answer exists from the start, so two people starting one field both keep their words.
            else if (field.type === "text" || field.type === "longText") setFieldValue(doc, field, "");
            if (field.type === "yesNo" && field.detailsWhen) setFieldValue(doc, { id: `${field.id}Details`, type: "longText", label: field.label }, "");
          }
        }
        if (type === "PTPH" && ref.part.side === "court" && record.sentOn) {
          const stages = ptphStageDates({ sentOn: record.sentOn, inCustody });
          const dates: Record<string, string> = { stage1Date: stages.stage1, stage2Date: stages.stage2, stage3Date: stages.stage3, stage4Date: stages.stage4 };
          for (const section of ref.definition.sections) for (const field of section.fields) if (dates[field.id]) setFieldValue(doc, field, dates[field.id] as string);
        }
        prefilled.push({ docName: formPartDocName(caseId, form.id, ref.part), update: Y.encodeStateAsUpdate(doc) });
        doc.destroy();
      }
      await store.transaction(async (tx) => {
        await tx.forms.insert(form);
        await tx.collab.append(prefilled.map((p) => ({ docName: p.docName, update: p.update, userId: SYSTEM_USER, at: form.createdAt })));
        await audit.record(tx, { actorId: actor.id, actorOrganisationId: actor.organisationId, action: "form.created", subjectType: "form", subjectId: form.id, caseId, detail: { type } });
      });
      return describe(actor, form, facts, definition);
    },

    async list(actor: Actor, caseId: string) {
      const facts = await loadCaseFacts(store, caseId);
      if (!facts || !can(actor, "read", { kind: "case", case: facts })) throw new AppError("case.not_found");
      const forms = await store.forms.listByCase(caseId);
      return { forms: await Promise.all(forms.map((f) => describe(actor, f, facts, FORM_DEFINITIONS[f.type]))) };
    },

    async get(actor: Actor, formId: string) {
      const { form, facts, definition } = await readableForm(actor, formId);
      return describe(actor, form, facts, definition);
    },

    /** Sign off the whole form's current content for every part the actor's party answers for. */
    async signOff(actor: Actor, formId: string, seenSha256?: string) {
      const { form, facts, definition } = await readableForm(actor, formId);
      if (await store.forms.getFinalisation(formId)) throw new AppError("form.finalised");
      const parties: PartKey[] =
        actor.role === "prosecutor" ? ["prosecution"] : actor.role === "defence" ? representedDefendants(actor, facts).map((d) => `defence:${d}` as const) : ["court"];
      const allowed = parties.filter((key) => {
        const part = key === "prosecution" ? { side: "prosecution" as const } : key === "court" ? { side: "court" as const } : { side: "defence" as const, defendantId: key.slice("defence:".length) };
        return can(actor, "sign-off", { kind: "form-part", case: facts, part });
      });
      if (allowed.length === 0) throw new AppError("auth.forbidden");
      const { sha256 } = await contentOf(form, facts, definition);
      // A sign-off covers what the signer saw: if the form changed since, they must look again.
      if (seenSha256 !== undefined && seenSha256 !== sha256) throw new AppError("form.changed");
      const signedAt = clock().toISOString();
      await store.transaction(async (tx) => {
        for (const party of allowed) {
          await tx.forms.addSignOff({ id: ids(), formId, party, userId: actor.id, signedAt, contentSha256: sha256 });
        }
        await audit.record(tx, { actorId: actor.id, actorOrganisationId: actor.organisationId, action: "form.signed_off", subjectType: "form", subjectId: formId, caseId: form.caseId, detail: { parties: allowed, sha256 } });
        // The parties still to sign this content hear that theirs is awaited (once per content).
        const signed = await tx.forms.listSignOffs(formId);
        const waiting = requiredSignOffs(definition, facts).filter((key) => !signed.some((x) => x.party === key && x.contentSha256 === sha256));
        const parties = waiting.map((key) => (key.startsWith("defence:") ? `defence:${facts.representation[key.slice("defence:".length)] ?? ""}` : key));
        if (parties.length > 0) {
          await notices.enqueue(tx, {
            kind: "form-sign-off",
            key: `${formId}:${sha256}`,
            caseId: form.caseId,
            parties,
            exceptUserId: actor.id,
            path: `/cases/${encodeURIComponent(form.caseId)}/forms/${encodeURIComponent(formId)}`,
            subject: "email:subjects.formSignOff",
            line: "email:lines.formSignOff",
            values: (i18n) => ({ form: i18n.t(`forms:${definition.title}`) }),
          });
        }
      });
      void mailer.flush().catch(() => undefined);
      return describe(actor, form, facts, definition);
    },

    /** The court files an agreed form as a PDF in the Case management section (DESIGN §3). */
    /**
     * The court finalises an agreed form: its PDF is filed in Documents, with the labels in the
     * finaliser's language and the parties' answers as they wrote them.
     */
    async finalise(actor: Actor, formId: string, language: Language = "en") {
      const i18n = translator(language);
      const { form, facts, definition } = await readableForm(actor, formId);
      if (!can(actor, "sign-off", { kind: "form-part", case: facts, part: { side: "court" } })) throw new AppError("auth.forbidden");
      if (await store.forms.getFinalisation(formId)) throw new AppError("form.finalised");
      const summary = await describe(actor, form, facts, definition);
      if (summary.status !== "agreed") throw new AppError("form.not_agreed");
      const { parts, content, sha256 } = await contentOf(form, facts, definition);
      const record = await store.cases.get(form.caseId);
      const court = record ? await store.courts.get(record.courtCode) : undefined;
      const defendants = await store.defendants.listByCase(form.caseId);
      const nameOf = (defendantId: string) => {
        const d = defendants.find((x) => x.id === defendantId);
        return d ? defendantName(d) : defendantId;
      };
      const partTitle = (key: string) =>
        key.startsWith("defence:")
          ? i18n.t("forms:common.defencePartFor", { name: nameOf(key.slice("defence:".length)) })
          : i18n.t(`forms:${definition.parts.find((p) => p.side === key)?.title ?? "common.notAnswered"}`);
      const signers = await store.forms.listSignOffs(formId);
      const now = clock();
      const finalisedAt = londonDateTime(now);
      const bytes = await formPdf({
        definition,
        i18n,
        caseLine: i18n.t("forms:common.caseLine", { urn: record?.urn ?? "", court: court ? courtNameIn(court, language) : "" }),
        parts: parts.map((ref) => ({ key: ref.key, side: ref.part.side, title: partTitle(ref.key), content: content[ref.key] as never })),
        signOffs: await Promise.all(
          signers
            .filter((s) => s.contentSha256 === sha256)
            .map(async (s) => ({ party: partTitle(s.party), name: (await store.users.get(s.userId))?.displayName ?? s.userId, signedAt: `${formatLongDate(londonDateTime(s.signedAt).date, language)} ${londonDateTime(s.signedAt).time}` })),
        ),
        contentSha256: sha256,
        finalisedLine: i18n.t("forms:common.finalisedLine", { name: (await store.users.get(actor.id))?.displayName ?? actor.id, at: `${formatLongDate(finalisedAt.date, language)} ${finalisedAt.time}` }),
      });
      const filed = await documents.fileDocument(actor, facts, {
        section: "case-management",
        title: i18n.t(`forms:${definition.title}`),
        visibility: "all",
        content: Buffer.from(bytes),
      });
      try {
        await store.transaction(async (tx) => {
          await tx.forms.finalise({ formId, documentId: filed.id, contentSha256: sha256, finalisedAt: now.toISOString(), finalisedBy: actor.id });
          await audit.record(tx, { actorId: actor.id, actorOrganisationId: actor.organisationId, action: "form.finalised", subjectType: "form", subjectId: formId, caseId: form.caseId, detail: { sha256, documentId: filed.id } });
        });
      } catch (error) {
        if (error instanceof StoreConflictError) throw new AppError("form.finalised");
        throw error;
      }
      // Open editors of the form become read-only now.
      await realtime.accessChanged(form.caseId);
      return describe(actor, form, facts, definition);
    },
  };
}

export type FormService = ReturnType<typeof createFormService>;
