import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { AuditEntry } from "../../shared/schemas/audit.schema.ts";
import type { AuditChainVerification } from "../audit/audit-chain.ts";
import { verifyAuditChain } from "../audit/audit.service.ts";
import type { Clock } from "../dependencies.ts";
import { type Row, toAudit } from "../storage/rows.ts";
import { type BackupManifest, MANIFEST_FILE } from "./backup-manifest.ts";
import { BLOBS_DIR, DATABASE_FILE, embeddedStoreLayout, isBlobFileName } from "./embedded-store-layout.ts";
import { copyFileWithDigest, digestFile, fsyncPath } from "./file-digest.ts";
import { OperationError } from "./operation-error.ts";

/** Pages per backup step: all of them, so the copy is made in one read transaction. */
const ALL_PAGES = 0x7fffffff;

/** The default folder: `backups/caseroom-<timestamp>` beside DATA_DIR. */
export function defaultBackupDir(dataDir: string, now: Date): string {
  return path.join(path.dirname(dataDir), "backups", `caseroom-${now.toISOString().replace(/[:.]/g, "-")}`);
}

/**
 * An online backup of the embedded store into `outDir`, safe while the server runs and writes.
 *
 * 1. The database is copied with SQLite's backup API from a connection of our own, all pages in
 *    one step: that step reads inside one transaction, and in WAL mode a reader sees one committed
 *    state while writers carry on, so the copy is a consistent snapshot (never half a transaction).
 * 2. The blobs are copied after it. Blobs are content-addressed and immutable, never deleted, and
 *    a blob is renamed into place (whole) before the row that references it commits, so every blob
 *    the snapshot references already exists when step 2 starts. Blobs added after the snapshot may
 *    be copied too; they are harmless extras. The copy checks that each blob hashes to its name and
 *    that every blob the snapshot references was copied.
 * 3. `manifest.json` lists every file with its size and SHA-256, the schema version and the head of
 *    the snapshot's audit chain. Everything is written to a temporary folder beside `outDir` and
 *    renamed at the end, so a backup folder that exists is complete.
 */
export async function createBackup(options: { dataDir: string; outDir: string; clock: Clock }): Promise<{ dir: string; manifest: BackupManifest }> {
  const { dataDir, outDir, clock } = options;
  const layout = embeddedStoreLayout(dataDir);
  if (!fs.existsSync(layout.database)) throw new OperationError(`No Caseroom database at ${layout.database}: nothing to back up. Set DATA_DIR to the server's data folder.`);
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) throw new OperationError(`${outDir} already exists and is not empty: choose another --out folder.`);

  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  const work = `${outDir}.partial-${randomBytes(4).toString("hex")}`;
  fs.mkdirSync(work);
  try {
    const snapshotFile = path.join(work, DATABASE_FILE);
    await snapshotDatabase(layout.database, snapshotFile);
    const snapshot = inspectSnapshot(snapshotFile);
    const audit = await snapshot.verifyAudit();
    const referencedBlobs = snapshot.referencedBlobs();
    const schemaVersion = snapshot.schemaVersion();
    snapshot.close();

    const files: BackupManifest["files"] = [{ path: DATABASE_FILE, ...(await digestFile(snapshotFile)) }];
    for (const blob of listBlobs(layout.blobs)) {
      const relative = `${BLOBS_DIR}/${blob.prefix}/${blob.name}`;
      const digest = await copyFileWithDigest(path.join(layout.blobs, blob.prefix, blob.name), path.join(work, BLOBS_DIR, blob.prefix, blob.name));
      if (digest.sha256 !== blob.name) throw new OperationError(`${path.join(layout.blobs, blob.prefix, blob.name)} does not hash to its name: the file is damaged on disk. Restore it from an earlier backup, then back up again.`);
      files.push({ path: relative, ...digest });
      referencedBlobs.delete(blob.name);
    }
    if (referencedBlobs.size > 0) {
      throw new OperationError(`The database references ${referencedBlobs.size} document file(s) missing from ${layout.blobs} (first: ${[...referencedBlobs][0]}).`);
    }

    const manifest: BackupManifest = {
      format: "caseroom-backup",
      formatVersion: 1,
      createdAt: clock().toISOString(),
      schemaVersion,
      audit: { intact: audit.intact, entries: audit.entries, lastSeq: audit.lastSeq, lastHash: audit.lastHash },
      files,
    };
    const manifestFile = path.join(work, MANIFEST_FILE);
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { flag: "wx" });
    await fsyncPath(manifestFile);
    if (fs.existsSync(outDir)) fs.rmdirSync(outDir);
    fs.renameSync(work, outDir);
    await fsyncPath(path.dirname(outDir));
    return { dir: outDir, manifest };
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

async function snapshotDatabase(source: string, target: string): Promise<void> {
  // Read-only: the backup never writes to the live database.
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  // The copy inherits WAL mode from the live database; a backup is one self-contained file, so
  // it goes back to a rollback journal (the server turns WAL on again when it opens a restore).
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  await fsyncPath(target);
}

/**
 * Read the snapshot without opening it as a store: opening applies migrations, and the snapshot
 * must stay exactly as it was copied. Entries are read page by page, as the store does.
 */
function inspectSnapshot(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const page = db.prepare("SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?");
  return {
    verifyAudit(): Promise<AuditChainVerification> {
      return verifyAuditChain({
        audit: {
          list: async (options: { afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> =>
            (page.all(options.afterSeq ?? 0, options.limit ?? 1000) as Row[]).map(toAudit),
        },
      });
    },
    referencedBlobs(): Set<string> {
      return new Set((db.prepare("SELECT DISTINCT sha256 FROM documents").all() as { sha256: string }[]).map((r) => r.sha256));
    },
    schemaVersion(): number {
      return Number((db.prepare("SELECT MAX(version) AS version FROM schema_migrations").get() as { version: number | null }).version ?? 0);
    },
    close(): void {
      db.close();
    },
  };
}

/** Finished blobs under the blob folder, in a stable order (temporary files are skipped). */
function listBlobs(dir: string): { prefix: string; name: string }[] {
  if (!fs.existsSync(dir)) return [];
  const blobs: { prefix: string; name: string }[] = [];
  for (const prefix of fs.readdirSync(dir).sort()) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of fs.readdirSync(path.join(dir, prefix)).sort()) {
      if (isBlobFileName(prefix, name)) blobs.push({ prefix, name });
    }
  }
  return blobs;
}
