import { type Actor, can } from "../../shared/policy/access-policy.ts";
import type { AuditEvent, AuditEntry } from "../../shared/schemas/audit.schema.ts";
import { auditEvent } from "../../shared/schemas/audit.schema.ts";
import { AppError } from "../app-error.ts";
import type { Clock } from "../dependencies.ts";
import type { AuditRepository, Store } from "../storage/store.ts";
import { AuditChainChecker, type AuditChainVerification } from "./audit-chain.ts";

/** Entries read per query while verifying: the chain is never held in memory as a whole. */
const VERIFY_PAGE_SIZE = 2000;

/** Walk the whole chain page by page through one incremental checker (a store, or any source that pages like one). */
export async function verifyAuditChain(store: { audit: Pick<AuditRepository, "list"> }, pageSize = VERIFY_PAGE_SIZE): Promise<AuditChainVerification> {
  const checker = new AuditChainChecker();
  let afterSeq = 0;
  for (;;) {
    const page = await store.audit.list({ afterSeq, limit: pageSize });
    for (const entry of page) checker.add(entry);
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) break;
    afterSeq = last.seq;
  }
  return checker.result();
}

/**
 * Audit is a write path (STYLE habit 8): services call `record` with the transaction they are
 * writing in, so the entry commits or rolls back with the change it describes.
 */
export function createAuditService(clock: Clock) {
  const record = async (store: Store, event: AuditEvent): Promise<AuditEntry> => {
    const parsed = auditEvent.parse(event);
    return store.audit.append({ ...parsed, at: clock().toISOString() });
  };

  return {
    record,

    /** Walk the whole chain; the seq of the first entry whose hash, link or seq is wrong, or null. */
    async verify(store: Store): Promise<number | null> {
      return (await verifyAuditChain(store)).firstBroken?.seq ?? null;
    },

    /**
     * Verify the chain for a signed-in user (court staff only). The check is itself recorded, after
     * it, with what it found: who looked at the trail's integrity is on the trail.
     */
    async verifyFor(store: Store, actor: Actor): Promise<AuditChainVerification> {
      if (!can(actor, "verify", { kind: "audit-chain" })) throw new AppError("auth.forbidden");
      const result = await verifyAuditChain(store);
      await record(store, {
        actorId: actor.id,
        actorOrganisationId: actor.organisationId,
        action: "audit.verified",
        subjectType: "audit",
        subjectId: null,
        caseId: null,
        detail: {
          intact: result.intact,
          entries: result.entries,
          lastSeq: result.lastSeq,
          lastHash: result.lastHash,
          firstBroken: result.firstBroken ? { seq: result.firstBroken.seq, reason: result.firstBroken.reason } : null,
        },
      });
      return result;
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
