import fs from "node:fs";
import path from "node:path";
import Router from "@koa/router";
import type { i18n } from "i18next";
import { courtNameIn, formatLongDate } from "../../../shared/i18n/language.ts";
import { languageOf, translatorFor } from "../language.ts";
import type { Context } from "koa";
import { type Actor, type CaseFacts, can, type NoteScope } from "../../../shared/policy/access-policy.ts";
import type { DocumentRecord } from "../../../shared/schemas/document.schema.ts";
import type { Party } from "../../../shared/policy/party.ts";
import { notesDocName, privateNotesDocName } from "../../../shared/protocol/doc-names.ts";
import * as Y from "yjs";
import { annotationsIn, type ExportedAnnotation, notesPdf } from "../../documents/notes-export.ts";
import type { AuditService } from "../../audit/audit.service.ts";
import { withoutControlCharacters } from "../../../shared/schemas/common.schema.ts";
import { defendantName } from "../../../shared/schemas/defendant.schema.ts";
import { sectionCode } from "../../../shared/schemas/document.schema.ts";
import { londonDateTime } from "../../../shared/domain/calendar.ts";
import { AppError } from "../../app-error.ts";
import type { BlobStore } from "../../blobs/blob-store.ts";
import type { CaseService } from "../../cases/case.service.ts";
import { pdfBundle, readAll, safeFileName, zipBundle } from "../../documents/bundle-builder.ts";
import { loadPdfLib } from "../../documents/pdf-fonts.ts";
import type { DocumentService } from "../../documents/document.service.ts";
import { receiveUpload } from "../../documents/upload-receiver.ts";
import type { Clock } from "../../dependencies.ts";
import type { Store } from "../../storage/store.ts";
import { actorOf } from "../actor.ts";

/** `Content-Disposition` with a sanitised ASCII name and its UTF-8 form (RFC 6266). */
function disposition(kind: "inline" | "attachment", name: string, extension: string): string {
  const ascii = `${safeFileName(name)}.${extension}`;
  const unicode = `${withoutControlCharacters(name).replace(/["\\/:*?<>|]+/g, " ").trim().slice(0, 120) || "document"}.${extension}`;
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(unicode)}`;
}

/** One `bytes=start-end` range, or undefined for the whole file; several ranges are not offered. */
function parseRange(header: string | undefined): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d+)-(\d*)$/.exec(header.trim());
  if (!match) throw new AppError("range.not_satisfiable");
  const start = Number(match[1]);
  const end = match[2] ? Number(match[2]) : Number.MAX_SAFE_INTEGER;
  return { start, end };
}

const noStore = (ctx: Context) => {
  ctx.set("Cache-Control", "no-store");
};

/** The IDPC routes (DESIGN §11): serve, list, search, read, bundles. */
export function documentRoutes(options: {
  cases: CaseService;
  documents: DocumentService;
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  uploadLimitBytes: number;
  tempDir: string;
  audit: AuditService;
}): Router {
  const { cases, documents, store, blobs, audit } = options;
  const router = new Router();

  router.post("/api/cases/:caseId/documents", async (ctx) => {
    const actor = actorOf(ctx);
    const facts = await cases.readableFacts(actor, ctx.params.caseId ?? "");
    // Refused before a byte of the body is read: only the prosecution serves.
    if (!can(actor, "write", { kind: "document", case: facts, visibility: "all" })) throw new AppError("auth.forbidden");
    if (!ctx.is("multipart/form-data")) throw new AppError("request.unsupported_type");
    if ((ctx.request.length ?? 0) > options.uploadLimitBytes + 64 * 1024) {
      ctx.set("Connection", "close");
      throw new AppError("document.too_large");
    }
    let upload: Awaited<ReturnType<typeof receiveUpload>>;
    try {
      upload = await receiveUpload(ctx.req, { limit: options.uploadLimitBytes, tempDir: options.tempDir });
    } catch (error) {
      if (error instanceof AppError && error.code === "document.too_large") ctx.set("Connection", "close");
      throw error;
    }
    try {
      ctx.body = await documents.serve(actor, facts, upload);
      ctx.status = 201;
    } finally {
      await fs.promises.rm(upload.filePath, { force: true });
    }
  });

  router.get("/api/cases/:caseId/documents", async (ctx) => {
    const actor = actorOf(ctx);
    noStore(ctx);
    ctx.body = await documents.list(actor, await cases.readableFacts(actor, ctx.params.caseId ?? ""));
  });

  router.get("/api/cases/:caseId/documents/search", async (ctx) => {
    const actor = actorOf(ctx);
    const facts = await cases.readableFacts(actor, ctx.params.caseId ?? "");
    const q = typeof ctx.query.q === "string" ? ctx.query.q.slice(0, 200) : "";
    noStore(ctx);
    ctx.body = await documents.search(actor, facts, q);
  });

  router.get("/api/documents/:documentId/content", async (ctx) => {
    const actor = actorOf(ctx);
    const download = ctx.query.download === "1";
    const opened = await documents.open(actor, ctx.params.documentId ?? "", { download, range: parseRange(ctx.get("Range") || undefined) });
    noStore(ctx);
    ctx.set("Accept-Ranges", "bytes");
    ctx.set("Content-Disposition", disposition(download ? "attachment" : "inline", opened.document.title, "pdf"));
    ctx.set("Content-Security-Policy", "sandbox; default-src 'none'");
    ctx.type = "application/pdf";
    if (opened.range) {
      ctx.status = 206;
      ctx.set("Content-Range", `bytes ${opened.range.start}-${opened.range.end}/${opened.size}`);
      ctx.length = opened.range.end - opened.range.start + 1;
    } else {
      ctx.length = opened.size;
    }
    ctx.body = opened.stream;
  });

  /** The notes docs of a case the actor may export, loaded from the store. */
  async function readableNotesDocs(actor: Actor, facts: CaseFacts) {
    const scopes: { name: string; scope: "private" | "team" | "shared"; party: string; resource: NoteScope }[] = [
      { name: privateNotesDocName(facts.caseId, actor.id), scope: "private", party: actor.party, resource: { scope: "private", userId: actor.id } },
      { name: notesDocName(facts.caseId, "team", actor.party), scope: "team", party: actor.party, resource: { scope: "team", party: actor.party } },
      ...["prosecution", "court", ...new Set(Object.values(facts.representation).map((org) => `defence:${org}`))].map((party) => ({
        name: notesDocName(facts.caseId, "shared", party),
        scope: "shared" as const,
        party,
        resource: { scope: "shared" as const, party: party as Party },
      })),
    ];
    const docs: { doc: Y.Doc; scope: "private" | "team" | "shared"; party: string }[] = [];
    for (const s of scopes) {
      if (!can(actor, "export", { kind: "note", case: facts, note: s.resource })) continue;
      const { snapshot, updates } = await store.collab.load(s.name);
      const doc = new Y.Doc();
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const u of updates) Y.applyUpdate(doc, u.update);
      docs.push({ doc, scope: s.scope, party: s.party });
    }
    return docs;
  }

  async function notesFor(docs: Awaited<ReturnType<typeof readableNotesDocs>>, document: DocumentRecord, i18n: i18n) {
    const annotations: ExportedAnnotation[] = docs.flatMap((d) => annotationsIn(d.doc, document.id, d.scope, d.party));
    const source = await readAll(await blobs.read(document.sha256));
    return { count: annotations.length, bytes: await notesPdf({ source, annotations: annotations.sort((a, b) => a.page - b.page), i18n, title: document.title }) };
  }

  const sendPdf = (ctx: Context, bytes: Uint8Array, name: string) => {
    noStore(ctx);
    ctx.type = "application/pdf";
    ctx.set("Content-Disposition", disposition("attachment", name, "pdf"));
    ctx.set("Content-Security-Policy", "sandbox; default-src 'none'");
    ctx.body = Buffer.from(bytes);
  };

  // "My notes" on a document: only the notes docs the caller may read, drawn on the pages.
  router.get("/api/documents/:documentId/notes.pdf", async (ctx) => {
    const actor = actorOf(ctx);
    const { document, facts } = await documents.readable(actor, ctx.params.documentId ?? "");
    const docs = await readableNotesDocs(actor, facts);
    const { count, bytes } = await notesFor(docs, document, translatorFor(ctx));
    for (const d of docs) d.doc.destroy();
    await audit.record(store, { actorId: actor.id, actorOrganisationId: actor.organisationId, action: "notes.exported", subjectType: "document", subjectId: document.id, caseId: facts.caseId, detail: { annotations: count } });
    sendPdf(ctx, bytes, `Notes ${document.title}`);
  });

  // "My notes" on the whole IDPC: every document the caller may see, each with its notes.
  router.get("/api/cases/:caseId/notes.pdf", async (ctx) => {
    const actor = actorOf(ctx);
    const facts = await cases.readableFacts(actor, ctx.params.caseId ?? "");
    const record = await store.cases.get(facts.caseId);
    const docs = await readableNotesDocs(actor, facts);
    const { PDFDocument } = await loadPdfLib();
    const out = await PDFDocument.create();
    let count = 0;
    for (const document of documents.latestOf(await documents.visible(actor, facts))) {
      const part = await notesFor(docs, document, translatorFor(ctx));
      count += part.count;
      const loaded = await PDFDocument.load(part.bytes);
      for (const page of await out.copyPages(loaded, loaded.getPageIndices())) out.addPage(page);
    }
    for (const d of docs) d.doc.destroy();
    if (out.getPageCount() === 0) out.addPage();
    await audit.record(store, { actorId: actor.id, actorOrganisationId: actor.organisationId, action: "notes.exported", subjectType: "case", subjectId: facts.caseId, caseId: facts.caseId, detail: { annotations: count } });
    sendPdf(ctx, await out.save(), `Notes IDPC ${record?.urn ?? facts.caseId}`);
  });

  const bundleInput = async (ctx: Context) => {
    const actor = actorOf(ctx);
    const facts = await cases.readableFacts(actor, ctx.params.caseId ?? "");
    if (!can(actor, "export", { kind: "case", case: facts })) throw new AppError("case.not_found");
    const record = await store.cases.get(facts.caseId);
    if (!record) throw new AppError("case.not_found");
    const visible = documents.latestOf(await documents.visible(actor, facts));
    return { actor, facts, record, visible };
  };

  router.get("/api/cases/:caseId/idpc.zip", async (ctx) => {
    const { actor, facts, record, visible } = await bundleInput(ctx);
    await documents.recordBundle(actor, facts, "zip", visible);
    noStore(ctx);
    ctx.type = "application/zip";
    ctx.set("Content-Disposition", disposition("attachment", `IDPC ${record.urn}`, "zip"));
    ctx.body = zipBundle({ documents: visible, blobs, i18n: translatorFor(ctx), sectionNumber: (d) => sectionCode.options.indexOf(d.section) + 1 });
  });

  router.get("/api/cases/:caseId/idpc.pdf", async (ctx) => {
    const { actor, facts, record, visible } = await bundleInput(ctx);
    const [court, defendants, organisation] = await Promise.all([
      store.courts.get(record.courtCode),
      store.defendants.listByCase(record.id),
      store.organisations.get(actor.organisationId),
    ]);
    const bytes = await pdfBundle({
      documents: visible,
      blobs,
      i18n: translatorFor(ctx),
      bundleCase: {
        urn: record.urn,
        courtName: court ? courtNameIn(court, languageOf(ctx)) : record.courtCode,
        defendantNames: defendants.map(defendantName),
        organisationName: organisation?.name ?? actor.organisationId,
        preparedOn: formatLongDate(londonDateTime(options.clock()).date, languageOf(ctx)),
      },
    });
    await documents.recordBundle(actor, facts, "pdf", visible);
    noStore(ctx);
    ctx.type = "application/pdf";
    ctx.set("Content-Disposition", disposition("attachment", `IDPC ${record.urn}`, "pdf"));
    ctx.set("Content-Security-Policy", "sandbox; default-src 'none'");
    ctx.body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  });

  return router;
}

export const uploadTempDir = (dataDir: string) => path.join(dataDir, "tmp");
