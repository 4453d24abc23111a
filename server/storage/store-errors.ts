/**
 * Whether an error says the store cannot be written or reached just now (a full or read-only disk,
 * a database locked by another process, PostgreSQL stopped or unreachable), as opposed to a bug.
 * Such errors are answered with 503 `store.unavailable`: the request changed nothing, and the same
 * request succeeds once the store is back, without a restart.
 */
export function isStoreUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(String((error as Error)?.message ?? ""));
  // SQLite (better-sqlite3's SqliteError codes).
  if (/^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN|PROTOCOL)/.test(code)) return true;
  // Node's socket errors reaching PostgreSQL.
  if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"].includes(code)) return true;
  // PostgreSQL: connection exceptions (08…), insufficient resources (53…), operator intervention
  // (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), read-only transaction.
  if (code === "55000" && /accepting connections/i.test(String((error as Error).message))) return true;
  return /^(08|53)/.test(code) || ["57P01", "57P02", "57P03", "25006", "3D000"].includes(code);
}
