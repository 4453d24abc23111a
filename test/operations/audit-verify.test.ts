import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { AuditEntry } from "../../shared/schemas/audit.schema.ts";
import { can } from "../../shared/policy/access-policy.ts";
import { hashAuditEntry } from "../../server/audit/audit-chain.ts";
import { createAuditService, verifyAuditChain } from "../../server/audit/audit.service.ts";
import { openPgStore } from "../../server/storage/postgres/pg-store.ts";
import { openSqliteStore } from "../../server/storage/sqlite/sqlite-store.ts";
import type { Store } from "../../server/storage/store.ts";
import { createTestDatabase, POSTGRES_URL, type TestDatabase } from "../helpers/cluster.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { startTestServer, type TestServer, tempDir } from "../helpers/test-server.ts";
import { type CliResult, hasStackTrace, runCli } from "./run-cli.ts";

const isCi = process.env.CI === "true";
const ENTRIES = 10;
const audit = createAuditService(() => new Date("2026-11-27T09:00:00.000Z"));
/** Entry seq n records action `ACTION(n)`, so a report can be checked for the right entry. */
const ACTION = (seq: number) => (seq % 2 === 0 ? "document.viewed" : "case.viewed");

async function seedChain(store: Store): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let seq = 1; seq <= ENTRIES; seq++) {
    entries.push(
      await audit.record(store, { actorId: "u1", actorOrganisationId: "firm-a", action: ACTION(seq), subjectType: "document", subjectId: `doc-${seq}`, caseId: "case-1", detail: { page: seq } }),
    );
  }
  return entries;
}

/** Run SQL with `?` placeholders, as an attacker with direct access to the database would. */
type Exec = (sql: string, params?: unknown[]) => Promise<void>;

type Tampering = {
  name: string;
  /** Also run against PostgreSQL (the others exercise the checker, which is the same code). */
  onPostgres: boolean;
  tamper(exec: Exec, chain: AuditEntry[]): Promise<void>;
  expected: { code: number; seq?: number; reason?: string; says: RegExp };
};

const at = (chain: AuditEntry[], seq: number) => chain[seq - 1] as AuditEntry;

/** Every kind of tampering the verifier must name, with the entry and reason it must give. */
const TAMPERINGS: Tampering[] = [
  {
    name: "one row's detail altered",
    onPostgres: true,
    tamper: (exec) => exec(`UPDATE audit SET detail = '{"page":99}' WHERE seq = 4`),
    expected: { code: 1, seq: 4, reason: "hash_mismatch", says: /BROKEN at seq 4 \(action document\.viewed, at 2026-11-27T09:00:00\.000Z\): hash mismatch/ },
  },
  {
    name: "one row altered and re-hashed",
    onPostgres: false,
    async tamper(exec, chain) {
      const forged = { ...at(chain, 4), subjectId: "doc-other" };
      await exec("UPDATE audit SET subject_id = ?, hash = ? WHERE seq = 4", [forged.subjectId, hashAuditEntry(forged)]);
    },
    expected: { code: 1, seq: 5, reason: "link_broken", says: /BROKEN at seq 5 \(action case\.viewed.*link to previous broken: its prevHash is not the hash of seq 4/ },
  },
  {
    name: "a middle row deleted",
    onPostgres: true,
    tamper: (exec) => exec("DELETE FROM audit WHERE seq = 5"),
    expected: { code: 1, seq: 6, reason: "sequence_gap", says: /BROKEN at seq 6 \(action document\.viewed.*sequence gap: seq 5 is missing/ },
  },
  {
    name: "two rows' seq swapped",
    onPostgres: true,
    async tamper(exec) {
      await exec("UPDATE audit SET seq = -1 WHERE seq = 3");
      await exec("UPDATE audit SET seq = 3 WHERE seq = 7");
      await exec("UPDATE audit SET seq = 7 WHERE seq = -1");
    },
    // Seq 3 now holds the entry written as seq 7 (a case.viewed too): its place is named.
    expected: { code: 1, seq: 3, reason: "out_of_order", says: /BROKEN at seq 3 .*out of order: the entry that belongs at seq 3 was found at seq 7/ },
  },
  {
    name: "a row inserted (correctly hashed, later rows renumbered)",
    onPostgres: true,
    async tamper(exec, chain) {
      await exec("UPDATE audit SET seq = seq + 1000 WHERE seq > 6");
      await exec("UPDATE audit SET seq = seq - 999 WHERE seq > 1000");
      const forged = { seq: 7, at: "2026-11-27T09:00:00.000Z", actorId: "u2", actorOrganisationId: "firm-b", action: "document.downloaded", subjectType: "document", subjectId: "doc-x", caseId: "case-1", detail: {}, prevHash: at(chain, 6).hash };
      await exec("INSERT INTO audit (seq, at, actor_id, actor_organisation_id, action, subject_type, subject_id, case_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        forged.seq,
        forged.at,
        forged.actorId,
        forged.actorOrganisationId,
        forged.action,
        forged.subjectType,
        forged.subjectId,
        forged.caseId,
        "{}",
        forged.prevHash,
        hashAuditEntry(forged),
      ]);
    },
    expected: { code: 1, seq: 7, reason: "inserted", says: /BROKEN at seq 7 \(action document\.downloaded.*inserted: seq 8 is chained directly to seq 6/ },
  },
  {
    // The documented limit: removing the newest entries leaves a shorter chain that is intact.
    name: "the last row deleted (tail truncation: not detectable from the chain alone)",
    onPostgres: false,
    tamper: (exec) => exec(`DELETE FROM audit WHERE seq = ${ENTRIES}`),
    expected: { code: 0, says: new RegExp(`Audit chain intact: ${ENTRIES - 1} entries, last seq ${ENTRIES - 1}, last hash [0-9a-f]{64}[\\s\\S]*cannot be detected from the chain alone`) },
  },
];

function assertReport(result: CliResult, expected: Tampering["expected"]): void {
  assert.is(result.code, expected.code, `exit code; stdout: ${result.stdout} stderr: ${result.stderr}`);
  assert.match(result.stdout, expected.says);
  assert.not.ok(hasStackTrace(result.stdout + result.stderr), "no stack trace");
}

// Every verifier process (one per case, on each store) is started up front and they run together;
// each test awaits its own. Cases are independent copies, so order does not matter.

type Launched = { runs: Map<string, Promise<CliResult>>; cleanup(): Promise<void> };

async function postgresUnreachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `?` placeholders as PostgreSQL's `$n`. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const SQLITE_ROOT = tempDir("caseroom-audit-verify-");
const dataDirOf = (name: string) => path.join(SQLITE_ROOT, name.replace(/[^a-z]+/gi, "-"));

async function launchSqlite(): Promise<Launched & { chain: AuditEntry[] }> {
  const seeded = path.join(SQLITE_ROOT, "seed", "caseroom.sqlite");
  const store = openSqliteStore(seeded);
  const chain = await seedChain(store);
  await store.close();
  const runs = new Map<string, Promise<CliResult>>();
  for (const { name, tamper } of [{ name: "intact", tamper: undefined }, ...TAMPERINGS]) {
    const dataDir = dataDirOf(name);
    fs.mkdirSync(dataDir);
    fs.copyFileSync(seeded, path.join(dataDir, "caseroom.sqlite"));
    if (tamper) {
      // An attacker with the file: the append-only triggers are simply dropped first.
      const db = new Database(path.join(dataDir, "caseroom.sqlite"));
      try {
        db.exec("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
        await tamper(async (sql, params = []) => {
          db.prepare(sql).run(...params);
        }, chain);
      } finally {
        db.close();
      }
    }
    runs.set(name, runCli("audit-verify", [], { DATA_DIR: dataDir }));
  }
  runs.set("nowhere", runCli("audit-verify", [], { DATA_DIR: path.join(SQLITE_ROOT, "nowhere") }));
  return {
    chain,
    runs,
    async cleanup() {
      await Promise.allSettled(runs.values());
      fs.rmSync(SQLITE_ROOT, { recursive: true, force: true });
    },
  };
}

async function launchPostgres(): Promise<Launched> {
  const databases: TestDatabase[] = [];
  const runs = new Map<string, Promise<CliResult>>();
  const unusedDataDir = path.join(SQLITE_ROOT, "unused");
  await Promise.all(
    [{ name: "intact", tamper: undefined }, ...TAMPERINGS.filter((t) => t.onPostgres)].map(async ({ name, tamper }) => {
      const database = await createTestDatabase();
      databases.push(database);
      const store = await openPgStore(database.url, { max: 2 });
      const chain = await seedChain(store);
      await store.close();
      if (tamper) {
        // Someone with database access drops the append-only triggers first.
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          await client.query("DROP TRIGGER audit_no_update ON audit; DROP TRIGGER audit_no_delete ON audit;");
          await tamper(async (sql, params = []) => {
            await client.query(numbered(sql), params);
          }, chain);
        } finally {
          await client.end();
        }
      }
      runs.set(name, runCli("audit-verify", [], { DATABASE_URL: database.url, DATA_DIR: unusedDataDir }));
    }),
  );
  return {
    runs,
    async cleanup() {
      await Promise.allSettled(runs.values());
      await Promise.all(databases.map((d) => d.drop()));
    },
  };
}

const unreachable = await postgresUnreachable();
const sqliteLaunch = launchSqlite();
const postgresLaunch = unreachable === null ? launchPostgres() : undefined;

// --- SQLite -------------------------------------------------------------------------------------

const sqlite = suite("npm run audit:verify on SQLite");
sqlite.after(async () => {
  await (await sqliteLaunch).cleanup();
});

sqlite("an intact chain: exit 0 with the count, the last seq and the last hash", async () => {
  const { runs, chain } = await sqliteLaunch;
  const result = await (runs.get("intact") as Promise<CliResult>);
  assertReport(result, { code: 0, says: new RegExp(`^Audit chain intact: ${ENTRIES} entries, last seq ${ENTRIES}, last hash ${at(chain, ENTRIES).hash}\\.`) });
});

for (const tampering of TAMPERINGS) {
  sqlite(`${tampering.name}: ${tampering.expected.code === 0 ? "exit 0, the shorter head printed" : `exit 1 naming seq ${tampering.expected.seq} (${tampering.expected.reason})`}`, async () => {
    assertReport(await ((await sqliteLaunch).runs.get(tampering.name) as Promise<CliResult>), tampering.expected);
  });
}

sqlite("a DATA_DIR without a database is refused, not reported as an empty chain", async () => {
  const result = await ((await sqliteLaunch).runs.get("nowhere") as Promise<CliResult>);
  assert.is(result.code, 1);
  assert.match(result.stderr, /No Caseroom database at .*nowhere/);
  assert.not.ok(fs.existsSync(path.join(SQLITE_ROOT, "nowhere")), "nothing created");
});

sqlite("the service's verdict agrees: seq of the first break, reason, and the whole chain counted", async () => {
  await (await sqliteLaunch).runs.get("two rows' seq swapped");
  const store = openSqliteStore(path.join(dataDirOf("two rows' seq swapped"), "caseroom.sqlite"));
  try {
    assert.is(await audit.verify(store), 3);
    // Pages of three entries: the displaced entry is recognised pages after the break.
    const result = await verifyAuditChain(store, 3);
    assert.equal(result.firstBroken, { seq: 3, action: "case.viewed", at: "2026-11-27T09:00:00.000Z", reason: "out_of_order", otherSeq: 7 });
    assert.is(result.entries, ENTRIES);
  } finally {
    await store.close();
  }
});

sqlite.run();

// --- PostgreSQL ---------------------------------------------------------------------------------

if (postgresLaunch) {
  const test = suite("npm run audit:verify on PostgreSQL");
  test.after(async () => {
    await (await postgresLaunch).cleanup();
  });

  test("an intact chain: exit 0 naming PostgreSQL, without its password", async () => {
    const result = await ((await postgresLaunch).runs.get("intact") as Promise<CliResult>);
    assertReport(result, { code: 0, says: new RegExp(`Audit chain intact: ${ENTRIES} entries, last seq ${ENTRIES}[\\s\\S]*Store: PostgreSQL postgres://`) });
  });

  for (const tampering of TAMPERINGS.filter((t) => t.onPostgres)) {
    test(`${tampering.name}: exit 1 naming seq ${tampering.expected.seq} (${tampering.expected.reason})`, async () => {
      assertReport(await ((await postgresLaunch).runs.get(tampering.name) as Promise<CliResult>), tampering.expected);
    });
  }

  test.run();
} else {
  const where = new URL(POSTGRES_URL).host;
  const test = suite("npm run audit:verify on PostgreSQL");
  if (isCi) {
    test(`PostgreSQL is reachable at ${where} (required when CI=true)`, () => {
      assert.unreachable(`PostgreSQL unreachable at ${where}: ${unreachable}`);
    });
  } else {
    process.stderr.write(`\naudit:verify PostgreSQL tests not run: unreachable at ${where} (${unreachable}). Start PostgreSQL or set TEST_DATABASE_URL; under CI=true this fails.\n`);
  }
  test.run();
}

// --- GET /api/audit/verification ---------------------------------------------------------------

type Verification = { intact: boolean; entries: number; lastSeq: number; lastHash: string; firstBroken: null | { seq: number; reason: string } };
const USERS = { sam: "sam.ortiz@court.example", pat: "pat.cole@cps.example", lee: "lee.adams@court.example" };

const endpoint = suite<{ server: TestServer; cookies: Record<keyof typeof USERS, string> }>("GET /api/audit/verification", {
  server: undefined as unknown as TestServer,
  cookies: {} as Record<keyof typeof USERS, string>,
});

endpoint.before(async (context) => {
  // No demo data needed: the sign-ins are the chain's first entries.
  context.server = await startTestServer({ demo: false });
  for (const [key, id] of Object.entries(USERS)) context.cookies[key as keyof typeof USERS] = await signIn(context.server, id);
});
endpoint.after(async ({ server }) => {
  await server.close();
});

const lastEntry = async (store: Store) => {
  let afterSeq = 0;
  let last: AuditEntry | undefined;
  for (;;) {
    const page = await store.audit.list({ afterSeq, limit: 1000 });
    if (page.length === 0) return last;
    last = page[page.length - 1];
    afterSeq = last?.seq ?? afterSeq;
  }
};

endpoint("only court staff may verify the chain (policy)", () => {
  const actor = (role: "court-staff" | "judge" | "legal-adviser" | "prosecutor" | "defence") => ({ id: "x", role, party: "court" as const, organisationId: "o", courts: [] });
  assert.ok(can(actor("court-staff"), "verify", { kind: "audit-chain" }));
  for (const role of ["judge", "legal-adviser", "prosecutor", "defence"] as const) assert.not.ok(can(actor(role), "verify", { kind: "audit-chain" }), role);
  assert.not.ok(can(actor("court-staff"), "read", { kind: "audit-chain" }));
});

endpoint("court staff get the verdict of an intact chain, and the check is itself audited", async ({ server, cookies }) => {
  const res = await apiAs(server, cookies.sam).get("/api/audit/verification");
  assert.is(res.status, 200);
  const body = res.body as Verification;
  assert.equal(Object.keys(body).sort(), ["entries", "firstBroken", "intact", "lastHash", "lastSeq"]);
  assert.is(body.intact, true);
  assert.is(body.firstBroken, null);
  assert.ok(body.entries >= 1);
  assert.is(body.lastSeq, body.entries);
  assert.match(body.lastHash, /^[0-9a-f]{64}$/);
  const recorded = await lastEntry(server.deps.store);
  assert.is(recorded?.action, "audit.verified");
  assert.is(recorded?.actorId, USERS.sam);
  assert.is(recorded?.seq, body.lastSeq + 1);
  assert.equal(recorded?.detail, { intact: true, entries: body.entries, lastSeq: body.lastSeq, lastHash: body.lastHash, firstBroken: null });
});

endpoint("a prosecutor or a legal adviser gets 403 auth.forbidden; nobody signed in gets 401; no stack traces", async ({ server, cookies }) => {
  const before = (await lastEntry(server.deps.store))?.seq;
  for (const who of ["pat", "lee"] as const) {
    const res = await apiAs(server, cookies[who]).get("/api/audit/verification");
    assert.is(res.status, 403, who);
    assert.is((res.body as { error: { code: string } }).error.code, "auth.forbidden");
    assert.not.ok(hasStackTrace(res.text));
  }
  const anonymous = await fetch(`${server.url}/api/audit/verification`);
  const text = await anonymous.text();
  assert.is(anonymous.status, 401);
  assert.is((JSON.parse(text) as { error: { code: string } }).error.code, "auth.required");
  assert.not.ok(hasStackTrace(text));
  assert.is((await lastEntry(server.deps.store))?.seq, before, "a refused check records no verification");
});

endpoint("after someone edits the database file behind the server, court staff see the broken entry", async ({ server, cookies }) => {
  const db = new Database(path.join(server.dataDir, "caseroom.sqlite"));
  try {
    db.exec("DROP TRIGGER audit_no_update");
    db.prepare(`UPDATE audit SET detail = '{"edited":true}' WHERE seq = 1`).run();
  } finally {
    db.close();
  }
  const res = await apiAs(server, cookies.sam).get("/api/audit/verification");
  assert.is(res.status, 200);
  const body = res.body as Verification;
  assert.is(body.intact, false);
  assert.equal(body.firstBroken, { seq: 1, reason: "hash_mismatch" });
  assert.ok(body.entries > 1, "every entry is still counted");
  const recorded = await lastEntry(server.deps.store);
  assert.is(recorded?.action, "audit.verified");
  assert.equal(recorded?.detail.firstBroken, { seq: 1, reason: "hash_mismatch" });
});

endpoint.run();
