import ICAL from "ical.js";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { openSocket, type RecordingSocket } from "../helpers/socket-client.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

type Direction = {
  id: string;
  version: number;
  text: string;
  responsibleParty: string;
  dueOn: string | null;
  status: string;
  issuedBy: string;
  receipts: { userId: string }[];
  acknowledgements: { party: string; userId: string }[];
  history: { version: number; dueOn: string | null }[];
};
const USERS = { pat: "pat.cole@cps.example", dan: "dan.reyes@reyes-law.example", amy: "amy.hart@hart-defence.example", lee: "lee.adams@court.example", morgan: "hhj.morgan@judiciary.example", sam: "sam.ortiz@court.example" };

const test = suite<{ server: TestServer; c: Record<keyof typeof USERS, string> }>("directions", {
  server: undefined as unknown as TestServer,
  c: {} as Record<keyof typeof USERS, string>,
});
test.before(async (context) => {
  // "Today" is fixed: Friday 27 November 2026, 10:00 London time.
  context.server = await startTestServer({ clock: () => new Date("2026-11-27T10:00:00.000Z"), env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });
  for (const [key, id] of Object.entries(USERS)) context.c[key as keyof typeof USERS] = await signIn(context.server, id);
});
test.after(async ({ server }) => {
  await server.close();
});

const issuedDirections = (body: unknown) => (body as { directions: Direction[] }).directions;

test("only judges and legal advisers issue; parties and court staff are refused, and a bad body is a 400", async ({ server, c }) => {
  const body = { directions: [{ text: "The defence must serve a skeleton argument.", responsibleParty: "defence", dueOn: "2026-12-18" }] };
  assert.is((await apiAs(server, c.pat).post("/api/cases/case-0001/directions", body)).status, 403);
  assert.is((await apiAs(server, c.dan).post("/api/cases/case-0001/directions", body)).status, 403);
  assert.is((await apiAs(server, c.sam).post("/api/cases/case-0001/directions", body)).status, 403);
  assert.is((await apiAs(server, c.lee).post("/api/cases/case-0001/directions", body)).status, 404, "not a case of the magistrates' adviser");
  const judge = apiAs(server, c.morgan);
  assert.is((await judge.post("/api/cases/case-0001/directions", { directions: [] })).status, 400);
  assert.is((await judge.post("/api/cases/case-0001/directions", { directions: [{ responsibleParty: "defence" }] })).status, 400);
  assert.is((await judge.post("/api/cases/case-0001/directions", { directions: [{ text: "x", responsibleParty: "defendant:def-9999" }] })).status, 400);
  assert.is((await judge.post("/api/cases/case-0001/directions", { directions: [{ templateId: "nope", responsibleParty: "all" }] })).status, 400);
  assert.is((await judge.post("/api/cases/case-0001/directions", { directions: [{ templateId: "mc-defence-statement" }] })).status, 400, "a magistrates' template in the Crown Court");
  assert.is((await judge.post("/api/cases/case-0001/directions", { directions: [{ text: "x", issuedBy: "someone-else" }] })).status, 400, "the issuer comes from the session");
});

test("a direction reaches the prosecution and both defence firms at once, and nobody outside the case; receipts are recorded", async ({ server, c }) => {
  const sockets: Record<string, RecordingSocket> = {};
  try {
    for (const who of ["pat", "dan", "amy", "lee", "morgan"] as const) {
      sockets[who] = openSocket(server, c[who]);
      await sockets[who].connected();
    }
    for (const s of Object.values(sockets)) s.socket.on("direction:issued", (payload: { direction: Direction }) => s.socket.emit("direction:received", { directionId: payload.direction.id, version: payload.direction.version }));
    // Wait until the server has put the four members' sockets in the case's room.
    await eventually(async () => ((await server.running.realtime.sockets.io.in("case:case-0001").fetchSockets()).length >= 4 ? true : undefined));
    const res = await apiAs(server, c.morgan).post("/api/cases/case-0001/directions", {
      directions: [
        { templateId: "cc-stage-1", responsibleParty: "prosecution" },
        { templateId: "cc-stage-2", responsibleParty: "defence" },
      ],
    });
    assert.is(res.status, 201);
    const [stage1, stage2] = issuedDirections(res.body);
    assert.is(stage1?.dueOn, "2027-01-02", "custody: sending 13 Nov + 50 days");
    assert.is(stage2?.dueOn, "2027-01-30");
    assert.match(stage1?.text ?? "", /Stage 1: .* by 2 January 2027\./);
    assert.is(stage1?.issuedBy, USERS.morgan);
    for (const who of ["pat", "dan", "amy", "morgan"]) {
      await eventually(() => ((sockets[who]?.named("direction:issued").length ?? 0) >= 2 ? true : undefined), 2000);
    }
    assert.is(sockets.lee?.named("direction:issued").length, 0, "a legal adviser of other courts hears nothing");
    const listed = await eventually(async () => {
      const list = issuedDirections((await apiAs(server, c.sam).get("/api/cases/case-0001/directions")).body);
      const d = list.find((x) => x.id === stage1?.id);
      return d && d.receipts.length >= 4 ? d : undefined;
    });
    assert.equal(listed.receipts.map((r) => r.userId).sort(), [USERS.amy, USERS.dan, USERS.morgan, USERS.pat].sort());
  } finally {
    for (const s of Object.values(sockets)) s.close();
  }
});

test("a user who was offline receives the direction when they next connect", async ({ server, c }) => {
  const res = await apiAs(server, c.morgan).post("/api/cases/case-0001/directions", {
    directions: [{ text: "The defence of Ashdown must serve an expert report.", responsibleParty: "defendant:def-0002", dueOn: "2027-01-15" }],
  });
  const [issued] = issuedDirections(res.body);
  const amy = openSocket(server, c.amy);
  try {
    await amy.connected();
    await eventually(() => (amy.named("direction:issued").some((e) => (e.args[0] as { direction: Direction }).direction.id === issued?.id) ? true : undefined), 3000);
  } finally {
    amy.close();
  }
});

test("acknowledgement per party; variation adds a version and keeps the history; compliance by the responsible party only", async ({ server, c }) => {
  const [direction] = issuedDirections(
    (await apiAs(server, c.morgan).post("/api/cases/case-0001/directions", { directions: [{ templateId: "cc-trial-readiness", responsibleParty: "all", dueOn: "2027-02-08" }] })).body,
  );
  const id = direction?.id ?? "";
  assert.is((await apiAs(server, c.morgan).post(`/api/directions/${id}/acknowledgements`)).status, 403, "the court does not acknowledge its own direction");
  const acked = (await apiAs(server, c.dan).post(`/api/directions/${id}/acknowledgements`)).body as Direction;
  assert.equal(acked.acknowledgements.map((a) => a.party), ["defence:reyes-law"]);
  assert.is((await apiAs(server, c.dan).post(`/api/directions/${id}/variations`, { dueOn: "2027-02-15" })).status, 403, "only the court varies");
  const varied = await apiAs(server, c.morgan).post(`/api/directions/${id}/variations`, { dueOn: "2027-02-15" });
  assert.is(varied.status, 201);
  const v2 = varied.body as Direction;
  assert.is(v2.version, 2);
  assert.is(v2.dueOn, "2027-02-15");
  assert.match(v2.text, /15 February 2027/);
  assert.equal(v2.history.map((h) => [h.version, h.dueOn]), [[1, "2027-02-08"]]);
  assert.equal(v2.acknowledgements, [], "a new version needs a new acknowledgement");
  assert.is((await apiAs(server, c.lee).post(`/api/directions/${id}/compliance`, { note: "x" })).status, 404);
  const partly = (await apiAs(server, c.pat).post(`/api/directions/${id}/compliance`, { note: "Certificate of readiness filed." })).body as Direction;
  assert.is(partly.status, "due", "a direction to all parties is complied with when every party has");
  await apiAs(server, c.pat).post(`/api/directions/${id}/compliance`, { note: "Again." });
  await apiAs(server, c.dan).post(`/api/directions/${id}/compliance`, { note: "Filed for Fenwick." });
  const complied = (await apiAs(server, c.amy).post(`/api/directions/${id}/compliance`, { note: "Filed for Ashdown." })).body as Direction & { issuedByName: string };
  assert.is(complied.status, "complied");
  assert.is(complied.issuedByName, "HHJ Morgan");
  const audit = (await server.deps.store.audit.list({ caseId: "case-0001", limit: 10_000 })).filter((e) => e.subjectId === id && e.action === "direction.complied");
  assert.is(audit.length, 3, "complying twice records nothing more");
  assert.is((await fetch(`${server.url}/api/directions/${id}`, { method: "PUT", headers: { cookie: c.morgan, "x-requested-with": "caseroom" } })).status, 404, "no PUT");
  assert.is((await fetch(`${server.url}/api/directions/${id}`, { method: "DELETE", headers: { cookie: c.morgan, "x-requested-with": "caseroom" } })).status, 404, "no DELETE");
});

test("statuses follow the injected clock: overdue, due soon, due", async ({ server, c }) => {
  const list = issuedDirections(
    (
      await apiAs(server, c.morgan).post("/api/cases/case-0001/directions", {
        directions: [
          { text: "Overdue thing", responsibleParty: "prosecution", dueOn: "2026-11-26" },
          { text: "Due soon thing", responsibleParty: "prosecution", dueOn: "2026-12-01" },
          { text: "Due later thing", responsibleParty: "prosecution", dueOn: "2026-12-20" },
        ],
      })
    ).body,
  );
  assert.equal(list.map((d) => d.status), ["overdue", "due-soon", "due"]);
});

test("the case calendar and the personal secret feed parse as iCalendar with the due dates; a revoked feed stops", async ({ server, c }) => {
  const res = await fetch(`${server.url}/api/cases/case-0001/directions.ics`, { headers: { cookie: c.dan } });
  assert.is(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(await res.text()));
  const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  assert.ok(events.some((e) => e.startDate.toString() === "2027-01-02" && /97CB0418326: Stage 1/.test(e.summary)));
  assert.is((await fetch(`${server.url}/api/cases/case-0004/directions.ics`, { headers: { cookie: c.dan } })).status, 404);

  const created = await apiAs(server, c.pat).post("/api/me/calendar-feed");
  assert.is(created.status, 201);
  const url = (created.body as { url: string }).url.replace(server.origin, server.url);
  const personal = await fetch(url);
  assert.is(personal.status, 200);
  const personalEvents = new ICAL.Component(ICAL.parse(await personal.text())).getAllSubcomponents("vevent");
  assert.ok(personalEvents.length >= 3);
  assert.is((await apiAs(server, c.pat).delete("/api/me/calendar-feed")).status, 204);
  assert.is((await fetch(url)).status, 404);
  assert.is((await fetch(`${server.url}/calendar/not-a-real-token-at-all-xx.ics`)).status, 404);
});

test.run();
