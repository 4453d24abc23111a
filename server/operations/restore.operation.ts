import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { AuditChainVerification } from "../audit/audit-chain.ts";
import { verifyAuditChain } from "../audit/audit.service.ts";
import type { Config } from "../config.ts";
import type { Clock } from "../dependencies.ts";
import { SQLITE_MIGRATIONS } from "../storage/sqlite/sqlite-migrations.ts";
import { type BackupManifest, backupManifest, MANIFEST_FILE } from "./backup-manifest.ts";
import { openConfiguredStore } from "./configured-store.ts";
import { copyFileWithDigest, digestFile, fsyncPath } from "./file-digest.ts";
import { OperationError } from "./operation-error.ts";

const LATEST_SCHEMA = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));
/** How many damaged files a refusal lists before "and N more". */
const LISTED_PROBLEMS = 10;

/**
 * Check a backup folder against its manifest: the manifest is well formed, and every file it
 * lists is there with its size and SHA-256. Throws an OperationError naming what is wrong.
 */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  const manifestFile = path.join(dir, MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch {
    throw new OperationError(`${manifestFile} is missing or is not JSON: ${dir} is not a Caseroom backup, or it is incomplete.`);
  }
  const parsed = backupManifest.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join(".") || i.message).join(", ");
    throw new OperationError(`${manifestFile} is not a valid Caseroom backup manifest (${where}).`);
  }
  const manifest = parsed.data;
  const problems: string[] = [];
  for (const file of manifest.files) {
    const full = path.join(dir, ...file.path.split("/"));
    if (!fs.existsSync(full)) {
      problems.push(`${file.path}: missing`);
      continue;
    }
    const digest = await digestFile(full);
    if (digest.bytes !== file.bytes) problems.push(`${file.path}: ${digest.bytes} bytes, the manifest says ${file.bytes}`);
    else if (digest.sha256 !== file.sha256) problems.push(`${file.path}: SHA-256 ${digest.sha256}, the manifest says ${file.sha256}`);
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `  - ${p}`);
    if (problems.length > LISTED_PROBLEMS) listed.push(`  - and ${problems.length - LISTED_PROBLEMS} more`);
    throw new OperationError([`Backup ${dir} does not match its manifest; nothing was restored:`, ...listed].join("\n"));
  }
  return manifest;
}

export type RestoreOutcome = {
  manifest: BackupManifest;
  /** Where the previous contents of DATA_DIR were moved (with --force), or null. */
  replacedDir: string | null;
  /** The audit chain of the restored store. */
  audit: AuditChainVerification;
  /** Whether the restored chain's head is the one the manifest recorded. */
  isAuditHeadAsRecorded: boolean;
};

/**
 * Restore a backup into `config.dataDir`. Nothing is touched until the whole backup has been
 * verified. The files are copied (and checked again) into a temporary folder beside DATA_DIR, then
 * renamed into place, so DATA_DIR is never half restored. A non-empty DATA_DIR is refused unless
 * `force`; then its contents are moved aside (not deleted). The server must not be running on
 * DATA_DIR. Finally the restored store is opened as the server would open it and its audit chain
 * verified.
 */
export async function restoreBackup(options: { from: string; config: Config; force: boolean; clock: Clock }): Promise<RestoreOutcome> {
  const { from, config, force, clock } = options;
  if (config.databaseUrl) {
    throw new OperationError("DATABASE_URL is set: restore only restores the embedded store (SQLite and files under DATA_DIR). Restore PostgreSQL with pg_restore or psql from your pg_dump.");
  }
  const dataDir = config.dataDir;
  const manifest = await verifyBackup(from);
  if (manifest.schemaVersion > LATEST_SCHEMA) {
    throw new OperationError(`The backup has schema version ${manifest.schemaVersion}; this Caseroom knows up to ${LATEST_SCHEMA}. Restore it with the Caseroom version that made it.`);
  }
  const isOccupied = fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0;
  if (isOccupied && !force) {
    throw new OperationError(`${dataDir} is not empty; restore will not overwrite it. Stop the server, then run again with --force (the current contents are moved aside, not deleted), or choose an empty DATA_DIR.`);
  }

  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const work = `${dataDir}.restoring-${randomBytes(4).toString("hex")}`;
  fs.mkdirSync(work);
  let replacedDir: string | null = null;
  try {
    for (const file of manifest.files) {
      const parts = file.path.split("/");
      const digest = await copyFileWithDigest(path.join(from, ...parts), path.join(work, ...parts));
      if (digest.sha256 !== file.sha256 || digest.bytes !== file.bytes) {
        throw new OperationError(`${file.path} changed while it was being restored; nothing was restored. Check the backup's storage and try again.`);
      }
    }
    await fsyncPath(work);
    if (isOccupied) {
      replacedDir = `${dataDir}.before-restore-${clock().toISOString().replace(/[:.]/g, "-")}`;
      fs.renameSync(dataDir, replacedDir);
    } else if (fs.existsSync(dataDir)) {
      fs.rmdirSync(dataDir);
    }
    fs.renameSync(work, dataDir);
    await fsyncPath(path.dirname(dataDir));
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    // The previous contents go back if the final rename failed after they were moved aside.
    if (replacedDir && !fs.existsSync(dataDir)) fs.renameSync(replacedDir, dataDir);
    throw error;
  }

  const opened = await openConfiguredStore(config);
  try {
    const audit = await verifyAuditChain(opened.store);
    const isAuditHeadAsRecorded = audit.lastSeq === manifest.audit.lastSeq && audit.lastHash === manifest.audit.lastHash;
    return { manifest, replacedDir, audit, isAuditHeadAsRecorded };
  } finally {
    await opened.close();
  }
}
