import fs from "node:fs";
import path from "node:path";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { addCalendarDays, londonDateTime } from "../../shared/domain/calendar.ts";
import { runCli } from "../operations/run-cli.ts";
import { signIn } from "../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

const USERS = { sam: "sam.ortiz@court.example", pat: "pat.cole@cps.example", dan: "dan.reyes@reyes-law.example" };
type Who = keyof typeof USERS;
type Summary = { created: number; updated: number; unchanged: number; cases: { urn: string; caseId: string; outcome: string }[] };
type Problems = { error: { code: string; problems: { line?: number; index?: number; urn?: string; field: string; message: string }[] } };

const today = londonDateTime(new Date()).date;

/** Seeded: case n has 1–3 defendants, each with 1–4 offences, and one hearing. */
function generatedCase(n: number, prefix = "61") {
  const defendants = Array.from({ length: 1 + (n % 3) }, (_, d) => ({
    firstName: `Given${d}`,
    lastName: `Family${n}`,
    dateOfBirth: "1990-01-15",
    custody: "bail",
    offences: Array.from({ length: 1 + ((n + d) % 4) }, (_, o) => ({
      code: "TH68010",
      title: `Theft ${o}`,
      wording: "Stole goods.",
      legislation: "Theft Act 1968, s.1",
      startDate: "2026-10-01",
      modeOfTrial: "either-way",
    })),
  }));
  return {
    urn: `${prefix}KB${String(n).padStart(7, "0")}`,
    prosecutingOrganisationId: "cps-wessex",
    jurisdiction: "magistrates",
    courtCode: "KBMC01",
    defendants,
    hearings: [{ date: addCalendarDays(today, 14), startTime: "10:00", type: "first-hearing" }],
  };
}
const file = (cases: unknown[]) => JSON.stringify({ cases }, null, 2);

const test = suite<{ server: TestServer; cookies: Record<Who, string> }>("bulk import", {
  server: undefined as unknown as TestServer,
  cookies: {} as Record<Who, string>,
});
test.before(async (context) => {
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000", API_RATE_LIMIT_PER_MINUTE: "100000" } });
  for (const [key, id] of Object.entries(USERS)) context.cookies[key as Who] = await signIn(context.server, id);
});
test.after(async ({ server }) => {
  await server.close();
});

async function post(server: TestServer, cookie: string | null, body: string, options: { type?: string; dryRun?: boolean } = {}) {
  const response = await fetch(`${server.url}/api/imports?dryRun=${options.dryRun === true}`, {
    method: "POST",
    headers: { ...(cookie === null ? {} : { cookie }), origin: server.origin, "x-requested-with": "caseroom", "content-type": options.type ?? "application/json" },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as unknown };
}

test("1,000 generated cases import in one request in under 10 s; re-importing changes nothing", async ({ server, cookies }) => {
  const cases = Array.from({ length: 1000 }, (_, n) => generatedCase(n));
  const started = performance.now();
  const response = await post(server, cookies.sam, file(cases));
  const elapsed = performance.now() - started;
  process.stdout.write(`\n  1,000-case import: ${Math.round(elapsed)} ms\n`);
  assert.is(response.status, 200, JSON.stringify(response.body).slice(0, 500));
  assert.is((response.body as Summary).created, 1000);
  assert.ok(elapsed < 10_000);

  const auditBefore = (await server.deps.store.audit.list()).length;
  const countBefore = await server.deps.store.cases.count();
  const again = await post(server, cookies.sam, file(cases));
  assert.is(again.status, 200);
  assert.equal([(again.body as Summary).created, (again.body as Summary).updated, (again.body as Summary).unchanged], [0, 0, 1000]);
  assert.is(await server.deps.store.cases.count(), countBefore, "nothing duplicated");
  assert.is((await server.deps.store.audit.list()).length, auditBefore, "no new audit entries");
});

test("one bad case: nothing is written, and the problem names its line, index and field", async ({ server, cookies }) => {
  const cases = [generatedCase(1, "62"), generatedCase(2, "62"), generatedCase(3, "62")];
  (cases[2]?.defendants[0] as { dateOfBirth: string }).dateOfBirth = "2099-01-01";
  const text = file([...cases, generatedCase(1, "62")]);
  const response = await post(server, cookies.sam, text);
  assert.is(response.status, 400);
  const body = response.body as Problems;
  assert.is(body.error.code, "import.invalid");
  const expectedLine = text.split("\n").flatMap((l, i) => (l === "    {" ? [i + 1] : []))[2];
  const dob = body.error.problems.find((p) => p.field === "defendants[0].dateOfBirth");
  assert.equal([dob?.index, dob?.urn, dob?.line], [2, "62KB0000003", expectedLine]);
  assert.ok(body.error.problems.some((p) => p.index === 3 && p.field === "urn"), "a URN twice in the file is a problem");
  assert.is(await server.deps.store.cases.getByUrn("62KB0000001"), undefined);
});

test("a dry run writes nothing; a changed field updates the case in place, versioned and audited", async ({ server, cookies }) => {
  const original = generatedCase(1, "63");
  const dry = await post(server, cookies.pat, file([original]), { dryRun: true });
  assert.equal([dry.status, (dry.body as Summary).created], [200, 1]);
  assert.is(await server.deps.store.cases.getByUrn("63KB0000001"), undefined);
  assert.is((await post(server, cookies.pat, file([original]))).status, 200);
  const changed = structuredClone(original);
  (changed.defendants[0] as { lastName: string }).lastName = "Renamed";
  const preview = await post(server, cookies.pat, file([changed]), { dryRun: true });
  assert.is((preview.body as Summary).updated, 1);
  const updated = await post(server, cookies.pat, file([changed]));
  assert.equal((updated.body as Summary).cases[0]?.outcome, "updated");
  const record = await server.deps.store.cases.getByUrn("63KB0000001");
  const [defendant] = await server.deps.store.defendants.listByCase(record?.id ?? "");
  assert.equal([defendant?.lastName, defendant?.version], ["Renamed", 2]);
  const entry = (await server.deps.store.audit.list({ caseId: record?.id })).find((e) => e.action === "case.imported");
  const changes = ((entry?.detail ?? { changes: [] }) as { changes: { before: unknown; after: unknown }[] }).changes;
  assert.equal([changes[0]?.before, changes[0]?.after], [{ lastName: "Family1" }, { lastName: "Renamed" }]);
});

test("an organisation defendant imports, re-imports unchanged, and is renamed in place", async ({ server, cookies }) => {
  const original = generatedCase(1, "69");
  const [offence] = original.defendants[0]?.offences ?? [];
  const withOrganisation = { ...original, defendants: [...original.defendants, { kind: "organisation", organisationName: "Family1 Trading Ltd", offences: [offence] }] };
  const first = await post(server, cookies.pat, file([withOrganisation]));
  assert.equal([first.status, (first.body as Summary).created], [200, 1], JSON.stringify(first.body));
  const again = await post(server, cookies.pat, file([withOrganisation]));
  assert.is((again.body as Summary).unchanged, 1, "the organisation reads back as it was given");
  const renamed = { ...withOrganisation, defendants: [...original.defendants, { kind: "organisation", organisationName: "Family1 Trading plc", offences: [offence] }] };
  assert.is(((await post(server, cookies.pat, file([renamed]))).body as Summary).updated, 1);
  const record = await server.deps.store.cases.getByUrn("69KB0000001");
  const organisation = (await server.deps.store.defendants.listByCase(record?.id ?? "")).at(-1);
  assert.equal(organisation && [organisation.kind, organisation.lastName, organisation.dateOfBirth, organisation.custody, organisation.version], ["organisation", "Family1 Trading plc", null, null, 2]);
  // By position, the person before it may not become an organisation (the firm representing them would follow).
  const swapped = { ...withOrganisation, defendants: [{ kind: "organisation", organisationName: "Given0 Family1 Ltd", offences: [offence] }, ...withOrganisation.defendants.slice(1)] };
  const refused = await post(server, cookies.pat, file([swapped]));
  const kindProblem = (refused.body as { error: { problems: { field: string; code: string }[] } }).error.problems[0];
  assert.equal([refused.status, kindProblem?.field, kindProblem?.code], [400, "defendants[0].kind", "problems:kindChange"]);
  assert.is((await server.deps.store.defendants.listByCase(record?.id ?? ""))[0]?.kind, "person", "nothing written");
  const bad = await post(server, cookies.pat, file([{ ...withOrganisation, urn: "69KB0000002", defendants: [{ kind: "organisation", organisationName: "X Ltd", custody: "custody", offences: [offence] }] }]));
  assert.equal([bad.status, (bad.body as { error: { code: string } }).error.code], [400, "import.invalid"], JSON.stringify(bad.body));
  const [problem] = (bad.body as { error: { problems: { field: string; code: string }[] } }).error.problems;
  assert.equal([problem?.field, problem?.code], ["defendants[0].custody", "problems:unknownField"], "the field an organisation does not have is named");
  assert.is(await server.deps.store.cases.getByUrn("69KB0000002"), undefined);
});

test("a court list CSV with a bad line is refused whole; a good one lists the hearings", async ({ server, cookies }) => {
  assert.is((await post(server, cookies.sam, file([generatedCase(1, "64")]))).status, 200);
  const header = "urn,court,courtroom,date,startTime,type,estimatedMinutes,judiciary";
  const good = `64KB0000001,KBMC01,2,${addCalendarDays(today, 30)},10:00,case-management,30,"DJ Okafor;Ms Bell"`;
  const bad = await post(server, cookies.sam, `${header}\n${good}\n64KB0000001,KBMC01,,2026-13-01,10:00,trial,,\n`, { type: "text/csv" });
  assert.is(bad.status, 400);
  assert.ok((bad.body as Problems).error.problems.some((p) => p.line === 3 && p.field === "date"), JSON.stringify(bad.body));
  const record = await server.deps.store.cases.getByUrn("64KB0000001");
  assert.is((await server.deps.store.hearings.listByCase(record?.id ?? "")).length, 1);
  const ok = await post(server, cookies.sam, `${header}\r\n${good}\r\n`, { type: "text/csv" });
  assert.is((ok.body as Summary).updated, 1, JSON.stringify(ok.body));
  const hearings = await server.deps.store.hearings.listByCase(record?.id ?? "");
  assert.equal(hearings.map((h) => h.judiciary.length), [0, 2]);
  assert.is(((await post(server, cookies.sam, `${header}\n${good}\n`, { type: "text/csv" })).body as Summary).unchanged, 1);
});

test("defence 403, anonymous 401, another organisation's URN refused as not yours", async ({ server, cookies }) => {
  assert.is((await post(server, cookies.dan, file([generatedCase(1, "65")]))).status, 403);
  assert.is((await post(server, null, file([generatedCase(1, "65")]))).status, 401);
  const mercia = { ...generatedCase(2, "65"), prosecutingOrganisationId: "cps-mercia" };
  assert.is((await post(server, cookies.sam, file([mercia]))).status, 200);
  const { prosecutingOrganisationId: _, ...mine } = mercia;
  const refused = await post(server, cookies.pat, file([mine]));
  assert.is(refused.status, 400);
  assert.equal((refused.body as Problems).error.problems.map((p) => [p.field, p.message]), [["urn", "this URN belongs to a case you cannot change"]]);
});

test("the CLI imports a file into DATA_DIR as the operator, with exit codes and output", async ({ server }) => {
  const dir = server.dataDir;
  const json = path.join(dir, "cases.json");
  fs.writeFileSync(json, file([generatedCase(1, "66")]));
  const dry = await runCli("import", [json, "--dry-run"], { DATA_DIR: dir });
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /Dry run.*would create 1/);
  const done = await runCli("import", [json], { DATA_DIR: dir });
  assert.is(done.code, 0, done.stderr);
  assert.match(done.stdout, /Created 1, updated 0, unchanged 0/);
  const record = await server.deps.store.cases.getByUrn("66KB0000001");
  assert.is((await server.deps.store.audit.list({ caseId: record?.id })).find((e) => e.action === "case.created")?.actorId, "operator:import");
  fs.writeFileSync(json, file([{ ...generatedCase(2, "66"), courtCode: "NOPE01" }]));
  const bad = await runCli("import", [json], { DATA_DIR: dir });
  assert.is(bad.code, 1, bad.stderr);
  assert.match(bad.stdout, /line 3, case 0, 66KB0000002: courtCode/, bad.stdout);
  assert.is((await runCli("import", [], { DATA_DIR: dir })).code, 2);
});

test.run();
