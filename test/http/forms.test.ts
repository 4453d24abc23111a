import * as assert from "uvu/assert";
import { suite } from "uvu";
import * as Y from "yjs";
import { ptphStageDates } from "../../shared/domain/ptph-timetable.ts";
import { createPdfInspector } from "../../server/documents/pdf-inspector.ts";
import { openCollab } from "../helpers/collab-client.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

type Form = {
  id: string;
  type: string;
  status: "draft" | "agreed" | "finalised";
  contentSha256: string;
  parts: { key: string; docName: string; writableBy: string | null; canWrite: boolean; completeness: { answered: number; required: number } }[];
  requiredSignOffs: { party: string; signed: boolean; changedSinceSigned: boolean }[];
  finalisedDocumentId: string | null;
};
const USERS = { pat: "pat.cole@cps.example", dan: "dan.reyes@reyes-law.example", amy: "amy.hart@hart-defence.example", lee: "lee.adams@court.example", morgan: "hhj.morgan@judiciary.example", sam: "sam.ortiz@court.example" };

const test = suite<{ server: TestServer; c: Record<keyof typeof USERS, string> }>("case-management forms", {
  server: undefined as unknown as TestServer,
  c: {} as Record<keyof typeof USERS, string>,
});
test.before(async (context) => {
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });
  for (const [key, id] of Object.entries(USERS)) context.c[key as keyof typeof USERS] = await signIn(context.server, id);
});
test.after(async ({ server }) => {
  await server.close();
});

const fieldText = (doc: Y.Doc, id: string) => {
  const value = doc.getMap("fields").get(id);
  return value instanceof Y.Text ? value.toString() : value;
};

async function writeField(server: TestServer, cookie: string, docName: string, id: string, text: string) {
  const client = openCollab(server, cookie, docName);
  try {
    await client.synced();
    const before = client.saved();
    client.doc.transact(() => {
      const t = new Y.Text();
      t.insert(0, text);
      client.doc.getMap("fields").set(id, t);
    });
    await eventually(() => (client.saved() > before ? true : undefined));
  } finally {
    client.destroy();
  }
}

test("only the court creates a form, and only the form of its court", async ({ server, c }) => {
  assert.is((await apiAs(server, c.pat).post("/api/cases/case-0002/forms", { type: "PET" })).status, 403);
  assert.is((await apiAs(server, c.dan).post("/api/cases/case-0002/forms", { type: "PET" })).status, 403);
  const wrong = await apiAs(server, c.lee).post("/api/cases/case-0002/forms", { type: "PTPH" });
  assert.is(wrong.status, 400);
  assert.is((wrong.body as { error: { code: string } }).error.code, "form.wrong_court");
  assert.is((await apiAs(server, c.lee).post("/api/cases/case-0002/forms", { type: "XYZ" })).status, 400);
  assert.is((await apiAs(server, c.amy).get("/api/cases/case-0002/forms")).status, 404, "not Hart Defence's case");
});

test("a PET is created with one part per side and defendant, pre-filled from the case, each writable only by its party", async ({ server, c }) => {
  const created = await apiAs(server, c.lee).post("/api/cases/case-0002/forms", { type: "PET" });
  assert.is(created.status, 201);
  const form = created.body as Form;
  assert.equal(form.parts.map((p) => p.key), ["prosecution", "defence:def-0003", "court"]);
  assert.equal(form.parts.map((p) => p.writableBy), ["prosecution", "defence:reyes-law", "court"]);
  assert.is(form.parts[1]?.docName, `case/case-0002/form/${form.id}/defence/def-0003`);
  const danView = (await apiAs(server, c.dan).get("/api/cases/case-0002/forms")).body as { forms: Form[] };
  assert.equal(danView.forms[0]?.parts.map((p) => p.canWrite), [false, true, false]);

  const prosecution = openCollab(server, c.pat, form.parts[0]?.docName ?? "");
  const defence = openCollab(server, c.dan, form.parts[1]?.docName ?? "");
  try {
    await Promise.all([prosecution.synced(), defence.synced()]);
    assert.is(fieldText(prosecution.doc, "urn"), "97KB2207126");
    assert.match(String(fieldText(defence.doc, "defendantName")), /Whitlock/);
    assert.ok(String(fieldText(defence.doc, "offences")).length > 0, "offences pre-filled");
    assert.is(fieldText(defence.doc, "dateOfBirth"), "1993-10-05");
  } finally {
    prosecution.destroy();
    defence.destroy();
  }
});

test("the prosecution cannot write the defence part, nor the defence the court's, through a raw Yjs client", async ({ server, c }) => {
  const { forms } = (await apiAs(server, c.lee).get("/api/cases/case-0002/forms")).body as { forms: Form[] };
  const form = forms[0] as Form;
  const defenceDoc = form.parts[1]?.docName ?? "";
  const courtDoc = form.parts[2]?.docName ?? "";
  for (const [cookie, docName] of [
    [c.pat, defenceDoc],
    [c.dan, courtDoc],
  ] as const) {
    const intruder = openCollab(server, cookie, docName);
    try {
      await intruder.synced();
      assert.ok(intruder.isReadOnly());
      intruder.doc.getMap("fields").set("realIssues", "WRITTEN BY THE WRONG PARTY");
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      intruder.destroy();
    }
    const { updates } = await server.deps.store.collab.load(docName);
    const stored = new Y.Doc();
    for (const u of updates) Y.applyUpdate(stored, u.update);
    assert.not.ok(JSON.stringify(stored.getMap("fields").toJSON()).includes("WRONG PARTY"), docName);
  }
});

test("sign-offs: agreed when both parties sign the same content; an edit invalidates; finalised into a PDF with the answers", async ({ server, c }) => {
  const { forms } = (await apiAs(server, c.lee).get("/api/cases/case-0002/forms")).body as { forms: Form[] };
  const form = forms[0] as Form;
  await writeField(server, c.dan, form.parts[1]?.docName ?? "", "realIssues", "Identity: the defendant was not the man on the CCTV.");
  await writeField(server, c.pat, form.parts[0]?.docName ?? "", "prosecutionTimeEstimate", "Half a day");

  assert.is((await apiAs(server, c.amy).post(`/api/forms/${form.id}/sign-offs`)).status, 404);
  const afterPat = (await apiAs(server, c.pat).post(`/api/forms/${form.id}/sign-offs`)).body as Form;
  assert.is(afterPat.status, "draft");
  const afterDan = await apiAs(server, c.dan).post(`/api/forms/${form.id}/sign-offs`);
  assert.is(afterDan.status, 201);
  assert.is((afterDan.body as Form).status, "agreed");

  await writeField(server, c.pat, form.parts[0]?.docName ?? "", "prosecutionTimeEstimate", "One day");
  const changed = (await apiAs(server, c.lee).get(`/api/forms/${form.id}`)).body as Form;
  assert.is(changed.status, "draft", "an edit after sign-off ends the agreement");
  assert.ok(changed.requiredSignOffs.every((s) => s.changedSinceSigned && !s.signed));
  assert.is((await apiAs(server, c.lee).post(`/api/forms/${form.id}/finalisation`)).status, 409, "not agreed");

  const stale = await apiAs(server, c.pat).post(`/api/forms/${form.id}/sign-offs`, { contentSha256: afterPat.contentSha256 });
  assert.is(stale.status, 409, "signing what one saw before the edit is refused");
  assert.is((stale.body as { error: { code: string } }).error.code, "form.changed");
  await apiAs(server, c.pat).post(`/api/forms/${form.id}/sign-offs`, { contentSha256: changed.contentSha256 });
  await apiAs(server, c.dan).post(`/api/forms/${form.id}/sign-offs`);
  assert.is((await apiAs(server, c.pat).post(`/api/forms/${form.id}/finalisation`)).status, 403, "only the court finalises");
  const finalised = await apiAs(server, c.lee).post(`/api/forms/${form.id}/finalisation`);
  assert.is(finalised.status, 201);
  const final = finalised.body as Form;
  assert.is(final.status, "finalised");
  assert.ok(final.finalisedDocumentId);

  const pdf = await fetch(`${server.url}/api/forms/${form.id}/pdf`, { headers: { cookie: c.dan } });
  assert.is(pdf.status, 200);
  const inspector = createPdfInspector();
  try {
    const text = (await inspector.inspect(Buffer.from(await pdf.arrayBuffer()))).pageTexts.join(" ");
    assert.match(text, /not the man on the CCTV/);
    assert.match(text, /One day/);
    assert.not.match(text, /Half a day/, "the agreed content, not an earlier answer");
    assert.ok(text.includes(final.contentSha256), "the hash of the agreed content");
    assert.match(text, /Pat Cole/);
    assert.match(text, /Dan Reyes/);
  } finally {
    await inspector.close();
  }
  const filed = (await apiAs(server, c.dan).get("/api/cases/case-0002/documents")).body as { sections: { code: string; documents: { id: string }[] }[] };
  assert.ok(filed.sections.find((s) => s.code === "case-management")?.documents.some((d) => d.id === final.finalisedDocumentId), "filed in Case management");
  assert.is((await apiAs(server, c.dan).post(`/api/forms/${form.id}/sign-offs`)).status, 409, "no sign-off after finalisation");
  assert.ok(final.parts.every((p) => !p.canWrite), "nobody may write a finalised form");
  const late = openCollab(server, c.dan, form.parts[1]?.docName ?? "");
  try {
    await late.synced();
    assert.ok(late.isReadOnly(), "a finalised part is read-only over Yjs too");
  } finally {
    late.destroy();
  }
});

test("PTPH stage dates are pre-filled from the date of sending: custody 50 days, bail 70, then 28 and 14", async ({ server, c }) => {
  const created = await apiAs(server, c.morgan).post("/api/cases/case-0003/forms", { type: "PTPH" });
  assert.is(created.status, 201);
  const form = created.body as Form;
  const court = openCollab(server, c.morgan, form.parts.find((p) => p.key === "court")?.docName ?? "");
  try {
    await court.synced();
    assert.is(fieldText(court.doc, "stage1Date"), "2026-12-26", "custody: sending 6 Nov + 50 days");
    assert.is(fieldText(court.doc, "stage2Date"), "2027-01-23");
    assert.is(fieldText(court.doc, "stage3Date"), "2027-02-06");
    assert.is(fieldText(court.doc, "stage4Date"), "2027-02-20");
    // The judge overrides a date like any other answer.
    court.doc.getMap("fields").set("stage1Date", "2027-01-04");
    await eventually(() => (court.saved() >= 2 ? true : undefined));
  } finally {
    court.destroy();
  }
  const bail = ptphStageDates({ sentOn: "2026-10-16", inCustody: false, stage3After: 28, stage4After: 28 });
  assert.equal(bail, { stage1: "2026-12-25", stage2: "2027-01-22", stage3: "2027-02-19", stage4: "2027-03-19" });
});

test.run();
