/**
 * `npm run backup [-- --out DIR]`: an online, consistent backup of the embedded store (the SQLite
 * database and the document files under DATA_DIR) with a manifest of sizes and SHA-256s. Safe while
 * the server runs. With DATABASE_URL it refuses: back PostgreSQL up with pg_dump.
 */
import path from "node:path";
import { loadConfig } from "../server/config.ts";
import { createBackup, defaultBackupDir } from "../server/operations/backup.operation.ts";
import { OperationError } from "../server/operations/operation-error.ts";
import { parseCommandLine, runOperation, say } from "../server/operations/operation-runner.ts";

await runOperation("backup", async () => {
  const { values } = parseCommandLine({ options: { out: { type: "string" } }, strict: true, allowPositionals: false }, "npm run backup [-- --out <folder>]");
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new OperationError(
      "DATABASE_URL is set: Caseroom's records, collaboration log, sessions and PDFs are in PostgreSQL, and backing them up is the database's job. Use pg_dump (e.g. pg_dump --format=custom --file=caseroom.dump \"$DATABASE_URL\"), or your provider's point-in-time recovery.",
    );
  }
  const clock = () => new Date();
  const outDir = path.resolve(values.out ?? defaultBackupDir(config.dataDir, clock()));
  const { dir, manifest } = await createBackup({ dataDir: config.dataDir, outDir, clock });
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  say(
    `Backup written to ${dir}`,
    `  ${manifest.files.length.toLocaleString("en-GB")} files (the database and ${(manifest.files.length - 1).toLocaleString("en-GB")} document files), ${bytes.toLocaleString("en-GB")} bytes, schema version ${manifest.schemaVersion}`,
    `  audit chain ${manifest.audit.intact ? "intact" : "BROKEN"}: ${manifest.audit.entries.toLocaleString("en-GB")} ${manifest.audit.entries === 1 ? "entry" : "entries"}, last seq ${manifest.audit.lastSeq}, last hash ${manifest.audit.lastHash}`,
  );
  if (!manifest.audit.intact) process.stderr.write("Warning: the audit chain in this backup is broken; run npm run audit:verify for details.\n");
  return 0;
});
