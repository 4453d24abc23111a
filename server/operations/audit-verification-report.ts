import type { AuditBreak, AuditChainVerification } from "../audit/audit-chain.ts";

const entries = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "entry" : "entries"}`;

/** Why the entry breaks the chain, in words an operator can act on. */
export function describeAuditBreak(broken: AuditBreak): string {
  switch (broken.reason) {
    case "hash_mismatch":
      return "hash mismatch: the entry's content no longer matches its hash (it was altered after it was written)";
    case "link_broken":
      return `link to previous broken: its prevHash is not the hash of seq ${broken.seq - 1} (that entry was altered and re-hashed, or replaced)`;
    case "sequence_gap": {
      const from = broken.missingFromSeq ?? broken.seq - 1;
      const missing = from === broken.seq - 1 ? `seq ${from} is missing` : `seqs ${from}–${broken.seq - 1} are missing`;
      return `sequence gap: ${missing} before it (entries were deleted)`;
    }
    case "out_of_order":
      return broken.otherSeq !== undefined && broken.otherSeq > broken.seq
        ? `out of order: the entry that belongs at seq ${broken.seq} was found at seq ${broken.otherSeq} (seq numbers were swapped)`
        : `out of order: it was listed after seq ${broken.otherSeq ?? "?"} (entries are not in seq order)`;
    case "inserted":
      return `inserted: seq ${broken.otherSeq ?? broken.seq + 1} is chained directly to seq ${broken.seq - 1}, so this entry was slipped in between`;
  }
}

/** The lines `npm run audit:verify` prints. */
export function auditVerificationReport(result: AuditChainVerification, where: string): string[] {
  const head = `last seq ${result.lastSeq}, last hash ${result.lastHash}`;
  const lines: string[] = [];
  if (result.firstBroken) {
    const b = result.firstBroken;
    lines.push(`Audit chain BROKEN at seq ${b.seq} (action ${b.action}, at ${b.at}): ${describeAuditBreak(b)}.`);
    lines.push(`Read ${entries(result.entries)} from ${where}; ${head}.`);
  } else {
    lines.push(`Audit chain intact: ${entries(result.entries)}, ${head}.`);
    lines.push(`Store: ${where}.`);
  }
  lines.push(
    "Entries removed from the end of the chain cannot be detected from the chain alone: compare the last seq and hash with a copy kept elsewhere (an earlier run's output, a backup manifest).",
  );
  return lines;
}
