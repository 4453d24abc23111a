import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { openSqliteStore } from "../../server/storage/sqlite/sqlite-store.ts";
import { SQLITE_MIGRATIONS } from "../../server/storage/sqlite/sqlite-migrations.ts";
import { createAuditService } from "../../server/audit/audit.service.ts";
import { tempDir } from "../helpers/test-server.ts";
import { storeContract } from "./store.contract.ts";

let dir = "";
const file = () => path.join(dir, "caseroom.sqlite");

storeContract("SQLite file", {
  async open() {
    dir = tempDir("caseroom-store-");
    return openSqliteStore(file());
  },
  async reopen() {
    return openSqliteStore(file());
  },
  async cleanup() {
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

const sqlite = suite("SQLite specifics");

sqlite("runs in WAL mode with foreign keys enforced, migrations recorded once", async () => {
  const d = tempDir("caseroom-store-");
  const f = path.join(d, "c.sqlite");
  await openSqliteStore(f).close();
  const store = openSqliteStore(f);
  await store.close();
  const db = new Database(f, { readonly: true });
  assert.is(db.pragma("journal_mode", { simple: true }), "wal");
  const versions = db.prepare("SELECT version FROM schema_migrations").all();
  assert.equal(versions, [{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }, { version: 6 }, { version: 7 }, { version: 8 }, { version: 9 }, { version: 10 }, { version: 11 }]);
  db.close();
  const store2 = openSqliteStore(f);
  try {
    await store2.defendants.insert({
      id: "orphan",
      caseId: "no-such-case",
      firstName: "A",
      lastName: "B",
      dateOfBirth: "2000-01-01",
      custody: "bail",
      custodyTimeLimit: null,
      bailConditions: null,
      interpreterLanguage: null,
    });
    assert.unreachable("foreign key not enforced");
  } catch (error) {
    assert.match(String((error as Error).message), /FOREIGN KEY/);
  } finally {
    await store2.close();
    fs.rmSync(d, { recursive: true, force: true });
  }
});

sqlite("refuses to change or delete an audit entry, and the verifier finds tampering", async () => {
  const d = tempDir("caseroom-store-");
  const f = path.join(d, "c.sqlite");
  const store = openSqliteStore(f);
  const audit = createAuditService(() => new Date("2026-11-27T09:00:00.000Z"));
  for (let i = 0; i < 5; i++) {
    await audit.record(store, { actorId: "u", actorOrganisationId: null, action: "case.viewed", subjectType: "case", subjectId: `c${i}`, caseId: `c${i}`, detail: {} });
  }
  await store.close();
  const db = new Database(f);
  assert.throws(() => db.prepare("UPDATE audit SET action = 'x' WHERE seq = 3").run(), /append-only/);
  assert.throws(() => db.prepare("DELETE FROM audit WHERE seq = 3").run(), /append-only/);
  // An attacker with file access drops the trigger and edits entry 3: the chain names it.
  db.exec("DROP TRIGGER audit_no_update");
  db.prepare("UPDATE audit SET subject_id = 'other' WHERE seq = 3").run();
  db.close();
  const reopened = openSqliteStore(f);
  assert.is(await audit.verify(reopened), 3);
  await reopened.close();
  fs.rmSync(d, { recursive: true, force: true });
});

sqlite.run();

sqlite("migration 11 keeps a released database's defendants, their offences and access, and lets an organisation in", async () => {
  const d = tempDir("caseroom-store-");
  const f = path.join(d, "c.sqlite");
  // A database as the release before organisation defendants left it: migrations 1 to 10.
  const old = new Database(f);
  old.pragma("foreign_keys = ON");
  old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version <= 10)) {
    old.exec(migration.sql);
    old.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(migration.version, migration.name, "2026-11-01T00:00:00Z");
  }
  old.exec(`
    INSERT INTO courts (code, name, jurisdiction, area) VALUES ('MC01', 'A Magistrates Court', 'magistrates', 'X');
    INSERT INTO organisations (id, name, kind) VALUES ('cps', 'CPS', 'prosecution'), ('firm', 'A Firm', 'defence');
    INSERT INTO cases (id, urn, jurisdiction, court_code, prosecuting_organisation_id, status, sent_on)
      VALUES ('case-1', '01AB2345626', 'magistrates', 'MC01', 'cps', 'active', NULL);
    INSERT INTO defendants (id, case_id, position, first_name, first_name_folded, last_name, last_name_folded,
        date_of_birth, custody, custody_time_limit, bail_conditions, interpreter_language, is_youth, version)
      VALUES ('def-1', 'case-1', 0, 'Ann', 'ann', 'Lee', 'lee', '1990-05-04', 'custody', '2027-01-10', NULL, 'Polish', 0, 3);
    INSERT INTO offences (id, defendant_id, position, code, title, wording, legislation, start_date, mode_of_trial, plea)
      VALUES ('off-1', 'def-1', 0, 'TH68010', 'Theft', 'Stole a bicycle', 'Theft Act 1968 s.1', '2026-10-01', 'either-way', 'none');
    INSERT INTO associations (id, defendant_id, organisation_id, started_at, started_by)
      VALUES ('assoc-1', 'def-1', 'firm', '2026-11-02T00:00:00Z', 'someone');
  `);
  old.close();

  const store = openSqliteStore(f);
  try {
    const kept = await store.defendants.get("def-1");
    assert.equal(
      kept && { kind: kept.kind, name: `${kept.firstName} ${kept.lastName}`, dateOfBirth: kept.dateOfBirth, custody: kept.custody, ctl: kept.custodyTimeLimit, version: kept.version },
      { kind: "person", name: "Ann Lee", dateOfBirth: "1990-05-04", custody: "custody", ctl: "2027-01-10", version: 3 },
    );
    assert.is((await store.offences.listByDefendant("def-1")).length, 1);
    assert.is((await store.associations.openForDefendant("def-1"))?.organisationId, "firm");
    const found = await store.cases.search({ scope: { kind: "court", courts: ["MC01"] }, surnamePrefix: "lee", dateOfBirth: "1990-05-04", today: "2026-11-27", limit: 10 });
    assert.equal(found, ["case-1"]);

    await store.defendants.insert({
      id: "def-2",
      caseId: "case-1",
      kind: "organisation",
      firstName: "",
      lastName: "Acme Haulage Ltd",
      dateOfBirth: null,
      custody: null,
      custodyTimeLimit: null,
      bailConditions: null,
      interpreterLanguage: null,
    });
    const organisation = await store.defendants.get("def-2");
    assert.equal(organisation && [organisation.kind, organisation.lastName, organisation.dateOfBirth, organisation.custody], ["organisation", "Acme Haulage Ltd", null, null]);
  } finally {
    await store.close();
  }
  const db = new Database(f, { readonly: true });
  try {
    assert.equal(db.pragma("foreign_key_check"), []);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'defendants'").all() as { name: string }[]).map((r) => r.name).sort();
    assert.equal(indexes, ["defendants_case", "defendants_name_dob"]);
  } finally {
    db.close();
  }
  const writer = new Database(f);
  try {
    // A kind is one of the two.
    assert.throws(() => writer.exec("UPDATE defendants SET kind = 'robot' WHERE id = 'def-1'"), /CHECK/);
  } finally {
    writer.close();
    fs.rmSync(d, { recursive: true, force: true });
  }
});
