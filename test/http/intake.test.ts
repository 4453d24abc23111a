import * as assert from "uvu/assert";
import { suite } from "uvu";
import { addCalendarDays, londonDateTime } from "../../shared/domain/calendar.ts";
import { ptphStageDates } from "../../shared/domain/ptph-timetable.ts";
import { translator } from "../../shared/i18n/i18n.ts";
import { issueProblem, problemText } from "../../shared/i18n/problem-text.ts";
import { createCaseRequest, defendantPatch, offencePatch } from "../../shared/schemas/intake.schema.ts";
import { openCollab } from "../helpers/collab-client.ts";
import { openSocket } from "../helpers/socket-client.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

const USERS = {
  sam: "sam.ortiz@court.example",
  pat: "pat.cole@cps.example",
  dan: "dan.reyes@reyes-law.example",
  amy: "amy.hart@hart-defence.example",
  lee: "lee.adams@court.example",
  morgan: "hhj.morgan@judiciary.example",
};
type Who = keyof typeof USERS;

type Offence = { id: string; code: string; version: number; indicatedPlea: string };
type Defendant = {
  id: string;
  kind: "person" | "organisation";
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  custody: string | null;
  custodyTimeLimit: string | null;
  interpreterLanguage: string | null;
  version: number;
  offences: Offence[];
};
type Hearing = { id: string; courtCode: string; date: string; version: number; judiciary: string[] };
type CaseView = {
  id: string;
  urn: string;
  jurisdiction: string;
  courtCode: string;
  status: string;
  sentOn: string | null;
  version: number;
  prosecutingOrganisationId: string;
  defendants: Defendant[];
  hearings: Hearing[];
  ptphStageDates?: { stage1: string; stage2: string; stage3: string; stage4: string };
};
type ErrorBody = { error: { code: string; message: string } };

const today = londonDateTime(new Date()).date;

/** A valid intake body: one defendant in custody with two offences, one first hearing. */
function intakeBody(urn: string, overrides: Record<string, unknown> = {}) {
  return {
    urn,
    jurisdiction: "magistrates",
    courtCode: "KBMC01",
    defendants: [
      {
        firstName: "Tamsin",
        lastName: "Vellacott",
        dateOfBirth: "1994-07-19",
        custody: "custody",
        offences: [
          { code: "TH68010", title: "Theft from a shop", wording: "On 3 November 2026 at Kingsbridge stole food.", legislation: "Theft Act 1968, s.1", startDate: "2026-11-03", modeOfTrial: "either-way" },
          { code: "cd71039", title: "Criminal damage", wording: "Damaged a door.", legislation: "Criminal Damage Act 1971, s.1(1)", startDate: "2026-11-03", modeOfTrial: "either-way" },
        ],
      },
    ],
    hearings: [{ date: addCalendarDays(today, 14), startTime: "10:00", type: "first-hearing", courtroom: "2", estimatedMinutes: 30 }],
    ...overrides,
  };
}

const test = suite<{ server: TestServer; cookies: Record<Who, string> }>("case intake: create, edit, list, send", {
  server: undefined as unknown as TestServer,
  cookies: {} as Record<Who, string>,
});

test.before(async (context) => {
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });
  for (const [key, id] of Object.entries(USERS)) context.cookies[key as Who] = await signIn(context.server, id);
});
test.after(async ({ server }) => {
  await server.close();
});

/** A request with any method and headers (apiAs has no PATCH nor If-Match). */
async function call(server: TestServer, cookie: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(cookie === null ? {} : { cookie }),
      origin: server.origin,
      "x-requested-with": "caseroom",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get("etag"), body: (text ? JSON.parse(text) : undefined) as unknown };
}
const code = (body: unknown) => (body as ErrorBody).error?.code;

async function createCase(context: { server: TestServer; cookies: Record<Who, string> }, who: Who, urn: string, overrides: Record<string, unknown> = {}) {
  const response = await call(context.server, context.cookies[who], "POST", "/api/cases", intakeBody(urn, overrides));
  assert.is(response.status, 201, JSON.stringify(response.body));
  return { ...response, view: response.body as CaseView };
}

const english = translator("en");

test("the schemas refuse a bad URN, a missing surname, a future date of birth and an unknown offence code format", () => {
  const schema = createCaseRequest("2026-11-27");
  const issues = (body: unknown) => {
    const result = schema.safeParse(body);
    // Messages are catalogue keys, put into words for the reader (here in English, then Welsh).
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${problemText(english, i.message)}`);
  };
  assert.equal(issues(intakeBody(" 52kb 0000126 ")), [], "spaces and case are normalised");
  assert.is(schema.parse(intakeBody(" 52kb 0000126 ")).urn, "52KB0000126");
  assert.equal(issues(intakeBody("52KB00001")), ["urn: URN must be 11 letters and numbers"]);
  const defendant = intakeBody("52KB0000126").defendants[0] as Record<string, unknown>;
  const { lastName: _, ...noSurname } = defendant;
  assert.equal(issues(intakeBody("52KB0000126", { defendants: [noSurname] })).length, 1);
  assert.equal(issues(intakeBody("52KB0000126", { defendants: [{ ...defendant, lastName: "  " }] })), ["defendants.0.lastName: surname is required"]);
  assert.equal(issues(intakeBody("52KB0000126", { defendants: [{ ...defendant, dateOfBirth: "2026-11-28" }] })), [
    "defendants.0.dateOfBirth: date of birth cannot be in the future",
  ]);
  assert.equal(issues(intakeBody("52KB0000126", { defendants: [{ ...defendant, dateOfBirth: "1990-02-30" }] })), ["defendants.0.dateOfBirth: not a real date"]);
  const offence = (defendant.offences as Record<string, unknown>[])[0] ?? {};
  for (const bad of ["TH6801", "T168010", "TH68010AB", "theft"]) {
    assert.equal(issues(intakeBody("52KB0000126", { defendants: [{ ...defendant, offences: [{ ...offence, code: bad }] }] })), [
      "defendants.0.offences.0.code: offence code must be a CJS code such as TH68010",
    ], bad);
  }
  const welsh = schema.safeParse(intakeBody("52KB0000126", { defendants: [{ ...defendant, lastName: "  " }] }));
  assert.equal(welsh.success ? [] : welsh.error.issues.map((i) => problemText(translator("cy"), i.message)), ["Mae angen y cyfenw"]);
  assert.ok(issues(intakeBody("52KB0000126", { sentOn: "2026-11-01" })).length > 0, "a magistrates' case has no date of sending");
  assert.ok(issues(intakeBody("52KB0000126", { extra: 1 })).length > 0, "unknown fields are refused");
  assert.not.ok(defendantPatch("2026-11-27").safeParse({}).success, "a patch must change something");
  assert.not.ok(defendantPatch("2026-11-27").safeParse({ dateOfBirth: "2027-01-01" }).success);
  assert.not.ok(offencePatch.safeParse({ startDate: "2026-11-03", endDate: "2026-11-02" }).success);
});

test("malformed intake answers 400 request.invalid and creates nothing", async ({ server, cookies }) => {
  const before = await server.deps.store.cases.count();
  for (const body of [
    intakeBody("52KB00001"),
    intakeBody("52KB0000226", { defendants: [{ ...intakeBody("x").defendants[0], dateOfBirth: "2099-01-01" }] }),
    intakeBody("52KB0000226", { defendants: [] }),
  ]) {
    const response = await call(server, cookies.sam, "POST", "/api/cases", body);
    assert.is(response.status, 400);
    assert.is(code(response.body), "request.invalid");
  }
  assert.is(await server.deps.store.cases.count(), before);
});

test("court staff create a case at their court: 201 with the whole case at version 1, audited", async (context) => {
  const { view, etag } = await createCase(context, "sam", "52kb 0000326", { prosecutingOrganisationId: "cps-wessex" });
  assert.is(etag, '"1"');
  assert.equal([view.urn, view.jurisdiction, view.courtCode, view.status, view.version, view.prosecutingOrganisationId], ["52KB0000326", "magistrates", "KBMC01", "active", 1, "cps-wessex"]);
  assert.equal(view.defendants.map((d) => d.lastName), ["Vellacott"]);
  assert.equal(view.defendants[0]?.offences.map((o) => [o.code, o.indicatedPlea]), [["TH68010", "no-indication"], ["CD71039", "no-indication"]]);
  assert.equal(view.hearings.map((h) => h.courtCode), ["KBMC01"]);
  const entries = await context.server.deps.store.audit.list({ caseId: view.id });
  const created = entries.find((e) => e.action === "case.created");
  assert.is(created?.actorId, "sam.ortiz@court.example");
  const detail = created?.detail as { before: unknown; after: { urn: string } } | undefined;
  assert.is(detail?.before, null);
  assert.is(detail?.after.urn, "52KB0000326");
});

test("the prosecution creates cases for its own organisation only; defence, legal adviser and anonymous cannot", async (context) => {
  const { server, cookies } = context;
  const own = await createCase(context, "pat", "52KB0000426");
  assert.is(own.view.prosecutingOrganisationId, "cps-wessex", "defaults to the prosecutor's organisation");
  const other = await call(server, cookies.pat, "POST", "/api/cases", intakeBody("52KB0000526", { prosecutingOrganisationId: "cps-mercia" }));
  assert.is(other.status, 403);
  assert.is(code(other.body), "auth.forbidden");
  for (const who of ["dan", "lee"] as const) {
    const refused = await call(server, cookies[who], "POST", "/api/cases", intakeBody("52KB0000526", { prosecutingOrganisationId: "cps-wessex" }));
    assert.is(refused.status, 403, who);
  }
  const anonymous = await call(server, null, "POST", "/api/cases", intakeBody("52KB0000526"));
  assert.is(anonymous.status, 401);
  assert.is(await server.deps.store.cases.getByUrn("52KB0000526"), undefined);
});

test("a URN already used answers 409 case.urn_taken, however it is typed", async (context) => {
  await createCase(context, "pat", "52KB0000626");
  const again = await call(context.server, context.cookies.sam, "POST", "/api/cases", intakeBody("52kb0000626", { prosecutingOrganisationId: "cps-wessex" }));
  assert.is(again.status, 409);
  assert.is(code(again.body), "case.urn_taken");
});

test("PATCH needs If-Match; a stale one answers 412 with the current version and changes nothing", async (context) => {
  const { server, cookies } = context;
  const { view } = await createCase(context, "pat", "52KB0000726");
  const defendant = view.defendants[0] as Defendant;
  const path = `/api/defendants/${defendant.id}`;
  const missing = await call(server, cookies.pat, "PATCH", path, { lastName: "Vellacot" });
  assert.is(missing.status, 428);
  assert.is(code(missing.body), "request.precondition_required");

  const first = await call(server, cookies.pat, "PATCH", path, { lastName: "Vellacot", bailConditions: null }, { "if-match": '"1"' });
  assert.is(first.status, 200);
  assert.is(first.etag, '"2"');
  assert.equal([(first.body as Defendant).lastName, (first.body as Defendant).version], ["Vellacot", 2]);

  const auditBefore = (await server.deps.store.audit.list({ caseId: view.id })).length;
  const stale = await call(server, cookies.sam, "PATCH", path, { lastName: "Other" }, { "if-match": '"1"' });
  assert.is(stale.status, 412);
  assert.is(code(stale.body), "record.stale");
  assert.is(stale.etag, '"2"', "the current version is answered");
  assert.is((await server.deps.store.defendants.get(defendant.id))?.lastName, "Vellacot");
  assert.is((await server.deps.store.audit.list({ caseId: view.id })).length, auditBefore, "nothing audited");

  const overview = (await apiAs(server, cookies.pat).get(`/api/cases/${view.id}`)).body as CaseView;
  assert.equal([overview.version, overview.defendants[0]?.version, overview.defendants[0]?.lastName], [1, 2, "Vellacot"], "the overview carries each version for If-Match");
  const entry = (await server.deps.store.audit.list({ caseId: view.id })).find((e) => e.action === "defendant.updated");
  assert.equal(entry?.detail, { version: 2, before: { lastName: "Vellacott" }, after: { lastName: "Vellacot" } }, "only the changed fields");
});

test("offences, hearings and the case are edited with their own versions; listing is court staff's", async (context) => {
  const { server, cookies } = context;
  const { view } = await createCase(context, "pat", "52KB0000826");
  const offence = view.defendants[0]?.offences[0] as Offence;
  const plea = await call(server, cookies.pat, "PATCH", `/api/offences/${offence.id}`, { indicatedPlea: "not-guilty" }, { "if-match": '"1"' });
  assert.is(plea.status, 200);
  assert.equal([(plea.body as Offence).indicatedPlea, (plea.body as Offence).version], ["not-guilty", 2]);

  const byProsecution = await call(server, cookies.pat, "POST", `/api/cases/${view.id}/hearings`, { date: addCalendarDays(today, 30), startTime: "10:00", type: "case-management" });
  assert.is(byProsecution.status, 403);
  const listed = await call(server, cookies.sam, "POST", `/api/cases/${view.id}/hearings`, {
    date: addCalendarDays(today, 30),
    startTime: "14:00",
    type: "case-management",
    courtCode: "AVMC01",
    judiciary: ["District Judge (MC) Okafor"],
  });
  assert.is(listed.status, 201);
  assert.is(listed.etag, '"1"');
  const hearing = listed.body as Hearing;
  assert.equal([hearing.courtCode, hearing.judiciary], ["AVMC01", ["District Judge (MC) Okafor"]]);
  const moved = await call(server, cookies.sam, "PATCH", `/api/hearings/${hearing.id}`, { startTime: "14:30", courtroom: "4" }, { "if-match": '"1"' });
  assert.is(moved.status, 200);
  assert.is(moved.etag, '"2"');

  const courtMove = await call(server, cookies.sam, "PATCH", `/api/cases/${view.id}`, { courtCode: "AVMC01" }, { "if-match": '"1"' });
  assert.is(courtMove.status, 200);
  assert.equal([(courtMove.body as CaseView).courtCode, (courtMove.body as CaseView).version], ["AVMC01", 2]);
  const toCrown = await call(server, cookies.sam, "PATCH", `/api/cases/${view.id}`, { courtCode: "CBCC01" }, { "if-match": '"2"' });
  assert.is(toCrown.status, 400, "the Crown Court is reached by sending, not by a court change");
  assert.is(code(toCrown.body), "case.court_unknown");
  const unknown = await call(server, cookies.sam, "PATCH", "/api/offences/nope", { plea: "guilty" }, { "if-match": '"1"' });
  assert.is(unknown.status, 404);
  assert.is(code(unknown.body), "offence.not_found");
});

test("a magistrates' court custody defendant's CTL runs from the first hearing: 70 days, or 56 when every offence is summary only", async (context) => {
  const firstHearing = addCalendarDays(today, 14);
  const { view: eitherWay } = await createCase(context, "pat", "52KB0003026");
  assert.is(eitherWay.defendants[0]?.custodyTimeLimit, addCalendarDays(firstHearing, 70));

  const summaryOnly = intakeBody("52KB0003126").defendants.map((d) => ({ ...d, offences: d.offences.map((o) => ({ ...o, modeOfTrial: "summary" })) }));
  const { view: summary } = await createCase(context, "pat", "52KB0003126", { defendants: summaryOnly });
  assert.is(summary.defendants[0]?.custodyTimeLimit, addCalendarDays(firstHearing, 56));

  const onBail = intakeBody("52KB0003226").defendants.map((d) => ({ ...d, custody: "bail" }));
  const { view: bailed } = await createCase(context, "pat", "52KB0003226", { defendants: onBail });
  assert.is(bailed.defendants[0]?.custodyTimeLimit, null, "no limit for a defendant on bail");
  const given = intakeBody("52KB0003326").defendants.map((d) => ({ ...d, custodyTimeLimit: "2027-01-05" }));
  const { view: stated } = await createCase(context, "pat", "52KB0003326", { defendants: given });
  assert.is(stated.defendants[0]?.custodyTimeLimit, "2027-01-05", "a limit given is kept");
});

test("sending to the Crown Court moves the case, records the date, and the CTL and PTPH stage dates follow", async (context) => {
  const { server, cookies } = context;
  const { view } = await createCase(context, "pat", "52KB0000926");
  const sentOn = addCalendarDays(today, -3);
  const byProsecution = await call(server, cookies.pat, "POST", `/api/cases/${view.id}/sending`, { sentOn, crownCourtCode: "CBCC01" });
  assert.is(byProsecution.status, 403);
  const future = await call(server, cookies.lee, "POST", `/api/cases/${view.id}/sending`, { sentOn: addCalendarDays(today, 1), crownCourtCode: "CBCC01" });
  assert.is(future.status, 400);
  const notCrown = await call(server, cookies.lee, "POST", `/api/cases/${view.id}/sending`, { sentOn, crownCourtCode: "AVMC01" });
  assert.is(code(notCrown.body), "case.court_unknown");

  const sent = await call(server, cookies.lee, "POST", `/api/cases/${view.id}/sending`, { sentOn, crownCourtCode: "CBCC01" }, { "if-match": '"1"' });
  assert.is(sent.status, 200, JSON.stringify(sent.body));
  const after = sent.body as CaseView;
  assert.equal([after.jurisdiction, after.courtCode, after.status, after.sentOn, after.version], ["crown", "CBCC01", "sent-to-crown-court", sentOn, 2]);
  assert.is(after.defendants[0]?.custodyTimeLimit, addCalendarDays(sentOn, 182), "182 days from sending");
  assert.equal(after.ptphStageDates, ptphStageDates({ sentOn, inCustody: true }));

  // The Crown Court judge now has the case, and the PTPH stage 1 direction runs from the sending date.
  const issued = await apiAs(server, cookies.morgan).post(`/api/cases/${view.id}/directions`, { directions: [{ templateId: "cc-stage-1", responsibleParty: "prosecution" }] });
  assert.is(issued.status, 201, issued.text);
  assert.is((issued.body as { directions: { dueOn: string }[] }).directions[0]?.dueOn, ptphStageDates({ sentOn, inCustody: true }).stage1);
  const form = await apiAs(server, cookies.morgan).post(`/api/cases/${view.id}/forms`, { type: "PTPH" });
  assert.is(form.status, 201, "a PTPH form can now be started");

  const again = await call(server, cookies.lee, "POST", `/api/cases/${view.id}/sending`, { sentOn, crownCourtCode: "CBCC01" });
  assert.is(again.status, 409);
  assert.is(code(again.body), "case.not_magistrates");
  const actions = (await server.deps.store.audit.list({ caseId: view.id })).map((e) => e.action);
  assert.ok(actions.includes("case.sent"));
  const sentEntry = (await server.deps.store.audit.list({ caseId: view.id })).find((e) => e.action === "case.sent");
  assert.equal((sentEntry?.detail as { before: Record<string, unknown> } | undefined)?.before, { jurisdiction: "magistrates", courtCode: "KBMC01", status: "active", sentOn: null });
});

test("a socket in the case room receives case:updated after each committed change", async (context) => {
  const { server, cookies } = context;
  const socket = openSocket(server, cookies.pat);
  try {
    await socket.connected();
    const { view } = await createCase(context, "pat", "52KB0001026");
    await eventually(() => socket.named("case:updated").find((e) => (e.args[0] as { caseId: string }).caseId === view.id));
    const offence = view.defendants[0]?.offences[0] as Offence;
    const changed = await call(server, cookies.pat, "PATCH", `/api/offences/${offence.id}`, { plea: "not-guilty" }, { "if-match": '"1"' });
    assert.is(changed.status, 200);
    await eventually(() => (socket.named("case:updated").filter((e) => (e.args[0] as { caseId: string }).caseId === view.id).length >= 2 ? true : undefined));
    const stale = await call(server, cookies.pat, "PATCH", `/api/offences/${offence.id}`, { plea: "guilty" }, { "if-match": '"1"' });
    assert.is(stale.status, 412);
    const sentCase = await call(server, cookies.pat, "PATCH", `/api/cases/${view.id}`, { status: "concluded" }, { "if-match": '"1"' });
    assert.is(sentCase.status, 200);
    const last = await eventually(() => socket.named("case:updated").find((e) => (e.args[0] as { version: number }).version === 2));
    assert.equal(last.args[0], { caseId: view.id, version: 2 });
    assert.is(socket.named("case:updated").filter((e) => (e.args[0] as { caseId: string }).caseId === view.id).length, 3, "a stale write is not announced");
  } finally {
    socket.close();
  }
});

test("the defence finds the new case by URN, surname and date of birth, then may read but not edit it", async (context) => {
  const { server, cookies } = context;
  const { view } = await createCase(context, "sam", "52KB0001126", { prosecutingOrganisationId: "cps-wessex" });
  const defendant = view.defendants[0] as Defendant;
  const before = await call(server, cookies.dan, "PATCH", `/api/defendants/${defendant.id}`, { custody: "bail" }, { "if-match": '"1"' });
  assert.is(before.status, 404, "no existence oracle before association");
  const associated = await apiAs(server, cookies.dan).post("/api/associations", { urn: "52kb 0001126", surname: "vellacott", dateOfBirth: "1994-07-19" });
  assert.is(associated.status, 201, associated.text);
  assert.equal((associated.body as { caseId: string; defendantId: string }).defendantId, defendant.id);
  assert.is((await apiAs(server, cookies.dan).get(`/api/cases/${view.id}`)).status, 200);
  const edit = await call(server, cookies.dan, "PATCH", `/api/defendants/${defendant.id}`, { custody: "bail" }, { "if-match": '"1"' });
  assert.is(edit.status, 403);
  const caseEdit = await call(server, cookies.dan, "PATCH", `/api/cases/${view.id}`, { status: "concluded" }, { "if-match": '"1"' });
  assert.is(caseEdit.status, 403);
});

/** An organisation defendant as the API takes it: its name and offences, nothing a person has. */
function organisationDefendant(name: string) {
  const offence = intakeBody("x").defendants[0]?.offences[0];
  return { kind: "organisation", organisationName: name, offences: [{ ...offence, code: "HS74002", title: "Failing to ensure safety of employees", legislation: "Health and Safety at Work etc. Act 1974, s.2 and s.33" }] };
}

test("an organisation defendant is created by its name alone; a date of birth, custody or bail for it is refused", async (context) => {
  const { server, cookies } = context;
  const schema = createCaseRequest("2026-11-27");
  const issues = (defendant: unknown) => {
    const result = schema.safeParse(intakeBody("52KB0004026", { defendants: [defendant] }));
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${problemText(english, issueProblem(i))}`);
  };
  assert.equal(issues(organisationDefendant("Kingsbridge Haulage Ltd")), []);
  assert.equal(issues({ ...organisationDefendant(" "), organisationName: "  " }), ["defendants.0.organisationName: organisation name is required"]);
  assert.equal(issues({ ...organisationDefendant("Kingsbridge Haulage Ltd"), dateOfBirth: "1990-01-01" }), ["defendants.0: this field is not part of the format"]);
  assert.equal(issues({ ...organisationDefendant("Kingsbridge Haulage Ltd"), kind: "robot" }).length, 1, "a kind that is neither");

  const before = await server.deps.store.cases.count();
  for (const extra of [{ dateOfBirth: "1990-01-01" }, { custody: "custody" }, { bailConditions: "Curfew" }, { firstName: "Acme" }]) {
    const refused = await call(server, cookies.sam, "POST", "/api/cases", intakeBody("52KB0004026", { defendants: [{ ...organisationDefendant("Kingsbridge Haulage Ltd"), ...extra }] }));
    assert.is(refused.status, 400, JSON.stringify(extra));
    assert.is(code(refused.body), "request.invalid");
  }
  assert.is(await server.deps.store.cases.count(), before, "nothing written");

  const person = intakeBody("x").defendants[0];
  const { view } = await createCase(context, "pat", "52KB0004026", { defendants: [organisationDefendant("Kingsbridge Haulage Ltd"), person] });
  const [organisation, individual] = view.defendants;
  assert.equal(
    organisation && [organisation.kind, organisation.firstName, organisation.lastName, organisation.dateOfBirth, organisation.custody, organisation.custodyTimeLimit],
    ["organisation", "", "Kingsbridge Haulage Ltd", null, null, null],
  );
  assert.equal(individual && [individual.kind, individual.lastName, individual.custody], ["person", "Vellacott", "custody"], "a person beside it, the default kind");
  const overview = await apiAs(server, cookies.sam).get(`/api/cases/${view.id}`);
  const shown = (overview.body as { defendants: { kind: string; name: string; dateOfBirth: string | null }[] }).defendants;
  assert.equal(shown.map((d) => [d.kind, d.name, d.dateOfBirth]), [["organisation", "Kingsbridge Haulage Ltd", null], ["person", "Tamsin Vellacott", "1994-07-19"]]);
  const found = await apiAs(server, cookies.pat).get("/api/cases?surname=kingsbridge");
  assert.equal((found.body as { cases: { urn: string; defendants: { name: string }[] }[] }).cases.map((c) => [c.urn, c.defendants[0]?.name]), [["52KB0004026", "Kingsbridge Haulage Ltd"]]);

  // A PET's defendant part names the organisation and leaves its date of birth and custody empty.
  const pet = await apiAs(server, cookies.lee).post(`/api/cases/${view.id}/forms`, { type: "PET" });
  assert.is(pet.status, 201, pet.text);
  const part = (pet.body as { parts: { key: string; docName: string }[] }).parts.find((p) => p.key === `defence:${organisation?.id}`);
  const client = openCollab(server, cookies.lee, part?.docName ?? "");
  try {
    await client.synced();
    const fields = client.doc.getMap("fields");
    const text = (id: string) => fields.get(id)?.toString();
    assert.equal([text("defendantName"), text("dateOfBirth"), text("custodyStatus")], ["Kingsbridge Haulage Ltd", undefined, undefined]);
  } finally {
    client.destroy();
  }
});

test("an organisation's name and interpreter are edited; a person's fields are refused for it, and an organisation name for a person", async (context) => {
  const { server, cookies } = context;
  const { view } = await createCase(context, "sam", "52KB0004126", { prosecutingOrganisationId: "cps-wessex", defendants: [organisationDefendant("Abbots Waste plc"), intakeBody("x").defendants[0]] });
  const [organisation, person] = view.defendants as [Defendant, Defendant];
  for (const patch of [{ dateOfBirth: "1990-01-01" }, { custody: "custody" }, { firstName: "Abbots", organisationName: "Abbots Waste Ltd" }]) {
    const refused = await call(server, cookies.sam, "PATCH", `/api/defendants/${organisation.id}`, patch, { "if-match": '"1"' });
    assert.is(refused.status, 400, JSON.stringify(patch));
    const problems = (refused.body as { error: { problems?: { field: string; code: string }[] } }).error.problems ?? [];
    assert.ok(problems.length > 0 && problems.every((p) => p.code.startsWith("problems:notForOrganisation")), JSON.stringify(refused.body));
  }
  const personRefused = await call(server, cookies.sam, "PATCH", `/api/defendants/${person.id}`, { organisationName: "Vellacott Ltd" }, { "if-match": '"1"' });
  assert.is(personRefused.status, 400);
  assert.equal((personRefused.body as { error: { problems: unknown } }).error.problems, [{ field: "organisationName", code: "problems:notForPerson" }]);
  assert.is((await server.deps.store.defendants.get(organisation.id))?.version, 1, "nothing changed by a refused patch");

  const renamed = await call(server, cookies.sam, "PATCH", `/api/defendants/${organisation.id}`, { organisationName: "Abbots Waste Ltd", interpreterLanguage: "Welsh" }, { "if-match": '"1"' });
  assert.is(renamed.status, 200, JSON.stringify(renamed.body));
  const after = renamed.body as Defendant;
  assert.equal([after.kind, after.lastName, after.interpreterLanguage, after.dateOfBirth, after.version], ["organisation", "Abbots Waste Ltd", "Welsh", null, 2]);
  const entry = (await server.deps.store.audit.list({ caseId: view.id })).find((e) => e.action === "defendant.updated" && e.subjectId === organisation.id);
  assert.equal(entry?.detail, { version: 2, before: { lastName: "Abbots Waste plc", interpreterLanguage: null }, after: { lastName: "Abbots Waste Ltd", interpreterLanguage: "Welsh" } });
});

test("the defence gets access to an organisation's case with the URN, its name and its first hearing date; a later hearing, a wrong date or a person's details do not", async (context) => {
  const { server, cookies } = context;
  const { view } = await createCase(context, "sam", "52KB0004226", { prosecutingOrganisationId: "cps-wessex", defendants: [organisationDefendant("Marsh Lane Builders Ltd")] });
  const firstHearing = view.hearings[0]?.date ?? "";
  const later = await call(server, cookies.sam, "POST", `/api/cases/${view.id}/hearings`, { date: addCalendarDays(firstHearing, 28), startTime: "10:00", type: "trial" });
  assert.is(later.status, 201);
  const dan = apiAs(server, cookies.dan);
  for (const wrong of [
    { kind: "organisation", urn: "52KB0004226", organisationName: "Marsh Lane Builders Ltd", hearingDate: addCalendarDays(firstHearing, 1) },
    { kind: "organisation", urn: "52KB0004226", organisationName: "Marsh Lane Builders Ltd", hearingDate: addCalendarDays(firstHearing, 28) },
    { kind: "organisation", urn: "52KB0004226", organisationName: "Marsh Lane Builders", hearingDate: firstHearing },
    { urn: "52KB0004226", surname: "Marsh Lane Builders Ltd", dateOfBirth: "1990-01-01" },
  ]) {
    const refused = await dan.post("/api/associations", wrong);
    assert.is(refused.status, 404, JSON.stringify(wrong));
    assert.is(code(refused.body), "case.not_found");
  }
  const attempts = (await server.deps.store.audit.list({ caseId: view.id })).filter((e) => e.action === "association.attempt");
  assert.is(attempts.length, 4, "the court sees each failed attempt on its case");
  const malformed = await dan.post("/api/associations", { kind: "organisation", urn: "52KB0004226", organisationName: "Marsh Lane Builders Ltd", dateOfBirth: firstHearing });
  assert.is(malformed.status, 400);
  // The name as the defence may write it: another case, punctuation and spacing, "Limited".
  const granted = await dan.post("/api/associations", { kind: "organisation", urn: "52kb 0004226", organisationName: "MARSH LANE  BUILDERS LIMITED.", hearingDate: firstHearing });
  assert.is(granted.status, 201, granted.text);
  assert.is((granted.body as { defendantId: string }).defendantId, view.defendants[0]?.id);
  assert.is((await dan.get(`/api/cases/${view.id}`)).status, 200);
});

test("attempts on one URN are limited across users, whether or not the case exists", async ({ server, cookies }) => {
  const guess = (n: number) => ({ kind: "organisation", urn: "52KB0009926", organisationName: "Nobody Ltd", hearingDate: addCalendarDays(today, n) });
  const amy = apiAs(server, cookies.amy);
  for (let n = 0; n < 20; n++) assert.is((await amy.post("/api/associations", guess(n))).status, 404, "no such case");
  const limited = await apiAs(server, cookies.dan).post("/api/associations", guess(20));
  assert.is(limited.status, 429, "another user's guess at the same URN is refused too");
  assert.is(code(limited.body), "request.rate_limited");
  const elsewhere = await apiAs(server, cookies.dan).post("/api/associations", { ...guess(0), urn: "52KB0009826" });
  assert.is(elsewhere.status, 404, "another URN is not limited by it");
});

test("a defendant remanded in custody after intake gets the statutory custody time limit; a limit given is kept", async (context) => {
  const { server, cookies } = context;
  const firstHearing = addCalendarDays(today, 14);
  const onBail = intakeBody("x").defendants.map((d) => ({ ...d, custody: "bail" }));
  const { view } = await createCase(context, "pat", "52KB0004326", { defendants: [...onBail, ...onBail.map((d) => ({ ...d, firstName: "Ivo" }))] });
  const [first, second] = view.defendants as [Defendant, Defendant];
  assert.is(first.custodyTimeLimit, null);
  const remanded = await call(server, cookies.sam, "PATCH", `/api/defendants/${first.id}`, { custody: "custody" }, { "if-match": '"1"' });
  assert.is(remanded.status, 200, JSON.stringify(remanded.body));
  assert.equal([(remanded.body as Defendant).custody, (remanded.body as Defendant).custodyTimeLimit], ["custody", addCalendarDays(firstHearing, 70)]);
  const given = await call(server, cookies.sam, "PATCH", `/api/defendants/${second.id}`, { custody: "custody", custodyTimeLimit: "2027-02-01" }, { "if-match": '"1"' });
  assert.is((given.body as Defendant).custodyTimeLimit, "2027-02-01");
  const entry = (await server.deps.store.audit.list({ caseId: view.id })).find((e) => e.action === "defendant.updated" && e.subjectId === first.id);
  assert.equal((entry?.detail as { after: unknown } | undefined)?.after, { custody: "custody", custodyTimeLimit: addCalendarDays(firstHearing, 70) }, "the limit is audited with the change");

  // A first hearing 100 days ago: the limit it gives has passed, so none is set.
  const long = await createCase(context, "pat", "52KB0004426", { defendants: onBail, hearings: [{ date: addCalendarDays(today, -100), startTime: "10:00", type: "first-hearing" }] });
  const late = await call(server, cookies.sam, "PATCH", `/api/defendants/${long.view.defendants[0]?.id}`, { custody: "custody" }, { "if-match": '"1"' });
  assert.equal([(late.body as Defendant).custody, (late.body as Defendant).custodyTimeLimit], ["custody", null]);
});

test("the create-case options list the prosecutors and courts each may create cases for; others get 403", async ({ server, cookies }) => {
  type Options = { prosecutingOrganisations: { id: string; name: string }[]; courts: { code: string; name: string; jurisdiction: string }[] };
  const sam = (await apiAs(server, cookies.sam).get("/api/intake/options")).body as Options;
  assert.equal(sam.prosecutingOrganisations, [{ id: "cps-mercia", name: "CPS Mercia" }, { id: "cps-wessex", name: "CPS Wessex" }]);
  assert.equal(sam.courts.map((c) => c.code), ["AVMC01", "CBCC01", "KBMC01"], "court staff: their own courts, by name");
  const pat = (await apiAs(server, cookies.pat).get("/api/intake/options")).body as Options;
  assert.equal(pat.prosecutingOrganisations, [{ id: "cps-wessex", name: "CPS Wessex" }], "a prosecutor: its own organisation");
  assert.ok(pat.courts.some((c) => c.code === "ACMC01"), "at any court");
  assert.is((await apiAs(server, cookies.dan).get("/api/intake/options")).status, 403);
  assert.is((await apiAs(server, cookies.lee).get("/api/intake/options")).status, 403, "a legal adviser creates no cases");
  assert.is((await fetch(`${server.url}/api/intake/options`)).status, 401);
});

test.run();
