import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { openSqliteStore } from "../../server/storage/sqlite/sqlite-store.ts";
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
  assert.equal(versions, [{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }, { version: 6 }, { version: 7 }, { version: 8 }, { version: 9 }, { version: 10 }]);
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
