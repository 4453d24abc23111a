import * as assert from "uvu/assert";
import { suite } from "uvu";
import * as Y from "yjs";
import { createPdfInspector } from "../../server/documents/pdf-inspector.ts";
import { cy } from "../../shared/i18n/messages.cy.ts";
import { en } from "../../shared/i18n/messages.en.ts";
import { openCollab } from "../helpers/collab-client.ts";
import { apiAs, cookieHeader, signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

const USERS = { pat: "pat.cole@cps.example", dan: "dan.reyes@reyes-law.example", lee: "lee.adams@court.example", amy: "amy.hart@hart-defence.example" };
type Who = keyof typeof USERS;

const test = suite<{ server: TestServer; c: Record<Who, string> }>("Welsh and English: the language of pages, errors, files and feeds", {
  server: undefined as unknown as TestServer,
  c: {} as Record<Who, string>,
});
test.before(async (context) => {
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });
  for (const [key, id] of Object.entries(USERS)) context.c[key as Who] = await signIn(context.server, id);
});
test.after(async ({ server }) => {
  await server.close();
});

const errorMessage = async (response: Response) => ((await response.json()) as { error: { message: string } }).error.message;

test("errors follow Accept-Language, and a chosen language (its cookie) wins over it", async ({ server }) => {
  const get = (headers: Record<string, string>) => fetch(`${server.url}/api/cases`, { headers });
  assert.is(await errorMessage(await get({ "accept-language": "cy-GB,cy;q=0.9,en;q=0.8" })), cy.errors["auth.required"]);
  assert.is(await errorMessage(await get({ "accept-language": "en-GB,en;q=0.9,cy;q=0.8" })), en.errors["auth.required"]);
  assert.is(await errorMessage(await get({ "accept-language": "fr-FR, de;q=0.5" })), en.errors["auth.required"], "English when neither is asked for");
  assert.is(await errorMessage(await get({ "accept-language": "cy", cookie: "caseroom_lang=en" })), en.errors["auth.required"]);
  assert.is(await errorMessage(await get({ "accept-language": "en", cookie: "caseroom_lang=cy" })), cy.errors["auth.required"]);
  assert.is(await errorMessage(await get({ cookie: "caseroom_lang=xx" })), en.errors["auth.required"], "an unknown choice is ignored");
});

test("the language switch remembers the choice and goes back to the page, never to another site", async ({ server }) => {
  const toWelsh = await fetch(`${server.url}/language/cy?returnTo=${encodeURIComponent("/cases?urn=52KB")}`, { redirect: "manual" });
  assert.is(toWelsh.status, 303);
  assert.is(toWelsh.headers.get("location"), "/cases?urn=52KB");
  assert.match(toWelsh.headers.getSetCookie().join("\n"), /^caseroom_lang=cy; .*samesite=lax/im);
  for (const returnTo of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
    const away = await fetch(`${server.url}/language/en?returnTo=${encodeURIComponent(returnTo)}`, { redirect: "manual" });
    assert.is(away.headers.get("location"), "/", returnTo);
  }
  const unknown = await fetch(`${server.url}/language/fr?returnTo=/cases`, { redirect: "manual" });
  assert.is(unknown.status, 303);
  assert.equal(unknown.headers.getSetCookie(), [], "no cookie for a language Caseroom does not have");
});

test("a signed-in user's choice is kept on their record and comes back at their next sign-in", async ({ server, c }) => {
  const switched = await fetch(`${server.url}/language/cy?returnTo=/cases`, { headers: { cookie: c.amy }, redirect: "manual" });
  assert.is(switched.status, 303);
  assert.is(await server.deps.store.users.language(USERS.amy), "cy");
  // A link from another site changes the browser's language, not the one kept for Amy's e-mails.
  const fromElsewhere = await fetch(`${server.url}/language/en?returnTo=/cases`, { headers: { cookie: c.amy, "sec-fetch-site": "cross-site" }, redirect: "manual" });
  assert.match(fromElsewhere.headers.getSetCookie().join("\n"), /caseroom_lang=en/);
  assert.is(await server.deps.store.users.language(USERS.amy), "cy");
  // A new browser (no language cookie) signs in: the ACS restores Welsh.
  const fresh = await signIn(server, USERS.amy);
  assert.match(fresh, /caseroom_lang=cy/);
  assert.is(await errorMessage(await fetch(`${server.url}/api/cases/nope`, { headers: { cookie: fresh } })), cy.errors["case.not_found"]);
  // Someone who never chose gets no cookie, and so their browser's language.
  assert.not.match(await signIn(server, USERS.pat), /caseroom_lang/);
});

test("the development IdP page is in the browser's language, with lang set", async ({ server }) => {
  const login = await fetch(`${server.url}/auth/saml/login?returnTo=/cases`, { redirect: "manual" });
  const page = await fetch(login.headers.get("location") ?? "", { headers: { "accept-language": "cy" } });
  const text = await page.text();
  assert.match(text, /<html lang="cy"/);
  assert.ok(text.includes(cy.idp.title), "the Welsh title");
  assert.not.ok(text.includes(en.idp.intro), "no English intro");
  const english = await (await fetch(login.headers.get("location") ?? "", { headers: { cookie: cookieHeader(login) } })).text();
  assert.match(english, /<html lang="en"/);
});

test("a personal calendar feed is in the language its owner chose", async ({ server, c }) => {
  await fetch(`${server.url}/language/cy?returnTo=/`, { headers: { cookie: c.dan }, redirect: "manual" });
  const issued = await apiAs(server, c.lee).post("/api/cases/case-0002/directions", { directions: [{ templateId: "mc-defence-statement", responsibleParty: "defence", dueOn: "2027-01-08" }] });
  assert.is(issued.status, 201, issued.text);
  const { url } = (await apiAs(server, c.dan).post("/api/me/calendar-feed")).body as { url: string };
  // Long iCalendar lines are folded (RFC 5545 §3.1): unfold them to read the text.
  const feed = (await (await fetch(url.replace(/^https?:\/\/[^/]+/, server.url))).text()).replace(/\r?\n[ \t]/g, "");
  assert.match(feed, new RegExp(`X-WR-CALNAME:${cy.directions.calendarName}`));
  assert.match(feed, /8 Ionawr 2027/, "the due date in Welsh within the direction's words");
  assert.not.match(feed, /must be served by/, "the standard direction in Welsh, not as stored");
});

test("an import's problems are in the reader's language, each with its stable code", async ({ server, c }) => {
  const file = { cases: [{ urn: "52KB0077726", jurisdiction: "magistrates", courtCode: "KBMC01", defendants: [] }] };
  const post = (cookie: string) =>
    fetch(`${server.url}/api/imports?dryRun=true`, {
      method: "POST",
      headers: { cookie, origin: server.origin, "x-requested-with": "caseroom", "content-type": "application/json" },
      body: JSON.stringify(file),
    });
  type Problems = { error: { problems: { field: string; code: string; message: string }[] } };
  const welsh = ((await (await post(`${c.pat}; caseroom_lang=cy`)).json()) as Problems).error.problems;
  const english = ((await (await post(c.pat)).json()) as Problems).error.problems;
  assert.equal(welsh.map((p) => [p.field, p.code, p.message]), [["defendants", "problems:caseNeedsDefendant", cy.problems.caseNeedsDefendant]]);
  assert.equal(english.map((p) => p.message), [en.problems.caseNeedsDefendant]);
});

async function writeField(server: TestServer, cookie: string, docName: string, id: string, text: string) {
  const client = openCollab(server, cookie, docName);
  try {
    await client.synced();
    const before = client.saved();
    client.doc.transact(() => client.doc.getMap("fields").set(id, new Y.Text(text)));
    await eventually(() => (client.saved() > before ? true : undefined));
  } finally {
    client.destroy();
  }
}

test("a PET answered in English and finalised by a Welsh reader has Welsh labels and the answers as written", async ({ server, c }) => {
  type Form = { id: string; parts: { docName: string }[] };
  const created = await apiAs(server, c.lee).post("/api/cases/case-0002/forms", { type: "PET" });
  assert.is(created.status, 201, created.text);
  const form = created.body as Form;
  await writeField(server, c.dan, form.parts[1]?.docName ?? "", "realIssues", "Identity: the defendant was not the man on the CCTV.");
  await writeField(server, c.pat, form.parts[0]?.docName ?? "", "prosecutionTimeEstimate", "Half a day");
  assert.is((await apiAs(server, c.pat).post(`/api/forms/${form.id}/sign-offs`)).status, 201);
  assert.is((await apiAs(server, c.dan).post(`/api/forms/${form.id}/sign-offs`)).status, 201);
  const welshLee = `${c.lee}; caseroom_lang=cy`;
  const finalised = await apiAs(server, welshLee).post(`/api/forms/${form.id}/finalisation`);
  assert.is(finalised.status, 201, finalised.text);

  const pdf = await fetch(`${server.url}/api/forms/${form.id}/pdf`, { headers: { cookie: c.dan } });
  assert.is(pdf.status, 200);
  const inspector = createPdfInspector();
  try {
    const text = (await inspector.inspect(Buffer.from(await pdf.arrayBuffer()))).pageTexts.join(" ").replace(/\s+/g, " ");
    assert.ok(text.includes(cy.forms.pet.title), "the Welsh title");
    assert.ok(text.includes(cy.forms.pet.defence.realIssues.label), "a Welsh label");
    assert.not.ok(text.includes(en.forms.pet.defence.realIssues.label), "not the English label");
    assert.ok(text.includes("the defendant was not the man on the CCTV"), "the answer as written");
    assert.ok(text.includes(cy.forms.common.signOffs), "the Welsh sign-off heading");
  } finally {
    await inspector.close();
  }
});

test.run();
