import fs from "node:fs";
import type { DocumentRecord } from "../../shared/schemas/document.schema.ts";
import path from "node:path";
import type { DemoData } from "../../fixtures/demo/demo-data.types.ts";
import { deemedServiceDate } from "../../shared/domain/calendar.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { BlobStore } from "../blobs/blob-store.ts";
import type { PdfInspector } from "../documents/pdf-inspector.ts";
import { type Store, StoreConflictError } from "../storage/store.ts";

const DEMO_LOADED_KEY = "demo.loadedAt";

/**
 * Load the fictional demo data once. The marker is written in the same transaction as the
 * records, so a crash half-way leaves nothing and the next start loads it all again.
 * Returns false when the data was already there.
 */
export async function loadDemoData(options: {
  store: Store;
  blobs: BlobStore;
  audit: AuditService;
  pdfInspector: PdfInspector;
  data: DemoData;
  pdfDir: string;
  now: Date;
}): Promise<boolean> {
  const { store, blobs, audit, pdfInspector, data, pdfDir, now } = options;
  if (await store.meta.get(DEMO_LOADED_KEY)) return false;

  // PDFs are parsed and stored before the transaction: blobs are content-addressed, so a retry
  // after a crash simply finds them there.
  const documents: DocumentRecord[] = [];
  const texts = new Map<string, string[]>();
  for (const doc of data.documents) {
    const content = fs.readFileSync(path.join(pdfDir, doc.file));
    const { pages, pageTexts } = await pdfInspector.inspect(content);
    texts.set(doc.id, pageTexts);
    const { sha256, bytes } = await blobs.put(content);
    documents.push({
      id: doc.id,
      caseId: doc.caseId,
      section: doc.section,
      title: doc.title,
      version: 1,
      pages,
      bytes,
      sha256,
      servedAt: doc.servedAt,
      deemedServedOn: deemedServiceDate(doc.servedAt),
      visibility: doc.visibility,
      servedBy: doc.servedBy,
    });
  }

  const load = store.transaction(async (tx) => {
    if (await tx.meta.get(DEMO_LOADED_KEY)) return false;
    for (const court of data.courts) await tx.courts.upsert(court);
    for (const organisation of data.organisations) await tx.organisations.upsert(organisation);
    for (const user of data.users) await tx.users.upsert(user, now.toISOString());
    for (const record of data.cases) await tx.cases.insert(record);
    for (const defendant of data.defendants) await tx.defendants.insert(defendant);
    for (const offence of data.offences) await tx.offences.insert(offence);
    for (const hearing of data.hearings) await tx.hearings.insert(hearing);
    for (const association of data.associations) await tx.associations.insert(association);
    for (const document of documents) {
      await tx.documents.insert(document);
      await tx.documents.indexText(document.id, texts.get(document.id) ?? []);
    }
    await tx.meta.set(DEMO_LOADED_KEY, now.toISOString());
    await audit.record(tx, {
      actorId: null,
      actorOrganisationId: null,
      action: "demo.loaded",
      subjectType: null,
      subjectId: null,
      caseId: null,
      detail: { cases: data.cases.length, documents: documents.length },
    });
    return true;
  });
  // Two instances starting together on one empty database: one loads, the other's transaction
  // meets its records and rolls back. That is the data being there, not a failure.
  return load.catch(async (error: unknown) => {
    if (error instanceof StoreConflictError && (await store.meta.get(DEMO_LOADED_KEY))) return false;
    throw error;
  });
}
