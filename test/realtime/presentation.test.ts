import * as assert from "uvu/assert";
import { suite } from "uvu";
import type { PresentationState } from "../../shared/protocol/socket-events.ts";
import { openSocket, type RecordingSocket } from "../helpers/socket-client.ts";
import { signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

const USERS = { pat: "pat.cole@cps.example", dan: "dan.reyes@reyes-law.example", amy: "amy.hart@hart-defence.example", morgan: "hhj.morgan@judiciary.example" };
const test = suite<{ server: TestServer; sockets: Record<keyof typeof USERS, RecordingSocket> }>("presenting a document in a hearing", {
  server: undefined as unknown as TestServer,
  sockets: {} as Record<keyof typeof USERS, RecordingSocket>,
});

test.before(async (context) => {
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });
  for (const [key, id] of Object.entries(USERS)) {
    const socket = openSocket(context.server, await signIn(context.server, id));
    await socket.connected();
    context.sockets[key as keyof typeof USERS] = socket;
  }
  await eventually(async () => ((await context.server.running.realtime.sockets.io.in("case:case-0001").fetchSockets()).length >= 4 ? true : undefined));
});
test.after(async ({ server, sockets }) => {
  for (const s of Object.values(sockets)) s.close();
  await server.close();
});

const ask = (s: RecordingSocket, event: string, payload: unknown) =>
  s.socket.timeout(3000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: string }>;
const latest = (s: RecordingSocket) => s.named("presentation:state").at(-1)?.args[0] as PresentationState | undefined;
const until = (s: RecordingSocket, predicate: (state: PresentationState) => boolean) =>
  eventually(() => {
    const state = latest(s);
    return state && predicate(state) ? state : undefined;
  });

test("the presenter leads page and zoom; followers see it; others cannot steer; the court takes over; stopping ends it", async ({ sockets }) => {
  assert.equal(await ask(sockets.pat, "presentation:start", { caseId: "case-0001", documentId: "doc-0001" }), { ok: true });
  for (const who of ["dan", "amy", "morgan"] as const) {
    const state = await until(sockets[who], (s) => s.presenter?.userId === USERS.pat);
    assert.is(state.documentId, "doc-0001");
  }
  assert.equal(await ask(sockets.pat, "presentation:move", { caseId: "case-0001", page: 3, zoom: 1.5 }), { ok: true });
  const moved = await until(sockets.dan, (s) => s.page === 3);
  assert.is(moved.zoom, 1.5);
  assert.equal(await ask(sockets.dan, "presentation:move", { caseId: "case-0001", page: 1, zoom: 1 }), { ok: false, error: "presentation.not_presenter" });
  assert.equal(await ask(sockets.amy, "presentation:start", { caseId: "case-0001", documentId: "doc-0001" }), { ok: false, error: "presentation.busy" });
  assert.equal(await ask(sockets.amy, "presentation:stop", { caseId: "case-0001" }), { ok: false, error: "presentation.not_presenter" });
  assert.equal(await ask(sockets.morgan, "presentation:start", { caseId: "case-0001", documentId: "doc-0002" }), { ok: true }, "the court takes over");
  await until(sockets.pat, (s) => s.presenter?.userId === USERS.morgan && s.documentId === "doc-0002");
  assert.equal(await ask(sockets.morgan, "presentation:stop", { caseId: "case-0001" }), { ok: true });
  await until(sockets.dan, (s) => s.presenter === null);
});

test("a restricted document's presentation reaches only those who may read it", async ({ sockets }) => {
  assert.equal(await ask(sockets.pat, "presentation:start", { caseId: "case-0001", documentId: "doc-0005" }), { ok: true });
  await until(sockets.dan, (s) => s.documentId === "doc-0005");
  const amySaw = await until(sockets.amy, (s) => s.presenter === null || s.documentId === "doc-0005");
  assert.is(amySaw.documentId, null, "Hart Defence is not told the restricted record is being shown");
  assert.not.match(JSON.stringify(sockets.amy.events), /doc-0005/);
  assert.equal(await ask(sockets.amy, "presentation:start", { caseId: "case-0001", documentId: "doc-0005" }), { ok: false, error: "request.invalid" }, "cannot present what one cannot read");
  assert.equal(await ask(sockets.pat, "presentation:stop", { caseId: "case-0001" }), { ok: true });
});

test("malformed presentation events are refused; a presenter who disconnects ends the presentation", async ({ server, sockets }) => {
  for (const payload of [{}, { caseId: "case-0001" }, { caseId: "case-0001", documentId: 5 }, { caseId: "case-0004", documentId: "doc-0001" }]) {
    assert.equal(await ask(sockets.dan, "presentation:start", payload), { ok: false, error: "request.invalid" });
  }
  assert.equal(await ask(sockets.dan, "presentation:move", { caseId: "case-0001", page: -1, zoom: 1 }), { ok: false, error: "request.invalid" });
  const temporary = openSocket(server, await signIn(server, USERS.dan));
  await temporary.connected();
  await eventually(async () => ((await server.running.realtime.sockets.io.in("case:case-0001").fetchSockets()).length >= 5 ? true : undefined));
  assert.equal(await ask(temporary, "presentation:start", { caseId: "case-0001", documentId: "doc-0001" }), { ok: true });
  await until(sockets.pat, (s) => s.presenter?.userId === USERS.dan);
  temporary.close();
  await until(sockets.pat, (s) => s.presenter === null);
});

test.run();
