import fs from "node:fs";
import type { Readable } from "node:stream";
import type { i18n } from "i18next";
import { deemedServiceDate } from "../../shared/domain/calendar.ts";
import { type Actor, type CaseFacts, can } from "../../shared/policy/access-policy.ts";
import { hasControlCharacters } from "../../shared/schemas/common.schema.ts";
import { type DocumentRecord, sectionCode, type Visibility } from "../../shared/schemas/document.schema.ts";
import { AppError } from "../app-error.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { BlobStore } from "../blobs/blob-store.ts";
import { loadCaseFacts } from "../cases/case.service.ts";
import type { Clock, IdSource } from "../dependencies.ts";
import type { RealtimeHub } from "../realtime/realtime-hub.ts";
import { type Store, StoreConflictError } from "../storage/store.ts";
import type { Mailer } from "../notifications/mailer.ts";
import type { NoticeService } from "../notifications/notice.service.ts";
import { hasPdfMagic, type PdfInspector } from "./pdf-inspector.ts";
import type { ReceivedUpload } from "./upload-receiver.ts";

export type ListedDocument = Omit<DocumentRecord, "caseId" | "servedBy"> & { latest: boolean; openedByYourOrganisationAt: string | null };

/** The parties (as in DESIGN §3) who may see a document, for the served notifications. */
function partiesWhoMaySee(facts: CaseFacts, visibility: Visibility): string[] {
  const defence = Object.entries(facts.representation)
    .filter(([defendantId]) => visibility === "all" || visibility.includes(defendantId))
    .map(([, organisationId]) => `defence:${organisationId}`);
  return ["prosecution", "court", ...new Set(defence)];
}

/**
 * The IDPC (DESIGN §4): the prosecution serves PDFs into sections, every party reads what it may,
 * and every serving, view and download is on the audit trail.
 */
export function createDocumentService(options: {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  ids: IdSource;
  audit: AuditService;
  pdfInspector: PdfInspector;
  i18n: i18n;
  realtime: Pick<RealtimeHub, "documentServed">;
  notices: NoticeService;
  mailer: Pick<Mailer, "flush">;
}) {
  const { store, blobs, clock, ids, audit, pdfInspector, i18n, realtime } = options;

  const actorAudit = (actor: Actor) => ({ actorId: actor.id, actorOrganisationId: actor.organisationId });

  /** A document the actor may read, with its case's facts; otherwise not found. */
  async function readable(actor: Actor, documentId: string) {
    const document = await store.documents.get(documentId);
    const facts = document && (await loadCaseFacts(store, document.caseId));
    if (!document || !facts || !can(actor, "read", { kind: "document", case: facts, visibility: document.visibility })) {
      throw new AppError("document.not_found");
    }
    return { document, facts };
  }

  /** Every version the actor may see, in section order then title then version. */
  async function visible(actor: Actor, facts: CaseFacts): Promise<DocumentRecord[]> {
    const all = await store.documents.listByCase(facts.caseId);
    const order = sectionCode.options;
    return all
      .filter((d) => can(actor, "read", { kind: "document", case: facts, visibility: d.visibility }))
      .sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section) || a.title.localeCompare(b.title) || a.version - b.version);
  }

  /** The latest visible version of each title, for bundles. */
  function latestOf(documents: DocumentRecord[]): DocumentRecord[] {
    const latest = new Map<string, DocumentRecord>();
    for (const d of documents) latest.set(`${d.section}\u0000${d.title}`, d);
    return [...latest.values()];
  }

  /**
   * Check, store and record a PDF in a case: its bytes must parse as a PDF; a second document with
   * the same section and title becomes the next version. Authorisation is the caller's.
   */
  async function fileDocument(
    actor: Actor,
    facts: CaseFacts,
    input: { section: DocumentRecord["section"]; title: string; visibility: Visibility; content: Buffer },
  ): Promise<ListedDocument> {
    const { section, title, visibility, content } = input;
    if (!hasPdfMagic(content)) throw new AppError("document.not_pdf");
    let inspection: Awaited<ReturnType<PdfInspector["inspect"]>>;
    try {
      inspection = await pdfInspector.inspect(content);
    } catch {
      throw new AppError("document.not_pdf");
    }
    if (inspection.pages < 1) throw new AppError("document.not_pdf");
    const { sha256, bytes } = await blobs.put(content);

    const servedAt = clock();
    for (let attempt = 0; ; attempt++) {
      const versions = (await store.documents.listByCase(facts.caseId)).filter((d) => d.section === section && d.title === title);
      const record: DocumentRecord = {
        id: ids(),
        caseId: facts.caseId,
        section,
        title,
        version: Math.max(0, ...versions.map((d) => d.version)) + 1,
        pages: inspection.pages,
        bytes,
        sha256,
        servedAt: servedAt.toISOString(),
        deemedServedOn: deemedServiceDate(servedAt),
        visibility,
        servedBy: actor.id,
      };
      try {
        await store.transaction(async (tx) => {
          await tx.documents.insert(record);
          await tx.documents.indexText(record.id, inspection.pageTexts);
          await audit.record(tx, {
            ...actorAudit(actor),
            action: "document.served",
            subjectType: "document",
            subjectId: record.id,
            caseId: facts.caseId,
            detail: { sha256, version: record.version, section: record.section, pages: record.pages },
          });
          for (const party of partiesWhoMaySee(facts, visibility)) {
            await tx.notifications.add({ id: ids(), caseId: facts.caseId, party, kind: "document.served", subjectId: record.id, createdAt: record.servedAt });
          }
          // E-mail to those who may see it: which section, never the document's title or text.
          await options.notices.enqueue(tx, {
            kind: "material-served",
            key: record.id,
            caseId: facts.caseId,
            parties: partiesWhoMaySee(facts, visibility),
            exceptUserId: actor.id,
            path: `/cases/${encodeURIComponent(facts.caseId)}/documents/${encodeURIComponent(record.id)}`,
            subject: "email:subjects.materialServed",
            line: "email:lines.materialServed",
            values: (i18n) => ({ section: i18n.t(`sections:${record.section}`) }),
          });
        });
        void options.mailer.flush().catch(() => undefined);
      } catch (error) {
        // Two versions of one title served at once: the second takes the next number.
        if (error instanceof StoreConflictError && attempt < 3) continue;
        throw error;
      }
      const { caseId: _c, servedBy: _s, ...listed } = record;
      const served = { ...listed, latest: true, openedByYourOrganisationAt: null };
      realtime.documentServed(facts.caseId, served, partiesWhoMaySee(facts, visibility));
      return served;
    }
  }

  return {
    visible,
    latestOf,
    readable,

    /** Serve a PDF (prosecution only); same section and title as before adds a version. */
    async serve(actor: Actor, facts: CaseFacts, upload: ReceivedUpload): Promise<ListedDocument> {
      const section = sectionCode.safeParse(upload.fields.section);
      const title = (upload.fields.title ?? "").trim();
      const visibility = parseVisibility(upload.fields.visibility, facts);
      if (!section.success || title.length === 0 || title.length > 200 || hasControlCharacters(title) || !visibility) {
        throw new AppError("request.invalid");
      }
      if (!can(actor, "write", { kind: "document", case: facts, visibility })) throw new AppError("auth.forbidden");

      const content = await fs.promises.readFile(upload.filePath);
      return fileDocument(actor, facts, { section: section.data, title, visibility, content });
    },

    fileDocument,

    /** Sections with the documents the actor may see (DESIGN §11). */
    async list(actor: Actor, facts: CaseFacts) {
      const documents = await visible(actor, facts);
      const latestIds = new Set(latestOf(documents).map((d) => d.id));
      const opens = await store.documents.opensFor(
        actor.organisationId,
        documents.map((d) => d.id),
      );
      const sections = sectionCode.options
        .map((code) => ({
          code,
          name: i18n.t(`sections:${code}`),
          documents: documents
            .filter((d) => d.section === code)
            .map(({ caseId: _c, servedBy: _s, ...d }) => ({ ...d, latest: latestIds.has(d.id), openedByYourOrganisationAt: opens.get(d.id) ?? null })),
        }))
        .filter((s) => s.documents.length > 0);
      return { sections };
    },

    /** Open a document's bytes: audited as a view (first request of a read) or a download. */
    async open(actor: Actor, documentId: string, options: { download: boolean; range?: { start: number; end: number } }) {
      const { document } = await readable(actor, documentId);
      const size = await blobs.size(document.sha256);
      const range = options.range;
      if (range && (range.start >= size || range.start > range.end)) throw new AppError("range.not_satisfiable");
      const bounded = range ? { start: range.start, end: Math.min(range.end, size - 1) } : undefined;
      // pdf.js reads a file in many ranges: one read is recorded, at its first byte.
      if (!bounded || bounded.start === 0) {
        const at = clock().toISOString();
        await store.transaction(async (tx) => {
          await audit.record(tx, {
            ...actorAudit(actor),
            action: options.download ? "document.downloaded" : "document.viewed",
            subjectType: "document",
            subjectId: document.id,
            caseId: document.caseId,
            detail: { sha256: document.sha256, version: document.version },
          });
          await tx.documents.recordOpen(document.id, actor.organisationId, actor.id, at);
        });
      }
      const stream: Readable = await blobs.read(document.sha256, bounded);
      return { document, size, range: bounded, stream };
    },

    /** Full-text search over the pages of what the actor may see. */
    async search(actor: Actor, facts: CaseFacts, query: string) {
      const words = query
        .split(/\s+/)
        .map((w) => w.replace(/[^\p{L}\p{N}'-]/gu, ""))
        .filter(Boolean)
        .slice(0, 10);
      const documents = await visible(actor, facts);
      const byId = new Map(documents.map((d) => [d.id, d]));
      const hits = await store.documents.searchText([...byId.keys()], words, 50);
      return {
        results: hits.map((h) => {
          const d = byId.get(h.documentId) as DocumentRecord;
          return { documentId: d.id, title: d.title, section: d.section, version: d.version, page: h.page, snippet: h.snippet };
        }),
      };
    },

    /** Record a bundle download for the audit trail. */
    async recordBundle(actor: Actor, facts: CaseFacts, kind: "zip" | "pdf", documents: DocumentRecord[]) {
      await audit.record(store, {
        ...actorAudit(actor),
        action: "bundle.downloaded",
        subjectType: "case",
        subjectId: facts.caseId,
        caseId: facts.caseId,
        detail: { kind, documents: documents.map((d) => ({ id: d.id, sha256: d.sha256 })) },
      });
    },
  };

  function parseVisibility(value: string | undefined, facts: CaseFacts): Visibility | undefined {
    const raw = (value ?? "all").trim();
    if (raw === "all") return "all";
    const idsList = [...new Set(raw.split(",").map((v) => v.trim()).filter(Boolean))];
    const defendants = new Set(facts.defendantIds);
    if (idsList.length === 0 || !idsList.every((id) => defendants.has(id))) return undefined;
    return idsList;
  }
}

export type DocumentService = ReturnType<typeof createDocumentService>;
