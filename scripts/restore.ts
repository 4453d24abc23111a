/**
 * `npm run restore -- DIR [--force]`: verify a backup against its manifest, restore it into
 * DATA_DIR (refusing a non-empty one without --force), then verify the restored audit chain.
 * Stop the server first. Exit 0 restored and intact, 1 refused or chain not as recorded.
 */
import path from "node:path";
import { loadConfig } from "../server/config.ts";
import { auditVerificationReport } from "../server/operations/audit-verification-report.ts";
import { OperationError } from "../server/operations/operation-error.ts";
import { embeddedStoreLayout } from "../server/operations/embedded-store-layout.ts";
import { parseCommandLine, runOperation, say } from "../server/operations/operation-runner.ts";
import { restoreBackup } from "../server/operations/restore.operation.ts";

const USAGE = "npm run restore -- <backup folder> [--force]";

await runOperation("restore", async () => {
  const { values, positionals } = parseCommandLine({ options: { force: { type: "boolean", default: false } }, strict: true, allowPositionals: true }, USAGE);
  const [from, ...extra] = positionals;
  if (!from || extra.length > 0) throw new OperationError(`Usage: ${USAGE}`, 2);
  const config = loadConfig();
  const outcome = await restoreBackup({ from: path.resolve(from), config, force: values.force, clock: () => new Date() });
  say(`Verified ${outcome.manifest.files.length.toLocaleString("en-GB")} files against ${path.join(path.resolve(from), "manifest.json")}.`);
  say(`Restored into ${config.dataDir}${outcome.replacedDir ? ` (its previous contents are in ${outcome.replacedDir})` : ""}.`);
  say(...auditVerificationReport(outcome.audit, embeddedStoreLayout(config.dataDir).database));
  if (!outcome.isAuditHeadAsRecorded) {
    say(`The restored chain ends at seq ${outcome.audit.lastSeq}, but the manifest recorded seq ${outcome.manifest.audit.lastSeq} (${outcome.manifest.audit.lastHash}).`);
  }
  return outcome.audit.intact && outcome.isAuditHeadAsRecorded ? 0 : 1;
});
