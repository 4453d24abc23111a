import * as assert from "uvu/assert";
import { suite } from "uvu";
import { addBusinessDays, addCalendarDays, londonDateTime } from "../../shared/domain/calendar.ts";
import { cy } from "../../shared/i18n/messages.cy.ts";
import * as Y from "yjs";
import { openCollab } from "../helpers/collab-client.ts";
import { makePdf } from "../helpers/pdf-factory.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { type ReceivedMail, startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

const USERS = {
  pat: "pat.cole@cps.example",
  dan: "dan.reyes@reyes-law.example",
  amy: "amy.hart@hart-defence.example",
  lee: "lee.adams@court.example",
  morgan: "hhj.morgan@judiciary.example",
  sam: "sam.ortiz@court.example",
};
type Who = keyof typeof USERS;

const test = suite<{ smtp: TestSmtp; server: TestServer; c: Record<Who, string> }>("e-mail notices through a real SMTP server", {
  smtp: undefined as unknown as TestSmtp,
  server: undefined as unknown as TestServer,
  c: {} as Record<Who, string>,
});

test.before(async (context) => {
  context.smtp = await startSmtp();
  context.server = await startTestServer({
    env: { SMTP_URL: context.smtp.url, NOTICE_RETRY_BASE_MS: "100", NOTICE_POLL_MS: "50", SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" },
  });
  for (const [who, id] of Object.entries(USERS)) context.c[who as Who] = await signIn(context.server, id);
});
test.after(async ({ server, smtp }) => {
  await server?.close();
  await smtp?.stop();
});

/** The e-mail as a person reads it: quoted-printable soft line breaks and escapes undone. */
const readable = (mail: ReceivedMail) =>
  mail.raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
const mailsAbout = (smtp: TestSmtp, fragment: string) => smtp.received.filter((m) => readable(m).includes(fragment));
const recipients = (mails: ReceivedMail[]) => mails.flatMap((m) => m.to).sort();

async function serve(server: TestServer, cookie: string, caseId: string, fields: Record<string, string>, text: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array(await makePdf({ pages: 1, text }))], { type: "application/pdf" }), "material.pdf");
  const res = await fetch(`${server.url}/api/cases/${caseId}/documents`, { method: "POST", body: form, headers: { cookie, "x-requested-with": "caseroom", origin: server.origin } });
  assert.is(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string };
}

/** Every queued e-mail has gone (sent or held), and nothing more arrives on one more pass. */
async function settled(server: TestServer) {
  await eventually(async () => ((await server.deps.store.outbox.list({ limit: 500 })).every((m) => m.status === "sent" || m.status === "held") ? true : undefined), 10_000);
  await server.running.notices.flush();
}

/** Dan writes a canary into his firm's team notes and an annotation shared with everyone. */
async function writeCanaries(server: TestServer, cookie: string, canary: string) {
  for (const docName of ["case/case-0001/notes/team/defence:reyes-law", "case/case-0001/notes/shared/defence:reyes-law"]) {
    const client = openCollab(server, cookie, docName);
    await client.synced();
    const before = client.saved();
    client.doc.transact(() => {
      client.doc.getText("text").insert(0, `${canary} ${docName}`);
      const annotation = new Y.Map<unknown>();
      annotation.set("documentId", "doc-0001");
      annotation.set("page", 1);
      annotation.set("kind", "note");
      annotation.set("text", `${canary} annotation`);
      annotation.set("quads", [[50, 700, 300, 720]]);
      client.doc.getMap("annotations").set(`a-${docName}`, annotation);
    });
    await eventually(() => (client.saved() > before ? true : undefined));
    client.destroy();
  }
}

test("material restricted to one defendant is e-mailed to that firm and the court, never to the other firm, and without its text", async ({ smtp, server, c }) => {
  await writeCanaries(server, c.dan, "CANARY-NOTE-5519");
  const doc = await serve(server, c.pat, "case-0001", { section: "previous-convictions", title: "Antecedents CANARY-TITLE-2209", visibility: "def-0001" }, "CANARY-TEXT-7731 previous convictions");
  await eventually(() => (mailsAbout(smtp, doc.id).length >= 3 ? true : undefined), 10_000);
  await settled(server);
  const mails = mailsAbout(smtp, doc.id);
  // Reyes Law represents def-0001; the Crown Court judge and court staff sit at its court. Hart
  // Defence (def-0002), the server of it and a legal adviser of other courts hear nothing.
  assert.equal(recipients(mails), [USERS.dan, USERS.morgan, USERS.sam].sort());
  for (const mail of mails) {
    const text = readable(mail);
    assert.match(mail.subject, /New material served in 97CB0418326/);
    assert.not.ok(text.includes("CANARY-TEXT-7731"), "no document text");
    assert.not.ok(text.includes("CANARY-TITLE-2209"), "not even its title");
    assert.not.ok(text.includes("CANARY-NOTE-5519"), "no note or annotation");
    assert.ok(text.includes(`/cases/case-0001/documents/${doc.id}`), "a link to the document");
    assert.match(text, /Court: Castlebury Crown Court/);
  }
});

test("a direction reaches the party that must comply, in the language they chose, and not the court that gave it", async ({ smtp, server, c }) => {
  await fetch(`${server.url}/language/cy?returnTo=/`, { headers: { cookie: c.dan }, redirect: "manual" });
  const issued = await apiAs(server, c.lee).post("/api/cases/case-0002/directions", { directions: [{ templateId: "mc-defence-statement", responsibleParty: "defence", dueOn: "2027-02-05" }] });
  assert.is(issued.status, 201, issued.text);
  const id = (issued.body as { directions: { id: string }[] }).directions[0]?.id ?? "";
  const subject = cy.email.subjects.directionIssued.replace("{{urn}}", "97KB2207126");
  await eventually(() => (smtp.received.some((m) => m.to.includes(USERS.dan) && readable(m).includes(subject)) ? true : undefined), 10_000);
  await settled(server);
  const mails = smtp.received.filter((m) => readable(m).includes("/cases/case-0002/directions") && readable(m).includes("5 Chwefror 2027"));
  assert.equal(recipients(mails), [USERS.dan], "only Reyes Law must comply; the court gave it");
  assert.ok(id);
});

test("SMTP down for a while: the e-mails wait, then each is delivered exactly once", async ({ smtp, server, c }) => {
  await smtp.stop();
  const doc = await serve(server, c.pat, "case-0002", { section: "exhibits", title: "Exhibit list", visibility: "all" }, "exhibits");
  // Several failed attempts, each waiting longer: the messages are still queued.
  await eventually(async () => {
    const queued = (await server.deps.store.outbox.list({ limit: 500 })).filter((m) => m.link.includes(doc.id));
    return queued.length > 0 && queued.every((m) => m.status === "pending" && m.attempts >= 2) ? queued : undefined;
  }, 10_000);
  assert.is(mailsAbout(smtp, doc.id).length, 0);
  await smtp.start();
  await eventually(async () => ((await server.deps.store.outbox.list({ limit: 500 })).filter((m) => m.link.includes(doc.id)).every((m) => m.status === "sent") ? true : undefined), 15_000);
  await settled(server);
  const mails = mailsAbout(smtp, doc.id);
  const ids = mails.map((m) => m.messageId);
  assert.equal(new Set(ids).size, ids.length, "no message twice");
  assert.equal(recipients(mails), [USERS.dan, USERS.lee, USERS.sam].sort());
});

test("preferences: a kind held for the digest arrives once a day in one e-mail; a kind turned off not at all", async ({ smtp, server, c }) => {
  const bad = await apiAs(server, c.amy).put("/api/me/notification-preferences", { preferences: { "material-served": "sometimes" } });
  assert.is(bad.status, 400);
  const set = await apiAs(server, c.amy).put("/api/me/notification-preferences", { preferences: { "material-served": "digest", "direction-issued": "off" } });
  assert.is(set.status, 200, set.text);
  assert.equal((set.body as { preferences: Record<string, string> }).preferences, {
    "material-served": "digest",
    "direction-issued": "off",
    "direction-due": "immediately",
    "form-sign-off": "immediately",
    access: "immediately",
  });
  const first = await serve(server, c.pat, "case-0001", { section: "exhibits", title: "Plan", visibility: "all" }, "plan");
  const second = await serve(server, c.pat, "case-0001", { section: "exhibits", title: "Photos", visibility: "all" }, "photos");
  await apiAs(server, c.morgan).post("/api/cases/case-0001/directions", { directions: [{ text: "The defence must serve a skeleton argument.", responsibleParty: "defence", dueOn: "2027-01-15" }] });
  await eventually(() => (mailsAbout(smtp, second.id).some((m) => m.to.includes(USERS.dan)) ? true : undefined), 10_000);
  await settled(server);
  const toAmy = () => smtp.received.filter((m) => m.to.includes(USERS.amy));
  assert.is(toAmy().length, 0, "held, and the direction not at all");

  await server.running.notices.daily();
  await settled(server);
  assert.is(toAmy().length, 1, "one digest");
  const digest = readable(toAmy()[0] as ReceivedMail);
  assert.match(digest, /There are 2 updates in your cases/);
  assert.ok(digest.includes(first.id) && digest.includes(second.id), "each update linked");
  assert.not.match(digest, /skeleton argument/);
  assert.match(digest, /To stop e-mails like this one: http:\/\/[^\s]+\/account\/notifications/, "a digest mixes kinds: it links to the settings page");
  await server.running.notices.daily();
  await settled(server);
  assert.is(toAmy().length, 1, "a second run sends no second digest");
});

test("the unsubscribe link works without signing in, asks before it acts, and only with its own token", async ({ smtp, server, c }) => {
  const doc = await serve(server, c.pat, "case-0002", { section: "case-summary", title: "Summary", visibility: "all" }, "summary");
  await eventually(() => (mailsAbout(smtp, doc.id).some((m) => m.to.includes(USERS.lee)) ? true : undefined), 10_000);
  const mail = mailsAbout(smtp, doc.id).find((m) => m.to.includes(USERS.lee)) as ReceivedMail;
  const link = /(http:\/\/[^\s"<>]+\/notifications\/unsubscribe\?[^\s"<>]+)/.exec(readable(mail))?.[1]?.replace(/&amp;/g, "&") ?? "";
  const url = new URL(link);
  const asked = await fetch(`${server.url}${url.pathname}${url.search}`);
  assert.is(asked.status, 200);
  assert.match(await asked.text(), /Stop e-mails about new material served\?/);
  assert.equal((await server.deps.store.noticePreferences.get(USERS.lee))["material-served"], undefined, "a GET changes nothing");

  const post = (token: string) =>
    fetch(`${server.url}/notifications/unsubscribe`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ user: USERS.lee, kind: "material-served", token }),
    });
  const forged = await post(`${url.searchParams.get("token")?.slice(0, -2)}xx`);
  assert.is(forged.status, 400);
  assert.is(((await forged.json()) as { error: { code: string } }).error.code, "notice.unsubscribe_invalid");
  const forgedInBrowser = await fetch(`${server.url}${url.pathname}?user=${encodeURIComponent(USERS.lee)}&kind=material-served&token=forged`, { headers: { accept: "text/html" } });
  assert.is(forgedInBrowser.status, 400);
  assert.match(await forgedInBrowser.text(), /data-error-code="notice.unsubscribe_invalid"/);
  const otherUser = await fetch(`${server.url}/notifications/unsubscribe`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user: USERS.sam, kind: "material-served", token: url.searchParams.get("token") ?? "" }),
  });
  assert.is(otherUser.status, 400, "Lee's token does not unsubscribe Sam");
  assert.equal(await server.deps.store.noticePreferences.get(USERS.sam), {});
  const done = await post(url.searchParams.get("token") ?? "");
  assert.is(done.status, 200);
  assert.match(await done.text(), /You will not get e-mails about new material served/);
  assert.equal(await server.deps.store.noticePreferences.get(USERS.lee), { "material-served": "off" });

  const after = await serve(server, c.pat, "case-0002", { section: "case-summary", title: "Summary 2", visibility: "all" }, "summary two");
  await eventually(() => (mailsAbout(smtp, after.id).some((m) => m.to.includes(USERS.dan)) ? true : undefined), 10_000);
  await settled(server);
  assert.not.ok(mailsAbout(smtp, after.id).some((m) => m.to.includes(USERS.lee)), "Lee unsubscribed");
});

test("a form signed off by one party tells the parties still to sign it, once for each version of its content", async ({ smtp, server, c }) => {
  const created = await apiAs(server, c.lee).post("/api/cases/case-0002/forms", { type: "PET" });
  assert.is(created.status, 201, created.text);
  const formId = (created.body as { id: string }).id;
  assert.is((await apiAs(server, c.pat).post(`/api/forms/${formId}/sign-offs`)).status, 201);
  await eventually(() => (mailsAbout(smtp, `/forms/${formId}`).length > 0 ? true : undefined), 10_000);
  await settled(server);
  assert.equal(recipients(mailsAbout(smtp, `/forms/${formId}`)), [USERS.dan], "Reyes Law's sign-off is awaited; the signer hears nothing");
  assert.is((await apiAs(server, c.pat).post(`/api/forms/${formId}/sign-offs`)).status, 201, "signing the same content again");
  assert.is((await apiAs(server, c.dan).post(`/api/forms/${formId}/sign-offs`)).status, 201);
  await settled(server);
  assert.is(mailsAbout(smtp, `/forms/${formId}`).length, 1, "no second e-mail for the same content, none once agreed");
});

test("a firm hears when the court ends its access to a case", async ({ smtp, server, c }) => {
  const associated = await apiAs(server, c.dan).post("/api/associations", { urn: "97KB1234526", surname: "Quill", dateOfBirth: "1990-02-14" });
  assert.is(associated.status, 201, associated.text);
  const { id } = associated.body as { id: string };
  assert.is((await apiAs(server, c.lee).delete(`/api/associations/${id}`)).status, 204);
  const subject = cy.email.subjects.accessEnded.replace("{{urn}}", "97KB1234526");
  await eventually(() => (smtp.received.some((m) => m.to.includes(USERS.dan) && readable(m).includes(subject)) ? true : undefined), 10_000);
  await settled(server);
  assert.equal(recipients(smtp.received.filter((m) => readable(m).includes(subject))), [USERS.dan]);
});

test("reminders: a direction due in two business days and one overdue are each e-mailed once, to the party that must comply", async ({ smtp, server, c }) => {
  const today = londonDateTime(new Date()).date;
  const soon = addBusinessDays(today, 2);
  const issued = await apiAs(server, c.lee).post("/api/cases/case-0002/directions", {
    directions: [
      { text: "The defence must serve its witness list.", responsibleParty: "defence", dueOn: soon },
      { text: "The prosecution must serve the CCTV.", responsibleParty: "prosecution", dueOn: addCalendarDays(today, -1) },
    ],
  });
  assert.is(issued.status, 201, issued.text);
  await settled(server);
  const before = smtp.received.length;
  await server.running.notices.daily();
  await settled(server);
  const reminders = smtp.received.slice(before);
  const dueSoon = reminders.filter((m) => m.to.includes(USERS.dan) && readable(m).includes(cy.email.subjects.directionDueSoon.split("{{dueOn}}")[0] ?? "-"));
  const overdue = reminders.filter((m) => m.to.includes(USERS.pat) && m.subject.includes("Direction overdue in 97KB2207126"));
  assert.is(dueSoon.length, 1, "due soon, to Reyes Law (in Welsh, as Dan chose)");
  assert.is(overdue.length, 1, "overdue, to the prosecution");
  assert.not.ok(reminders.some((m) => m.to.includes(USERS.lee)), "not to the court that gave them");
  await server.running.notices.daily();
  await settled(server);
  assert.is(smtp.received.length, before + reminders.length, "each reminder once");
});

test("no e-mail sent in this suite, to anyone, carried a note, an annotation or document text", async ({ smtp, server }) => {
  await settled(server);
  assert.ok(smtp.received.length > 10);
  const leaked = smtp.received.filter((m) => /CANARY-(NOTE|TEXT|TITLE)/.test(readable(m)));
  assert.equal(leaked.map((m) => `${m.to.join(",")}: ${m.subject}`), []);
  const stored = await server.deps.store.outbox.list({ limit: 1000 });
  assert.not.ok(stored.some((m) => /CANARY-/.test(`${m.subject}${m.textBody}${m.htmlBody}`)));
});

test.run();
