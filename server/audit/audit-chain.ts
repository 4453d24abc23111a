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

/**
 * Why an entry breaks the chain:
 * - `hash_mismatch`: its content does not hash to its stored hash (it was altered);
 * - `link_broken`: its content is intact but its `prevHash` is not the previous entry's hash
 *   (the previous entry was altered and re-hashed, or replaced);
 * - `sequence_gap`: its seq is not the previous seq + 1 (entries were deleted);
 * - `out_of_order`: its content belongs at another seq (`otherSeq`), and that seq holds the entry
 *   that belongs here (seq numbers swapped), or the source did not list seqs in ascending order;
 * - `inserted`: the entry after it (`otherSeq`) is chained directly to the entry before it.
 */
export const AUDIT_BREAK_REASONS = ["hash_mismatch", "link_broken", "sequence_gap", "out_of_order", "inserted"] as const;
export type AuditBreakReason = (typeof AUDIT_BREAK_REASONS)[number];

export type AuditBreak = {
  seq: number;
  action: string;
  at: string;
  reason: AuditBreakReason;
  /** `sequence_gap`: the first seq missing before this entry. */
  missingFromSeq?: number;
  /** `out_of_order`: where the entry that belongs at `seq` was found; `inserted`: the next entry. */
  otherSeq?: number;
};

export type AuditChainVerification = {
  intact: boolean;
  /** Entries read, including any after the first break. */
  entries: number;
  /** The last entry's seq and hash (0 and the genesis hash for an empty chain). */
  lastSeq: number;
  lastHash: string;
  firstBroken: AuditBreak | null;
};

type Seen = { seq: number; hash: string; action: string; at: string };

/**
 * Checks a chain one entry at a time, in seq order, in constant memory: the caller pages through
 * the store and feeds every entry to `add`. The first break is named; reading goes on to the end
 * to count the entries and report the head, and to tell a swap or an insertion from a plain
 * alteration (the displaced entry can only be recognised when it is reached).
 */
export class AuditChainChecker {
  private entries = 0;
  private last: Seen | null = null;
  /** The hash the last entry should have pointed to (the genesis hash for the first entry). */
  private lastExpectedPrev = GENESIS_HASH;
  private broken: AuditBreak | null = null;
  /** After a break whose link was wrong: the entry found there and the link it should have had. */
  private suspect: { entry: AuditEntry; expectedPrev: string } | null = null;

  add(entry: AuditEntry): void {
    this.entries++;
    const expectedPrev = this.last?.hash ?? GENESIS_HASH;
    if (this.broken) this.refine(entry);
    else this.check(entry, expectedPrev);
    this.lastExpectedPrev = expectedPrev;
    this.last = { seq: entry.seq, hash: entry.hash, action: entry.action, at: entry.at };
  }

  result(): AuditChainVerification {
    return {
      intact: this.broken === null,
      entries: this.entries,
      lastSeq: this.last?.seq ?? 0,
      lastHash: this.last?.hash ?? GENESIS_HASH,
      firstBroken: this.broken,
    };
  }

  private check(entry: AuditEntry, expectedPrev: string): void {
    const at = { seq: entry.seq, action: entry.action, at: entry.at };
    const last = this.last;
    if (last && entry.seq <= last.seq) {
      this.broken = { ...at, reason: "out_of_order", otherSeq: last.seq };
      return;
    }
    const expectedSeq = last ? last.seq + 1 : 1;
    if (entry.seq !== expectedSeq) {
      this.broken = { ...at, reason: "sequence_gap", missingFromSeq: expectedSeq };
      return;
    }
    const isHashOk = hashAuditEntry(entry) === entry.hash;
    const isLinkOk = entry.prevHash === expectedPrev;
    if (isHashOk && isLinkOk) return;
    if (!isLinkOk && last && entry.prevHash === this.lastExpectedPrev) {
      // This entry is chained to the one before the last: the last was slipped in between.
      this.broken = { seq: last.seq, action: last.action, at: last.at, reason: "inserted", otherSeq: entry.seq };
      return;
    }
    this.broken = { ...at, reason: isHashOk ? "link_broken" : "hash_mismatch" };
    if (!isLinkOk) this.suspect = { entry, expectedPrev };
  }

  /** After the first break: look for the entry that should have been at the broken seq. */
  private refine(entry: AuditEntry): void {
    const suspect = this.suspect;
    const broken = this.broken;
    if (!suspect || !broken || entry.prevHash !== suspect.expectedPrev) return;
    this.suspect = null;
    const belongsAtBreak = hashAuditEntry({ ...entry, seq: suspect.entry.seq }) === entry.hash;
    const suspectBelongsHere = hashAuditEntry({ ...suspect.entry, seq: entry.seq }) === suspect.entry.hash;
    if (belongsAtBreak && suspectBelongsHere) this.broken = { ...broken, reason: "out_of_order", otherSeq: entry.seq };
    else if (entry.seq === suspect.entry.seq + 1) this.broken = { ...broken, reason: "inserted", otherSeq: entry.seq };
  }
}

/** Verify a chain in order; returns the seq of the first broken entry, or null when intact. */
export function findFirstBrokenEntry(entries: Iterable<AuditEntry>): number | null {
  const checker = new AuditChainChecker();
  for (const entry of entries) checker.add(entry);
  return checker.result().firstBroken?.seq ?? null;
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
