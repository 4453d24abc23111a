import type { AuditEvent, AuditEntry } from "../../shared/schemas/audit.schema.ts";
import { auditEvent } from "../../shared/schemas/audit.schema.ts";
import type { Clock } from "../dependencies.ts";
import type { Store } from "../storage/store.ts";
import { findFirstBrokenEntry } from "./audit-chain.ts";

/**
 * Audit is a write path (STYLE habit 8): services call `record` with the transaction they are
 * writing in, so the entry commits or rolls back with the change it describes.
 */
export function createAuditService(clock: Clock) {
  return {
    async record(store: Store, event: AuditEvent): Promise<AuditEntry> {
      const parsed = auditEvent.parse(event);
      return store.audit.append({ ...parsed, at: clock().toISOString() });
    },

    /** Walk the whole chain; the seq of the first entry whose hash or link is wrong, or null. */
    async verify(store: Store): Promise<number | null> {
      const all: AuditEntry[] = [];
      let afterSeq = 0;
      for (;;) {
        const page = await store.audit.list({ afterSeq, limit: 5000 });
        if (page.length === 0) break;
        all.push(...page);
        afterSeq = page[page.length - 1]?.seq ?? afterSeq;
      }
      return findFirstBrokenEntry(all);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
