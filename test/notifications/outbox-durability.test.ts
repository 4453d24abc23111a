import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { DATABASE_FILE } from "../../server/operations/embedded-store-layout.ts";
import { type Instance, startInstance, stopAll } from "../helpers/cluster.ts";
import { makePdf } from "../helpers/pdf-factory.ts";
import { signIn } from "../helpers/sign-in.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

const test = suite<{ smtp?: TestSmtp; instances: Instance[] }>("e-mail outbox: durable across a crash, and the embedded default", { instances: [] });
test.after(async ({ smtp, instances }) => {
  await stopAll(instances);
  await smtp?.stop();
});

const PAT = "pat.cole@cps.example";

async function serveAsPat(instance: Instance, title: string) {
  const cookie = await signIn(instance as unknown as TestServer, PAT);
  const form = new FormData();
  form.append("section", "exhibits");
  form.append("title", title);
  form.append("visibility", "all");
  form.append("file", new Blob([new Uint8Array(await makePdf({ text: title }))], { type: "application/pdf" }), "exhibit.pdf");
  const res = await fetch(`${instance.url}/api/cases/case-0002/documents`, { method: "POST", body: form, headers: { cookie, "x-requested-with": "caseroom", origin: instance.origin } });
  assert.is(res.status, 201);
  return ((await res.json()) as { id: string }).id;
}

/** The instance's outbox as its SQLite file holds it (read-only, beside the running process). */
function outbox(instance: Instance, documentId: string): { status: string; attempts: number; recipient: string }[] {
  const db = new Database(path.join(instance.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT status, attempts, recipient FROM email_outbox WHERE link LIKE ?").all(`%${documentId}`) as { status: string; attempts: number; recipient: string }[];
  } finally {
    db.close();
  }
}

test("kill -9 with e-mails queued (SMTP down): after a restart each is delivered, exactly once", async (context) => {
  const smtp = await startSmtp();
  context.smtp = smtp;
  await smtp.stop();
  const instance = await startInstance({ env: { SMTP_URL: smtp.url, NOTICE_RETRY_BASE_MS: "200", NOTICE_POLL_MS: "50" } });
  context.instances.push(instance);
  const documentId = await serveAsPat(instance, "Exhibit served before the crash");
  const queued = await eventually(() => {
    const rows = outbox(instance, documentId);
    return rows.length > 0 && rows.every((r) => r.status === "pending" && r.attempts >= 1) ? rows : undefined;
  }, 15_000);
  await instance.kill("SIGKILL");
  await smtp.start();
  await instance.restart();
  await eventually(() => (outbox(instance, documentId).every((r) => r.status === "sent") ? true : undefined), 20_000);
  const delivered = smtp.received.filter((m) => m.raw.replace(/=\r?\n/g, "").includes(documentId));
  assert.equal(delivered.flatMap((m) => m.to).sort(), queued.map((r) => r.recipient).sort(), "every queued e-mail, to its recipient");
  assert.equal(new Set(delivered.map((m) => m.messageId)).size, delivered.length, "none twice");
});

test("with the embedded default, serving a document puts the defence user's notice in the outbox folder, listed on the development page", async (context) => {
  const instance = await startInstance({ env: {} });
  context.instances.push(instance);
  const documentId = await serveAsPat(instance, "Exhibit for the outbox");
  const dir = path.join(instance.dataDir, "outbox");
  const files = await eventually(() => {
    const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
    const texts = found.map((f) => fs.readFileSync(path.join(dir, f), "utf8").replace(/=\r?\n/g, ""));
    return texts.some((t) => t.includes("To: dan.reyes@reyes-law.example") && t.includes(documentId)) ? texts : undefined;
  }, 10_000);
  const toDan = files.find((t) => t.includes("To: dan.reyes@reyes-law.example")) ?? "";
  assert.match(toDan, /Subject: New material served in 97KB2207126/);
  assert.not.ok(files.some((t) => t.includes("To: amy.hart@hart-defence.example")), "Hart Defence is not in this case");
  const listing = await (await fetch(`${instance.url}/dev/outbox`)).text();
  assert.match(listing, /dan\.reyes@reyes-law\.example/);
  const link = /href="(\/dev\/outbox\/[0-9a-f-]+\.eml)"/.exec(listing)?.[1] ?? "";
  const eml = await fetch(`${instance.url}${link}`);
  assert.is(eml.status, 200);
  assert.match(await eml.text(), /Subject: New material served in 97KB2207126/);
  assert.is((await fetch(`${instance.url}/dev/outbox/..%2Fcaseroom.sqlite`)).status, 404);
});

test("a send abandoned between claiming and marking (its sender died) is sent once its lease has passed, and only then", async () => {
  const smtp = await startSmtp();
  let now = new Date();
  const server = await startTestServer({ clock: () => now, env: { SMTP_URL: smtp.url, NOTICE_POLL_MS: "600000" } });
  try {
    const at = now.toISOString();
    await server.deps.store.outbox.enqueue([
      { id: "abandoned-1", idempotencyKey: "abandoned-key-1", userId: "dan.reyes@reyes-law.example", recipient: "dan.reyes@reyes-law.example", kind: "material-served", caseId: null, subject: "Abandoned", link: `${server.url}/cases`, textBody: "text", htmlBody: "<p>html</p>", status: "pending", attempts: 0, nextAttemptAt: at, createdAt: at, sentAt: null, lastError: null },
    ]);
    // Another sender claims it and dies before sending or marking it.
    assert.ok(await server.deps.store.outbox.claim("abandoned-1", at, new Date(now.getTime() - 60_000).toISOString()));
    now = new Date(now.getTime() + 10 * 60_000);
    await server.running.notices.flush();
    assert.is(smtp.received.length, 0, "within the lease, the claim holds: no second sender");
    now = new Date(now.getTime() + 6 * 60_000);
    await server.running.notices.flush();
    assert.equal(smtp.received.map((m) => m.subject), ["Abandoned"]);
    await server.running.notices.flush();
    assert.is(smtp.received.length, 1, "and once");
  } finally {
    await server.close();
    await smtp.stop();
  }
});

test.run();
