/**
 * `npm run audit:verify`: walk the audit chain of the store the server is configured with
 * (DATA_DIR, or DATABASE_URL) and name the first broken entry. Exit 0 intact, 1 broken, 2 bad
 * configuration. Read-only.
 */
import { verifyAuditChain } from "../server/audit/audit.service.ts";
import { loadConfig } from "../server/config.ts";
import { auditVerificationReport } from "../server/operations/audit-verification-report.ts";
import { openConfiguredStore } from "../server/operations/configured-store.ts";
import { runOperation, say } from "../server/operations/operation-runner.ts";

await runOperation("audit:verify", async () => {
  const opened = await openConfiguredStore(loadConfig());
  try {
    const result = await verifyAuditChain(opened.store);
    say(...auditVerificationReport(result, opened.where));
    return result.intact ? 0 : 1;
  } finally {
    await opened.close();
  }
});
