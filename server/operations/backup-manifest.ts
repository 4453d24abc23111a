import { z } from "zod";
import { BLOBS_DIR, DATABASE_FILE } from "./embedded-store-layout.ts";

export const MANIFEST_FILE = "manifest.json";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A file of the backup, relative to its folder with `/` separators. Only the database and blobs
 * at their own content address are allowed, so a crafted manifest cannot make restore write
 * outside the new DATA_DIR.
 */
const BLOB_PATH = new RegExp(`^${BLOBS_DIR}/([0-9a-f]{2})/\\1[0-9a-f]{62}$`);
const backupPath = z.string().refine((p) => p === DATABASE_FILE || BLOB_PATH.test(p), "the database file or blobs/<aa>/<sha256>");

/** `manifest.json` of a backup folder: what restore checks before it touches anything. */
export const backupManifest = z
  .object({
    format: z.literal("caseroom-backup"),
    formatVersion: z.literal(1),
    createdAt: z.string(),
    /** The highest migration applied to the database in the backup. */
    schemaVersion: z.number().int().positive(),
    /** The audit chain in the snapshot: an operator compares the head with other copies. */
    audit: z.object({
      intact: z.boolean(),
      entries: z.number().int().min(0),
      lastSeq: z.number().int().min(0),
      lastHash: sha256Hex,
    }),
    files: z.array(z.object({ path: backupPath, bytes: z.number().int().min(0), sha256: sha256Hex })).min(1),
  })
  .strict()
  .refine((m) => m.files.filter((f) => f.path === DATABASE_FILE).length === 1, "exactly one database file")
  .refine((m) => new Set(m.files.map((f) => f.path)).size === m.files.length, "no file listed twice");

export type BackupManifest = z.infer<typeof backupManifest>;
