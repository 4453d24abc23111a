import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { SQLITE_MIGRATIONS } from "../../server/storage/sqlite/sqlite-migrations.ts";
import type { BackupManifest } from "../../server/operations/backup-manifest.ts";
import { makePdf } from "../helpers/pdf-factory.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer, type TestServer, tempDir } from "../helpers/test-server.ts";
import { hasStackTrace, runCli } from "./run-cli.ts";

const USERS = { pat: "pat.cole@cps.example", sam: "sam.ortiz@court.example" };
const CASE = "case-0001";

type Context = { server: TestServer; restored?: TestServer; root: string; backupDir: string; cookies: Record<keyof typeof USERS, string> };
const test = suite<Context>("npm run backup and npm run restore", {
  server: undefined as unknown as TestServer,
  root: "",
  backupDir: "",
  cookies: {} as Record<keyof typeof USERS, string>,
});

test.before(async (context) => {
  context.root = tempDir("caseroom-backup-");
  context.backupDir = path.join(context.root, "backups", "first");
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });
  for (const [key, id] of Object.entries(USERS)) context.cookies[key as keyof typeof USERS] = await signIn(context.server, id);
});

test.after(async ({ server, restored, root }) => {
  await restored?.close();
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Every file under `dir`, by `/`-separated relative path, with its SHA-256. */
function filesUnder(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else found.set(child, sha256(fs.readFileSync(path.join(dir, child))));
    }
  };
  walk("");
  return found;
}

/** Every row of every table of a SQLite file, in a canonical order. */
function dumpTables(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort()]));
  } finally {
    db.close();
  }
}

function readSnapshot<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

async function serveDocument(server: TestServer, cookie: string, title: string, pdf: Buffer): Promise<number> {
  const form = new FormData();
  form.append("section", "witness-statements");
  form.append("title", title);
  form.append("visibility", "all");
  form.append("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "statement.pdf");
  const res = await fetch(`${server.url}/api/cases/${CASE}/documents`, { method: "POST", body: form, headers: { cookie, "x-requested-with": "caseroom", origin: server.origin } });
  await res.arrayBuffer();
  return res.status;
}

const readManifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as BackupManifest;

test("a backup taken while the server serves documents and records views is a consistent snapshot, with a manifest that matches", async ({ server, cookies, backupDir }) => {
  // Writers: audited case views, and IDPC uploads (each a new blob and a new row), until told to stop.
  const pdfs = await Promise.all(Array.from({ length: 40 }, (_, i) => makePdf({ text: `Statement ${i} taken during the backup` })));
  let isWriting = true;
  let writes = 0;
  const pat = apiAs(server, cookies.pat);
  const viewer = (async () => {
    while (isWriting) {
      assert.is((await pat.get(`/api/cases/${CASE}`)).status, 200);
      writes++;
    }
  })();
  const uploader = (async () => {
    for (let i = 0; isWriting && i < pdfs.length; i++) {
      assert.is(await serveDocument(server, cookies.pat, `Statement ${i} during the backup`, pdfs[i] as Buffer), 201);
      writes++;
    }
  })();
  let result: Awaited<ReturnType<typeof runCli>>;
  let writesDuring: number;
  try {
    await eventually(() => (writes >= 5 ? true : undefined));
    const before = writes;
    result = await runCli("backup", ["--out", backupDir], { DATA_DIR: server.dataDir });
    writesDuring = writes - before;
  } finally {
    isWriting = false;
    await Promise.all([viewer, uploader]);
  }

  assert.is(result.code, 0, result.stderr);
  assert.ok(writesDuring > 0, "the server kept writing while the backup ran");
  assert.match(result.stdout, new RegExp(`^Backup written to ${backupDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n`));
  assert.match(result.stdout, /audit chain intact: [\d,]+ entries, last seq \d+, last hash [0-9a-f]{64}/);
  assert.not.ok(hasStackTrace(result.stdout + result.stderr));

  // The manifest lists exactly the files of the folder, each with its size and SHA-256.
  const manifest = readManifest(backupDir);
  const onDisk = filesUnder(backupDir);
  onDisk.delete("manifest.json");
  assert.equal([...onDisk.keys()].sort(), manifest.files.map((f) => f.path).sort());
  for (const file of manifest.files) {
    assert.is(onDisk.get(file.path), file.sha256, file.path);
    assert.is(fs.statSync(path.join(backupDir, file.path)).size, file.bytes, file.path);
  }
  assert.is(manifest.schemaVersion, Math.max(...SQLITE_MIGRATIONS.map((m) => m.version)));
  assert.not.ok(fs.readdirSync(path.dirname(backupDir)).some((name) => name.includes(".partial-")), "no partial folder left");

  // Consistent: every document the snapshot lists has its blob; the snapshot's audit chain is a
  // prefix of the live chain (same hash at the same seq), and the manifest records its head.
  const snapshot = path.join(backupDir, "caseroom.sqlite");
  for (const { sha256: blob } of readSnapshot<{ sha256: string }>(snapshot, "SELECT DISTINCT sha256 FROM documents")) {
    assert.ok(onDisk.has(`blobs/${blob.slice(0, 2)}/${blob}`), `blob ${blob} of a listed document`);
  }
  const head = readSnapshot<{ seq: number; hash: string; n: number }>(snapshot, "SELECT seq, hash, (SELECT COUNT(*) FROM audit) AS n FROM audit ORDER BY seq DESC LIMIT 1")[0];
  assert.equal({ intact: true, entries: head?.n, lastSeq: head?.seq, lastHash: head?.hash }, manifest.audit);
  const [live] = await server.deps.store.audit.list({ afterSeq: manifest.audit.lastSeq - 1, limit: 1 });
  assert.is(live?.hash, manifest.audit.lastHash, "the live chain has the snapshot's head at the same seq");
});

test("restore into a new DATA_DIR, then a server on it: every table row and every blob as in the snapshot", async (context) => {
  const { root, backupDir, server } = context;
  const target = path.join(root, "restored");
  const result = await runCli("restore", [backupDir], { DATA_DIR: target });
  assert.is(result.code, 0, result.stderr);
  const manifest = readManifest(backupDir);
  assert.match(result.stdout, new RegExp(`Verified ${manifest.files.length} files against`));
  assert.match(result.stdout, new RegExp(`Audit chain intact: [\\d,]+ entries, last seq ${manifest.audit.lastSeq}, last hash ${manifest.audit.lastHash}`));
  assert.not.ok(fs.readdirSync(root).some((name) => name.includes(".restoring-")), "no temporary folder left");

  // Before any server touches it: the same rows in every table, the same blobs, byte for byte.
  const snapshot = path.join(backupDir, "caseroom.sqlite");
  assert.equal(dumpTables(path.join(target, "caseroom.sqlite")), dumpTables(snapshot));
  const restoredBlobs = filesUnder(path.join(target, "blobs"));
  const backedUpBlobs = filesUnder(path.join(backupDir, "blobs"));
  assert.equal([...restoredBlobs].sort(), [...backedUpBlobs].sort());
  const liveBlobs = filesUnder(path.join(server.dataDir, "blobs"));
  for (const [name, hash] of restoredBlobs) {
    assert.is(hash, name.split("/")[1], `${name} hashes to its name`);
    assert.is(liveBlobs.get(name), hash, `${name} is the live blob`);
  }

  // A server on the restored DATA_DIR serves every document of the snapshot with its bytes.
  context.restored = await startTestServer({ dataDir: target, demo: false });
  const restored = context.restored;
  const patCookie = await signIn(restored, USERS.pat);
  const documents = readSnapshot<{ id: string; case_id: string; sha256: string }>(snapshot, "SELECT id, case_id, sha256 FROM documents ORDER BY id");
  assert.ok(documents.length > 0);
  for (const d of documents) {
    const res = await fetch(`${restored.url}/api/documents/${d.id}/content`, { headers: { cookie: patCookie } });
    assert.is(res.status, 200, d.id);
    assert.is(sha256(Buffer.from(await res.arrayBuffer())), d.sha256, d.id);
  }
  const verification = await apiAs(restored, await signIn(restored, USERS.sam)).get("/api/audit/verification");
  assert.is(verification.status, 200);
  assert.is((verification.body as { intact: boolean }).intact, true);
});

test("a corrupted backup is refused before anything is touched, naming each damaged file", async ({ root, backupDir }) => {
  const corrupt = path.join(root, "backups", "corrupt");
  fs.cpSync(backupDir, corrupt, { recursive: true });
  const manifest = readManifest(corrupt);
  const blob = manifest.files.find((f) => f.path.startsWith("blobs/"));
  assert.ok(blob);
  const blobFile = path.join(corrupt, blob.path);
  const bytes = fs.readFileSync(blobFile);
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
  fs.writeFileSync(blobFile, bytes);
  fs.truncateSync(path.join(corrupt, "caseroom.sqlite"), 4096);

  const target = path.join(root, "occupied-by-corrupt");
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, "keep.txt"), "before");
  const result = await runCli("restore", [corrupt, "--force"], { DATA_DIR: target });
  assert.is(result.code, 1);
  assert.match(result.stderr, /does not match its manifest; nothing was restored/);
  assert.match(result.stderr, new RegExp(`${blob.path}: SHA-256 [0-9a-f]{64}, the manifest says ${blob.sha256}`));
  assert.match(result.stderr, /caseroom\.sqlite: 4096 bytes, the manifest says \d+/);
  assert.not.ok(hasStackTrace(result.stderr));
  assert.equal(fs.readdirSync(target), ["keep.txt"]);
  assert.is(fs.readFileSync(path.join(target, "keep.txt"), "utf8"), "before");
  assert.equal(
    fs.readdirSync(root).filter((name) => name.startsWith("occupied-by-corrupt")),
    ["occupied-by-corrupt"],
    "nothing written beside it",
  );
});

test("restore refuses a non-empty DATA_DIR without --force; with --force the old contents are moved aside", async ({ root, backupDir }) => {
  const target = path.join(root, "occupied");
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, "keep.txt"), "before");
  const refused = await runCli("restore", [backupDir], { DATA_DIR: target });
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /occupied is not empty; restore will not overwrite it.*--force/);
  assert.equal(fs.readdirSync(target), ["keep.txt"]);

  const forced = await runCli("restore", [backupDir, "--force"], { DATA_DIR: target });
  assert.is(forced.code, 0, forced.stderr);
  assert.ok(fs.existsSync(path.join(target, "caseroom.sqlite")));
  const aside = fs.readdirSync(root).find((name) => name.startsWith("occupied.before-restore-"));
  assert.ok(aside, "the previous contents are kept");
  assert.match(forced.stdout, new RegExp(`its previous contents are in .*${aside}`));
  assert.is(fs.readFileSync(path.join(root, aside, "keep.txt"), "utf8"), "before");
});

test("with DATABASE_URL set, backup refuses and points at pg_dump", async ({ root }) => {
  const dataDir = path.join(root, "unused");
  const result = await runCli("backup", [], { DATABASE_URL: "postgres://caseroom@127.0.0.1:1/caseroom", DATA_DIR: dataDir });
  assert.is(result.code, 1);
  assert.match(result.stderr, /DATABASE_URL is set.*pg_dump/);
  assert.not.ok(
    fs.readdirSync(path.join(root, "backups")).some((name) => name.startsWith("caseroom-")),
    "no backup folder",
  );
  assert.not.ok(fs.existsSync(dataDir));
});

test.run();
