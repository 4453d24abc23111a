import * as assert from "uvu/assert";
import { suite } from "uvu";
import { demoData } from "../../fixtures/demo/demo-data.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

type CaseList = { cases: { id: string; urn: string; nextHearing: { date: string } | null; defendants: { lastName: string }[] }[] };
type Overview = {
  id: string;
  urn: string;
  defendants: { id: string; offences: unknown[]; representedBy: { organisationId: string } | null; custody: string }[];
  hearings: unknown[];
};

const USERS = {
  pat: "pat.cole@cps.example",
  dan: "dan.reyes@reyes-law.example",
  amy: "amy.hart@hart-defence.example",
  lee: "lee.adams@court.example",
  morgan: "hhj.morgan@judiciary.example",
  sam: "sam.ortiz@court.example",
};
/** The unrepresented demo defendant (fixtures/demo/demo-data.ts header). */
const QUILL = { urn: "97KB1234526", surname: "Quill", dateOfBirth: "1990-02-14", caseId: "case-0004", defendantId: "def-0005" };
const MULTI = "case-0001";

const test = suite<{ server: TestServer; cookies: Record<keyof typeof USERS, string> }>("cases: search, overview, association", {
  server: undefined as unknown as TestServer,
  cookies: {} as Record<keyof typeof USERS, string>,
});

test.before(async (context) => {
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });
  for (const [key, id] of Object.entries(USERS)) context.cookies[key as keyof typeof USERS] = await signIn(context.server, id);
});
test.after(async ({ server }) => {
  await server.close();
});

const ids = (body: unknown) => (body as CaseList).cases.map((c) => c.id).sort();
const caseIdsWhere = (predicate: (c: (typeof demoData.cases)[number]) => boolean) =>
  demoData.cases.filter(predicate).map((c) => c.id);
const represented = (organisationId: string) =>
  [...new Set(demoData.associations.filter((a) => a.organisationId === organisationId).map((a) => demoData.defendants.find((d) => d.id === a.defendantId)?.caseId))].sort();

test("the prosecution sees every case of its organisation", async ({ server, cookies }) => {
  const { status, body } = await apiAs(server, cookies.pat).get("/api/cases");
  assert.is(status, 200);
  assert.equal(ids(body), caseIdsWhere((c) => c.prosecutingOrganisationId === "cps-wessex").sort());
});

test("each defence firm sees only the cases in which it represents a defendant", async ({ server, cookies }) => {
  assert.equal(ids((await apiAs(server, cookies.dan).get("/api/cases")).body), represented("reyes-law"));
  assert.equal(ids((await apiAs(server, cookies.amy).get("/api/cases")).body), represented("hart-defence"));
  assert.not.ok(ids((await apiAs(server, cookies.dan).get("/api/cases")).body).includes(QUILL.caseId));
});

test("the court sees the cases with a hearing at its courts", async ({ server, cookies }) => {
  const lee = ids((await apiAs(server, cookies.lee).get("/api/cases")).body);
  const leeCourts = ["KBMC01", "AVMC01"];
  const expected = demoData.cases
    .filter((c) => leeCourts.includes(c.courtCode) || demoData.hearings.some((h) => h.caseId === c.id && leeCourts.includes(h.courtCode)))
    .map((c) => c.id)
    .sort();
  assert.equal(lee, expected);
  const morgan = ids((await apiAs(server, cookies.morgan).get("/api/cases")).body);
  assert.ok(morgan.includes(MULTI));
  assert.not.ok(morgan.includes(QUILL.caseId), "a magistrates' case is not the Crown Court judge's");
  assert.is(ids((await apiAs(server, cookies.sam).get("/api/cases")).body).length, demoData.cases.length);
});

test("results are sorted by next hearing, soonest first, with none last", async ({ server, cookies }) => {
  const { body } = await apiAs(server, cookies.sam).get("/api/cases");
  const dates = (body as CaseList).cases.map((c) => c.nextHearing?.date ?? "9999");
  assert.equal(dates, [...dates].sort());
});

test("a URN is found however it is typed", async ({ server, cookies }) => {
  const { status, body } = await apiAs(server, cookies.pat).get(`/api/cases?urn=${encodeURIComponent(" 97kb 1234526 ")}`);
  assert.is(status, 200);
  assert.equal(ids(body), [QUILL.caseId]);
});

test("surname search is a case- and accent-insensitive prefix, narrowed by date of birth", async ({ server, cookies }) => {
  const api = apiAs(server, cookies.sam);
  assert.equal(ids((await api.get("/api/cases?surname=QUI")).body), [QUILL.caseId]);
  assert.equal(ids((await api.get("/api/cases?surname=qu%C3%AEll&dateOfBirth=1990-02-14")).body), [QUILL.caseId]);
  assert.equal(ids((await api.get("/api/cases?surname=quill&dateOfBirth=1990-02-15")).body), []);
});

test("free text matches URN prefixes and defendant names; court and hearing dates filter", async ({ server, cookies }) => {
  const api = apiAs(server, cookies.sam);
  assert.equal(ids((await api.get("/api/cases?q=rowan")).body), [QUILL.caseId]);
  assert.ok(ids((await api.get("/api/cases?q=97kb")).body).every((id) => demoData.cases.find((c) => c.id === id)?.urn.startsWith("97KB")));
  assert.equal(ids((await api.get("/api/cases?court=CBCC01")).body), caseIdsWhere((c) => c.courtCode === "CBCC01").sort());
  const onDay = ids((await api.get("/api/cases?hearingFrom=2026-12-07&hearingTo=2026-12-07")).body);
  assert.equal(onDay, [...new Set(demoData.hearings.filter((h) => h.date === "2026-12-07").map((h) => h.caseId))].sort());
  assert.equal(ids((await api.get("/api/cases?q=100%25")).body), [], "LIKE wildcards are literal");
});

test("a malformed filter is a 400 with a stable code", async ({ server, cookies }) => {
  const api = apiAs(server, cookies.pat);
  for (const query of ["urn=ABC", "dateOfBirth=14/02/1990", "hearingFrom=tomorrow", "unknown=1"]) {
    const { status, body } = await api.get(`/api/cases?${query}`);
    assert.is(status, 400, query);
    assert.is((body as { error: { code: string } }).error.code, "request.invalid");
  }
});

test("a defence search by URN before association answers 200 with an empty list", async ({ server, cookies }) => {
  const { status, body } = await apiAs(server, cookies.dan).get(`/api/cases?urn=${QUILL.urn}`);
  assert.is(status, 200);
  assert.equal(body, { cases: [] });
});

test("the overview shows defendants, offences, hearings and who represents whom", async ({ server, cookies }) => {
  const { status, body } = await apiAs(server, cookies.dan).get(`/api/cases/${MULTI}`);
  assert.is(status, 200);
  const overview = body as Overview;
  assert.is(overview.defendants.length, 2);
  assert.equal(
    overview.defendants.map((d) => d.representedBy?.organisationId),
    ["reyes-law", "hart-defence"],
  );
  assert.ok(overview.defendants.every((d) => d.offences.length > 0));
  assert.ok(overview.hearings.length > 0);
});

test("a case the caller may not see is the same 404 as one that does not exist", async ({ server, cookies }) => {
  const hidden = await apiAs(server, cookies.dan).get(`/api/cases/${QUILL.caseId}`);
  const missing = await apiAs(server, cookies.dan).get("/api/cases/case-9999");
  assert.is(hidden.status, 404);
  assert.is(hidden.text, missing.text);
  assert.is((await apiAs(server, cookies.morgan).get(`/api/cases/${QUILL.caseId}`)).status, 404);
});

test("association: wrong date of birth answers exactly like an unknown URN", async ({ server, cookies }) => {
  const api = apiAs(server, cookies.dan);
  const wrongDob = await api.post("/api/associations", { urn: QUILL.urn, surname: "Quill", dateOfBirth: "1990-02-15" });
  const unknownUrn = await api.post("/api/associations", { urn: "97ZZ9999999", surname: "Quill", dateOfBirth: "1990-02-14" });
  const wrongSurname = await api.post("/api/associations", { urn: QUILL.urn, surname: "Quil", dateOfBirth: "1990-02-14" });
  assert.is(wrongDob.status, 404);
  assert.is(wrongDob.text, unknownUrn.text);
  assert.is(wrongSurname.text, unknownUrn.text);
  assert.is((wrongDob.body as { error: { code: string } }).error.code, "case.not_found");
});

test("association: prosecution and court users are refused with 403", async ({ server, cookies }) => {
  for (const who of ["pat", "lee", "sam"] as const) {
    const { status } = await apiAs(server, cookies[who]).post("/api/associations", { urn: QUILL.urn, surname: "Quill", dateOfBirth: QUILL.dateOfBirth });
    assert.is(status, 403, who);
  }
});

test("association: a malformed request is a 400", async ({ server, cookies }) => {
  const api = apiAs(server, cookies.dan);
  assert.is((await api.post("/api/associations", { urn: QUILL.urn, surname: "Quill" })).status, 400);
  assert.is((await api.post("/api/associations", { urn: 42, surname: "Quill", dateOfBirth: "1990-02-14" })).status, 400);
  assert.is((await api.post("/api/associations", { urn: QUILL.urn, surname: "Quill", dateOfBirth: "1990-02-14", role: "judge" })).status, 400);
});

test("association gives access; a second firm gets 409 without the first named; ending it removes access", async ({ server, cookies }) => {
  const dan = apiAs(server, cookies.dan);
  const amy = apiAs(server, cookies.amy);
  const request = { urn: " 97kb1234526", surname: "quill", dateOfBirth: QUILL.dateOfBirth, forename: "Rowan" };
  const created = await dan.post("/api/associations", request);
  assert.is(created.status, 201);
  const association = created.body as { id: string; caseId: string; defendantId: string };
  assert.is(association.caseId, QUILL.caseId);
  assert.is(association.defendantId, QUILL.defendantId);
  assert.is((await dan.get(`/api/cases/${QUILL.caseId}`)).status, 200);
  assert.equal(ids((await dan.get(`/api/cases?urn=${QUILL.urn}`)).body), [QUILL.caseId]);
  assert.is((await dan.post("/api/associations", request)).status, 200, "asking again is not an error");

  const conflict = await amy.post("/api/associations", request);
  assert.is(conflict.status, 409);
  assert.is((conflict.body as { error: { code: string } }).error.code, "association.conflict");
  assert.not.match(conflict.text, /reyes/i);
  assert.is((await amy.get(`/api/cases/${QUILL.caseId}`)).status, 404);

  assert.is((await dan.delete(`/api/associations/${association.id}`)).status, 403, "the defence cannot end it");
  assert.is((await apiAs(server, cookies.pat).delete(`/api/associations/${association.id}`)).status, 403);
  assert.is((await apiAs(server, cookies.sam).delete(`/api/associations/${association.id}`)).status, 204);
  assert.is((await apiAs(server, cookies.sam).delete(`/api/associations/${association.id}`)).status, 404, "already ended");
  assert.is((await dan.get(`/api/cases/${QUILL.caseId}`)).status, 404);
  assert.equal((await dan.get(`/api/cases?urn=${QUILL.urn}`)).body, { cases: [] });

  const actions = (await server.deps.store.audit.list({ caseId: QUILL.caseId })).map((e) => e.action);
  assert.ok(actions.includes("association.created"));
  assert.ok(actions.includes("association.ended"));
  assert.ok(actions.includes("association.attempt"));
});

test("association attempts are rate limited per user", async () => {
  const server = await startTestServer();
  try {
    const api = apiAs(server, await signIn(server, USERS.amy));
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push((await api.post("/api/associations", { urn: "97ZZ9999999", surname: "Nobody", dateOfBirth: "1990-01-01" })).status);
    }
    assert.equal(statuses.slice(0, 20), Array(20).fill(404));
    assert.equal(statuses.slice(20), [429, 429]);
    const other = apiAs(server, await signIn(server, USERS.dan));
    // Another URN: the one Amy tried has also reached its own limit (test/http/intake.test.ts).
    assert.is((await other.post("/api/associations", { urn: "97ZZ9999998", surname: "Nobody", dateOfBirth: "1990-01-01" })).status, 404, "per user");
  } finally {
    await server.close();
  }
});

test.run();
