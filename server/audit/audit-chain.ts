import { createHash } from "node:crypto";
import type { AuditEntry } from "../../shared/schemas/audit.schema.ts";

/** The hash that precedes the first entry of a chain. */
export const GENESIS_HASH = "0".repeat(64);

/** SHA-256 over the previous hash and a canonical serialisation of the entry's content. */
export function hashAuditEntry(entry: Omit<AuditEntry, "hash">): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at,
    entry.actorId,
    entry.actorOrganisationId,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    entry.caseId,
    sortKeys(entry.detail),
    entry.prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** Verify a chain in order; returns the seq of the first broken entry, or null when intact. */
export function findFirstBrokenEntry(entries: readonly AuditEntry[]): number | null {
  let previous = GENESIS_HASH;
  for (const entry of entries) {
    if (entry.prevHash !== previous || hashAuditEntry(entry) !== entry.hash) return entry.seq;
    previous = entry.hash;
  }
  return null;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
