import { z } from "zod";
import { isoInstant } from "./common.schema.ts";

/** What a service asks the audit trail to record. */
export const auditEvent = z.object({
  actorId: z.string().nullable(),
  actorOrganisationId: z.string().nullable(),
  action: z.string().regex(/^[a-z][a-z0-9_.-]+$/),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  caseId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEvent = z.input<typeof auditEvent>;

/** A committed, hash-chained audit entry. */
export type AuditEntry = z.output<typeof auditEvent> & {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
};
export const auditInstant = isoInstant;
