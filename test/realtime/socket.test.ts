/**
 * Socket.IO as a user and as an attacker sees it (research/security.md §3, SIO-01..SIO-11;
 * DESIGN §11): real socket.io-client connections to a real server on loopback.
 */
import { WebSocket } from "ws";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { cookieSettings } from "../../server/http/cookies.ts";
import type { PresencePerson } from "../../shared/protocol/socket-events.ts";
import { upgradeStatus } from "../helpers/collab-client.ts";
import { makePdf } from "../helpers/pdf-factory.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { closeSockets, inRoom, openSocket, type RecordingSocket, serverSocket } from "../helpers/socket-client.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

const USERS = { pat: "pat.cole@cps.example", dan: "dan.reyes@reyes-law.example", amy: "amy.hart@hart-defence.example", sam: "sam.ortiz@court.example" };
type Who = keyof typeof USERS;
const MULTI = "case-0001"; // def-0001 (Reyes Law, dan) and def-0002 (Hart Defence, amy)
const EVIL = "https://evil.test";
const ENV = { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" };

type Served = { caseId: string; document: { id: string; title: string } };
type Presence = { caseId: string; people: PresencePerson[] };
type Ack = { ok: boolean; error?: string };
type Context = { server: TestServer; c: Record<Who, string> };

async function serve(server: TestServer, cookie: string, caseId: string, title: string, visibility: string) {
  const form = new FormData();
  form.append("section", "exhibits");
  form.append("title", title);
  form.append("visibility", visibility);
  form.append("file", new Blob([new Uint8Array(await makePdf({ text: title }))], { type: "application/pdf" }), "exhibit.pdf");
  const res = await fetch(`${server.url}/api/cases/${caseId}/documents`, {
    method: "POST",
    body: form,
    headers: { cookie, "x-requested-with": "caseroom", origin: server.origin },
  });
  const body = (await res.json()) as { id: string };
  assert.is(res.status, 201, `serving ${title}`);
  return body;
}

/** Open sockets for these users and wait until the server has put each in the case-0001 rooms. */
async function openInCase(server: TestServer, c: Record<Who, string>, who: Who[], caseId = MULTI): Promise<RecordingSocket[]> {
  const clients = who.map((w) => openSocket(server, c[w]));
  await Promise.all(clients.map((client) => client.connected()));
  await Promise.all(clients.map((client) => inRoom(server, client, `case:${caseId}`)));
  return clients;
}

const servedTitled = (client: RecordingSocket, title: string) =>
  client.named("document:served").filter((e) => (e.args[0] as Served).document.title === title);

const emitWithAck = (client: RecordingSocket, event: string, ...args: unknown[]) => client.socket.timeout(3000).emitWithAck(event, ...args) as Promise<Ack>;

const rejectedWithin = (client: RecordingSocket) => eventually(() => (client.socket.connected ? undefined : true), 5000);

const test = suite<Context>("Socket.IO: authentication, origin, rooms, limits, validation", {
  server: undefined as unknown as TestServer,
  c: {} as Record<Who, string>,
});

test.before(async (context) => {
  context.server = await startTestServer({ env: ENV });
  for (const [key, id] of Object.entries(USERS)) context.c[key as Who] = await signIn(context.server, id);
});
test.after(async ({ server }) => {
  await server.close();
});

test("SIO-01 no session cookie (or a made-up one): connect_error 'unauthorized' and no events", async ({ server }) => {
  const anonymous = openSocket(server, null);
  const forged = openSocket(server, `${cookieSettings(false).session.name}=${"A".repeat(43)}`);
  try {
    assert.is(await anonymous.refused(), "unauthorized");
    assert.is(await forged.refused(), "unauthorized");
    assert.not.ok(anonymous.socket.connected);
    assert.equal(anonymous.events, []);
    assert.equal(forged.events, []);
    assert.is((await server.running.realtime.sockets.io.fetchSockets()).length, 0, "no server-side socket exists");
  } finally {
    anonymous.close();
    forged.close();
  }
});

test("SIO-02 a valid session from Origin https://evil.test is refused over websocket and polling", async ({ server, c }) => {
  const ws = openSocket(server, c.pat, { origin: EVIL, transports: ["websocket"] });
  const polling = openSocket(server, c.pat, { origin: EVIL, transports: ["polling"] });
  const noOrigin = openSocket(server, c.pat, { origin: null, transports: ["polling"] });
  const good = openSocket(server, c.pat, { transports: ["polling"] });
  try {
    await ws.refused();
    await polling.refused();
    await noOrigin.refused();
    await good.connected();
    for (const refused of [ws, polling, noOrigin]) {
      assert.not.ok(refused.socket.connected);
      assert.equal(refused.events, []);
    }
    // What the attacker's raw requests get: an error before any session exists.
    const poll = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie: c.pat, origin: EVIL } });
    assert.ok([400, 403].includes(poll.status), `polling handshake answered ${poll.status}`);
    assert.not.match(await poll.text(), /"sid"/);
    const upgrade = await upgradeStatus(`${server.url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { cookie: c.pat, origin: EVIL });
    assert.ok([400, 403].includes(upgrade), `websocket handshake answered ${upgrade}`);
    const live = await server.running.realtime.sockets.io.fetchSockets();
    assert.equal(
      live.map((s) => s.id),
      [good.socket.id],
      "only the same-origin socket exists on the server",
    );
  } finally {
    await closeSockets(server, [ws, polling, noOrigin, good]);
  }
});

test("SIO-03 client 'join' requests are ignored: rooms come only from the server-side ACL", async ({ server, c }) => {
  const [pat, dan] = await openInCase(server, c, ["pat", "dan"]);
  try {
    const attempts = [
      "case:case-0001:party:defence:reyes-law",
      "case:case-0001:party:court",
      `user:${USERS.dan}`,
      dan?.socket.id,
      "case:case-9999",
      "evil",
    ];
    for (const room of attempts) {
      pat?.socket.emit("join", room);
      pat?.socket.emit("join", { room });
      pat?.socket.emit("subscribe", { room });
      pat?.socket.emit("room:join", room);
    }
    // A round trip after the attempts: the server has processed them.
    assert.equal(await emitWithAck(pat!, "presence:update", { caseId: MULTI, location: null }), { ok: true });

    for (const [who, client, party] of [
      ["pat", pat, "prosecution"],
      ["dan", dan, "defence:reyes-law"],
    ] as const) {
      const s = await serverSocket(server, client?.socket.id);
      assert.ok(s, `${who}'s socket is on the server`);
      const rooms = [...(s?.rooms ?? [])];
      assert.ok(rooms.includes(client?.socket.id ?? "-"), "its own id");
      assert.ok(rooms.includes(`user:${USERS[who]}`));
      assert.ok(rooms.includes(`case:${MULTI}`) && rooms.includes(`case:${MULTI}:party:${party}`));
      const api = apiAs(server, c[who]);
      for (const room of rooms) {
        if (room === client?.socket.id || room === `user:${USERS[who]}`) continue;
        const m = /^case:([A-Za-z0-9-]+)(?::party:(.+))?$/.exec(room);
        assert.ok(m, `${who} is in an unexpected room ${room}`);
        if (m?.[2] !== undefined) assert.is(m[2], party, `${who} is only in its own party's rooms (${room})`);
        assert.ok(rooms.includes(`case:${m?.[1]}`) && rooms.includes(`case:${m?.[1]}:party:${party}`), `${room} comes in pairs`);
        assert.is((await api.get(`/api/cases/${m?.[1]}`)).status, 200, `${who} may see ${m?.[1]}`);
      }
    }
    const patRooms = (await serverSocket(server, pat?.socket.id))?.rooms;
    for (const attempt of attempts) assert.not.ok(patRooms?.has(attempt ?? "-"), `pat did not join ${attempt}`);
    const danRooms = (await serverSocket(server, dan?.socket.id))?.rooms;
    assert.not.ok(danRooms?.has("case:case-0004"), "nobody represents Quill yet: dan is not in case-0004");
    assert.is((await apiAs(server, c.dan).get("/api/cases/case-0004")).status, 404);
  } finally {
    await closeSockets(server, [pat!, dan!]);
  }
});

test("SIO-04 a document restricted to def-0001 reaches dan only; one for all reaches every party", async ({ server, c }) => {
  const [pat, dan, amy, sam] = await openInCase(server, c, ["pat", "dan", "amy", "sam"]);
  try {
    // Amy also tries to put herself into Reyes Law's room first.
    amy?.socket.emit("join", `case:${MULTI}:party:defence:reyes-law`);
    amy?.socket.emit("join", dan?.socket.id);
    const restricted = await serve(server, c.pat, MULTI, "Antecedents of Fenwick (socket)", "def-0001");
    await eventually(() => (servedTitled(dan!, "Antecedents of Fenwick (socket)").length === 1 ? true : undefined));
    await eventually(() => (servedTitled(pat!, "Antecedents of Fenwick (socket)").length === 1 ? true : undefined));
    await eventually(() => (servedTitled(sam!, "Antecedents of Fenwick (socket)").length === 1 ? true : undefined));
    const payload = dan?.named("document:served")[0]?.args[0] as Served;
    assert.is(payload.caseId, MULTI);
    assert.is(payload.document.id, restricted.id);

    const forAll = await serve(server, c.pat, MULTI, "Plan of the yard (socket)", "all");
    for (const client of [pat, dan, amy, sam]) {
      await eventually(() => (servedTitled(client!, "Plan of the yard (socket)").length === 1 ? true : undefined));
    }
    // Amy's socket got exactly one event, the document for all: nothing about the restricted one.
    assert.equal(
      amy?.events.map((e) => [e.event, (e.args[0] as Served).document.id]),
      [["document:served", forAll.id]],
    );
    assert.not.match(JSON.stringify(amy?.events), /Fenwick|Antecedents/);
    assert.is(dan?.events.length, 2);
  } finally {
    await closeSockets(server, [pat!, dan!, amy!, sam!]);
  }
});

test("presence: everyone sees who is in the case; only their own party sees where", async ({ server, c }) => {
  const [pat, dan, amy] = await openInCase(server, c, ["pat", "dan", "amy"]);
  try {
    const here = { view: "document", id: "doc-0001" };
    assert.equal(await emitWithAck(pat!, "presence:update", { caseId: MULTI, location: here }), { ok: true });
    assert.equal(await emitWithAck(dan!, "presence:update", { caseId: MULTI, location: here }), { ok: true });
    const latestWithBoth = (client: RecordingSocket) =>
      eventually(() => {
        const last = client.named("presence").at(-1)?.args[0] as Presence | undefined;
        return last && last.caseId === MULTI && last.people.some((p) => p.userId === USERS.pat) && last.people.some((p) => p.userId === USERS.dan) ? last : undefined;
      });

    const seenByPat = await latestWithBoth(pat!);
    const danForPat = seenByPat.people.find((p) => p.userId === USERS.dan);
    const patForPat = seenByPat.people.find((p) => p.userId === USERS.pat);
    assert.is(danForPat?.name, "Dan Reyes");
    assert.is(danForPat?.organisation, "Reyes Law LLP");
    assert.not.ok(danForPat && "location" in danForPat, "the prosecution does not see where the defence is");
    assert.equal(patForPat?.location, here, "own party's location is shown");

    const seenByDan = await latestWithBoth(dan!);
    assert.not.ok("location" in (seenByDan.people.find((p) => p.userId === USERS.pat) ?? {}));
    assert.equal(seenByDan.people.find((p) => p.userId === USERS.dan)?.location, here);

    const seenByAmy = await latestWithBoth(amy!);
    assert.ok(
      seenByAmy.people.every((p) => !("location" in p)),
      "another defence firm sees nobody's location",
    );
    assert.not.match(JSON.stringify(amy?.events), /doc-0001/);

    // Leaving the case (a null location) takes Dan off everyone's list at once.
    assert.equal(await emitWithAck(dan!, "presence:update", { caseId: MULTI, location: null }), { ok: true });
    await eventually(() => {
      const last = pat?.named("presence").at(-1)?.args[0] as Presence | undefined;
      return last && !last.people.some((p) => p.userId === USERS.dan) ? true : undefined;
    });
  } finally {
    await closeSockets(server, [pat!, dan!, amy!]);
  }
});

test("SIO-05 a payload above 64 kB closes that socket; the server and other sockets carry on", async ({ server, c }) => {
  const [big, bigPolling, pat, amy] = [
    openSocket(server, c.dan),
    openSocket(server, c.dan, { transports: ["polling"] }),
    ...(await openInCase(server, c, ["pat", "amy"])),
  ];
  try {
    await big?.connected();
    await bigPolling?.connected();
    const huge = { caseId: MULTI, location: { view: "document", id: "x".repeat(70 * 1024) } };
    big?.socket.emit("presence:update", huge);
    bigPolling?.socket.emit("presence:update", huge);
    await rejectedWithin(big!);
    await rejectedWithin(bigPolling!);
    assert.is(big?.disconnectReasons[0], "transport close");
    assert.ok(bigPolling?.disconnectReasons.length === 1, "the polling socket is closed too");
    assert.is((await fetch(`${server.url}/healthz`)).status, 200);
    const before = amy?.named("presence").length ?? 0;
    assert.equal(await emitWithAck(pat!, "presence:update", { caseId: MULTI, location: { view: "overview" } }), { ok: true });
    await eventually(() => ((amy?.named("presence").length ?? 0) > before ? true : undefined));
    assert.ok(pat?.socket.connected && amy?.socket.connected);
  } finally {
    await closeSockets(server, [big!, bigPolling!, pat!, amy!]);
  }
});

test("SIO-06 a flood of 200 presence:update emits disconnects that socket only", async ({ server, c }) => {
  const [flooder, pat, amy] = await openInCase(server, c, ["dan", "pat", "amy"]);
  try {
    for (let i = 0; i < 200; i++) flooder?.socket.emit("presence:update", { caseId: MULTI, location: { view: "overview" } });
    await rejectedWithin(flooder!);
    assert.is(flooder?.disconnectReasons[0], "io server disconnect");
    assert.not.ok(await serverSocket(server, flooder?.socket.id ?? "gone"));
    assert.is((await fetch(`${server.url}/healthz`)).status, 200);
    const before = amy?.named("presence").length ?? 0;
    assert.equal(await emitWithAck(pat!, "presence:update", { caseId: MULTI, location: { view: "documents" } }), { ok: true });
    await eventually(() => ((amy?.named("presence").length ?? 0) > before ? true : undefined));
    assert.ok(pat?.socket.connected && amy?.socket.connected, "the others stay connected");
  } finally {
    await closeSockets(server, [flooder!, pat!, amy!]);
  }
});

test("SIO-09 malformed presence:update payloads get request.invalid; no crash, no prototype pollution", async ({ server, c }) => {
  const [pat] = await openInCase(server, c, ["pat"]);
  const invalid = { ok: false, error: "request.invalid" };
  try {
    const bad: unknown[] = [
      "case-0001",
      42,
      null,
      [MULTI],
      {},
      { caseId: 1, location: null },
      { caseId: MULTI },
      { caseId: MULTI, location: "document" },
      { caseId: MULTI, location: { view: "everything" } },
      { caseId: MULTI, location: { view: "document", id: 7 } },
      { caseId: MULTI, location: null, extra: true },
      { caseId: MULTI, location: { view: "document", id: "doc-0001", userId: USERS.dan } },
      JSON.parse('{"caseId":"case-0001","location":null,"__proto__":{"polluted":"yes"}}'),
      JSON.parse('{"caseId":"case-0001","location":{"view":"overview","__proto__":{"polluted":"yes"}}}'),
      JSON.parse('{"caseId":"case-0001","location":{"view":"overview","constructor":{"prototype":{"polluted":"yes"}}}}'),
      { caseId: "__proto__", location: null },
      { caseId: "case-9999", location: null },
      { caseId: `case:${MULTI}:party:prosecution`, location: null },
      { caseId: "x".repeat(65), location: null },
    ];
    for (const payload of bad) assert.equal(await emitWithAck(pat!, "presence:update", payload), invalid, JSON.stringify(payload));
    // Polluted payloads without an ack, and with extra arguments, do not break the socket either.
    pat?.socket.emit("presence:update", JSON.parse('{"__proto__":{"polluted":"yes"}}'));
    pat?.socket.emit("presence:update", JSON.parse('{"__proto__":{"polluted":"yes"}}'), { __proto__: null, extra: true }, () => undefined);
    pat?.socket.emit("presence:update");
    assert.is(({} as Record<string, unknown>).polluted, undefined, "Object.prototype is not polluted");
    assert.is(Object.hasOwn(Object.prototype, "polluted"), false);
    assert.equal(await emitWithAck(pat!, "presence:update", { caseId: MULTI, location: { view: "document", id: "doc-0001" } }), { ok: true });
    assert.ok(pat?.socket.connected);
    assert.is((await fetch(`${server.url}/healthz`)).status, 200);
  } finally {
    await closeSockets(server, [pat!]);
  }
});

test("SIO-09 a case the user cannot see is request.invalid (dan and case-0004)", async ({ server, c }) => {
  const [dan] = await openInCase(server, c, ["dan"]);
  try {
    assert.equal(await emitWithAck(dan!, "presence:update", { caseId: "case-0004", location: null }), { ok: false, error: "request.invalid" });
    assert.equal(await emitWithAck(dan!, "presence:update", { caseId: MULTI, location: null }), { ok: true });
  } finally {
    await closeSockets(server, [dan!]);
  }
});

test("SIO-10 a collab upgrade whose authorisation takes 1.5 s still opens beside Socket.IO", async ({ server, c }) => {
  // Socket.IO must not end upgrades on other paths after 1 s (research/security.md §3.1).
  assert.is(server.running.realtime.sockets.io._opts.destroyUpgrade, false);
  const cases = server.deps.store.cases;
  const original = cases.get;
  cases.get = async (id: string) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return original(id);
  };
  const started = Date.now();
  let ws: WebSocket | undefined;
  try {
    ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/collab/case/${MULTI}/notes/shared/prosecution?caseroom=1`, {
      headers: { cookie: c.pat, origin: server.origin },
    });
    const outcome = await new Promise<string>((resolve) => {
      ws?.once("open", () => resolve("open"));
      ws?.once("unexpected-response", (_req, res) => resolve(`refused ${res.statusCode}`));
      ws?.once("error", (error) => resolve(`error ${error.message}`));
      ws?.once("close", (code) => resolve(`closed ${code}`));
    });
    assert.is(outcome, "open");
    assert.ok(Date.now() - started >= 1500, "the slow authorisation was in the path");
  } finally {
    cases.get = original;
    ws?.terminate();
  }
});

test("SIO-08 connection-state recovery is off: a reconnect is a new, re-authenticated socket", async ({ server, c }) => {
  assert.is(server.running.realtime.sockets.io._opts.connectionStateRecovery, undefined);
  const pat = openSocket(server, c.pat, { reconnection: true });
  try {
    await pat.connected();
    await inRoom(server, pat, `case:${MULTI}`);
    const first = pat.socket.id;
    let reconnects = 0;
    pat.socket.io.on("reconnect", () => {
      reconnects++;
    });
    // The network drops (the transport closes without a Socket.IO disconnect).
    pat.socket.io.engine.close();
    await eventually(() => (reconnects > 0 && pat.socket.connected ? true : undefined));
    assert.not.ok(pat.socket.recovered, "nothing was recovered");
    assert.is.not(pat.socket.id, first);
    assert.not.ok(await serverSocket(server, first), "the old socket is gone");
    await inRoom(server, pat, `case:${MULTI}`);
  } finally {
    await closeSockets(server, [pat]);
  }
});

test("SIO-07/08 sign-out: every socket of that session is told and dropped within 5 s; the cookie no longer connects", async ({ server }) => {
  const session = await signIn(server, USERS.pat);
  const other = await signIn(server, USERS.pat);
  const ws = openSocket(server, session);
  const polling = openSocket(server, session, { transports: ["polling"] });
  const otherSession = openSocket(server, other);
  const reconnect: RecordingSocket[] = [];
  try {
    await Promise.all([ws.connected(), polling.connected(), otherSession.connected()]);
    await Promise.all([ws, polling, otherSession].map((client) => inRoom(server, client, `user:${USERS.pat}`)));
    const started = Date.now();
    const logout = await fetch(`${server.url}/auth/logout`, { method: "POST", headers: { cookie: session, "x-requested-with": "caseroom", origin: server.origin } });
    assert.is(logout.status, 204);
    for (const client of [ws, polling]) {
      await rejectedWithin(client);
      assert.equal(client.named("access:revoked").map((e) => e.args[0]), [{ caseId: null, reason: "signed-out" }]);
      assert.is(client.disconnectReasons[0], "io server disconnect");
    }
    assert.ok(Date.now() - started < 5000, `dropped after ${Date.now() - started} ms`);
    assert.ok(otherSession.socket.connected, "another session of the same user is not affected");
    assert.equal(otherSession.named("access:revoked"), []);

    // Reconnecting with the old cookie must authenticate again, and fails (no recovery).
    for (const transports of [["websocket"], ["polling"]] as const) {
      const again = openSocket(server, session, { transports: [...transports] });
      reconnect.push(again);
      assert.is(await again.refused(), "unauthorized");
      assert.equal(again.events, []);
    }
  } finally {
    await closeSockets(server, [ws, polling, otherSession, ...reconnect]);
  }
});

test.run();

const revoke = suite<Context>("Socket.IO: access ended by the court (fresh server)", {
  server: undefined as unknown as TestServer,
  c: {} as Record<Who, string>,
});

revoke.before(async (context) => {
  context.server = await startTestServer({ env: ENV });
  for (const [key, id] of Object.entries(USERS)) context.c[key as Who] = await signIn(context.server, id);
});
revoke.after(async ({ server }) => {
  await server.close();
});

revoke("SIO-11 ending dan's association removes his socket from case-0001 within 5 s; no further events", async ({ server, c }) => {
  const [pat, dan, amy] = await openInCase(server, c, ["pat", "dan", "amy"]);
  try {
    assert.equal(await emitWithAck(dan!, "presence:update", { caseId: MULTI, location: { view: "documents" } }), { ok: true });
    await eventually(() => ((pat?.named("presence").at(-1)?.args[0] as Presence | undefined)?.people.some((p) => p.userId === USERS.dan) ? true : undefined));

    const started = Date.now();
    assert.is((await apiAs(server, c.sam).delete("/api/associations/assoc-0001")).status, 204);
    const revoked = await eventually(() => dan?.named("access:revoked")[0]?.args[0]);
    assert.ok(Date.now() - started < 5000);
    assert.equal(revoked, { caseId: MULTI, reason: "access-ended" });
    assert.ok(dan?.socket.connected, "dan keeps his socket for his other cases");

    const rooms = (await serverSocket(server, dan?.socket.id))?.rooms ?? new Set<string>();
    assert.not.ok(rooms.has(`case:${MULTI}`));
    assert.not.ok([...rooms].some((r) => r.startsWith(`case:${MULTI}:`)), [...rooms].join(", "));
    assert.ok(rooms.has("case:case-0002"), "still in a case Reyes Law represents");
    assert.is((await apiAs(server, c.dan).get(`/api/cases/${MULTI}`)).status, 404);
    // Pat is told dan is no longer present.
    await eventually(() => {
      const last = pat?.named("presence").at(-1)?.args[0] as Presence | undefined;
      return last && !last.people.some((p) => p.userId === USERS.dan) ? true : undefined;
    });

    const danBefore = dan?.events.length ?? 0;
    await serve(server, c.pat, MULTI, "Further statement (after access ended)", "all");
    await eventually(() => (servedTitled(amy!, "Further statement (after access ended)").length === 1 ? true : undefined));
    await eventually(() => (servedTitled(pat!, "Further statement (after access ended)").length === 1 ? true : undefined));
    // A round trip on dan's socket after the serving: anything sent to him has arrived by now.
    assert.equal(await emitWithAck(dan!, "presence:update", { caseId: MULTI, location: null }), { ok: false, error: "request.invalid" });
    assert.equal(dan?.events.slice(danBefore), [], "dan receives nothing more from case-0001");
  } finally {
    await closeSockets(server, [pat!, dan!, amy!]);
  }
});

revoke("a new association puts dan's open socket into the case's rooms", async ({ server, c }) => {
  const [dan] = await openInCase(server, c, ["dan"], "case-0002");
  try {
    assert.not.ok((await serverSocket(server, dan?.socket.id))?.rooms.has("case:case-0004"));
    const associated = await apiAs(server, c.dan).post("/api/associations", { urn: "97KB1234526", surname: "Quill", dateOfBirth: "1990-02-14" });
    assert.is(associated.status, 201);
    await inRoom(server, dan!, "case:case-0004");
    await inRoom(server, dan!, "case:case-0004:party:defence:reyes-law");
    await serve(server, c.pat, "case-0004", "Quill summary (socket)", "all");
    await eventually(() => (servedTitled(dan!, "Quill summary (socket)").length === 1 ? true : undefined));
  } finally {
    await closeSockets(server, [dan!]);
  }
});

revoke.run();
