import * as assert from "uvu/assert";
import { suite } from "uvu";
import * as Y from "yjs";
import { type CollabClient, openCollab } from "../helpers/collab-client.ts";
import {
  createTestDatabase,
  type Instance,
  servicesMissing,
  startInstance,
  startRedis,
  stopAll,
  type TestDatabase,
  type TestRedis,
} from "../helpers/cluster.ts";
import { openPostgres } from "../../server/storage/postgres/pg-store.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { openSocket, type RecordingSocket } from "../helpers/socket-client.ts";
import { eventually, type TestServer } from "../helpers/test-server.ts";

/**
 * Two Caseroom processes on one PostgreSQL database and one Redis (DESIGN §5): what a user does
 * on one instance reaches users on the other, and nothing is lost when Redis or an instance dies.
 */
type Cluster = { a: Instance; b: Instance; redis: TestRedis; database: TestDatabase };
const test = suite<{ cluster: Cluster }>("scale-out: two instances, PostgreSQL and Redis", { cluster: undefined as unknown as Cluster });

const missing = await servicesMissing();
const NOTES = "case/case-0002/notes/team/prosecution";
const asServer = (i: Instance) => i as unknown as TestServer;

test.before(async (context) => {
  if (missing) return;
  const database = await createTestDatabase();
  const redis = await startRedis();
  // The first start loads the demo data; the second finds it there.
  const a = await startInstance({ databaseUrl: database.url, redisUrl: redis.url });
  const b = await startInstance({ databaseUrl: database.url, redisUrl: redis.url });
  context.cluster = { a, b, redis, database };
});

test.after(async ({ cluster }) => {
  if (cluster) await stopAll([cluster.a, cluster.b], cluster.redis, cluster.database);
});

const clients: (CollabClient | RecordingSocket)[] = [];
test.after.each(() => {
  for (const c of clients.splice(0)) "destroy" in c ? c.destroy() : c.close();
});
const track = <T extends CollabClient | RecordingSocket>(c: T): T => {
  clients.push(c);
  return c;
};
const items = (c: CollabClient) => c.doc.getArray<string>("items").toArray();

if (missing) {
  if (process.env.CI === "true") test("PostgreSQL and Redis are available", () => assert.unreachable(missing));
  else process.stderr.write(`scale-out tests skipped: ${missing}\n`);
} else {
  test("/readyz on each instance reports PostgreSQL and Redis", async ({ cluster }) => {
    for (const instance of [cluster.a, cluster.b]) {
      const response = await fetch(`${instance.url}/readyz`);
      assert.equal(await response.json(), { status: "ready", store: "ok", redis: "ok" });
    }
  });

  test("a session made on one instance is good on the other", async ({ cluster }) => {
    const cookie = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const me = await apiAs(asServer(cluster.b), cookie).get("/api/me");
    assert.is(me.status, 200);
  });

  test("collab clients on different instances converge both ways", async ({ cluster }) => {
    const cookie = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const onA = track(openCollab(cluster.a, cookie, NOTES));
    const onB = track(openCollab(cluster.b, cookie, NOTES));
    await Promise.all([onA.synced(), onB.synced()]);
    onA.doc.getArray<string>("items").push(["from A"]);
    onB.doc.getArray<string>("items").push(["from B"]);
    await eventually(() => (items(onA).length === 2 && items(onB).length === 2 ? true : undefined));
    assert.equal(items(onA), items(onB));
    assert.equal(new Set(items(onA)), new Set(["from A", "from B"]));
    // A third client, on B, that was never connected gets both from the store and the relay.
    const late = track(openCollab(cluster.b, cookie, NOTES));
    await late.synced();
    assert.equal(items(late), items(onA));
  });

  test("awareness crosses instances with the session's identity", async ({ cluster }) => {
    const pat = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const onA = track(openCollab(cluster.a, pat, NOTES));
    const onB = track(openCollab(cluster.b, pat, NOTES));
    await Promise.all([onA.synced(), onB.synced()]);
    onA.provider.awareness.setLocalStateField("user", { name: "Somebody Else" });
    onA.provider.awareness.setLocalStateField("cursor", { page: 3 });
    const seen = await eventually(() => {
      const state = onB.provider.awareness.getStates().get(onA.doc.clientID) as { user?: { name: string }; cursor?: { page: number } } | undefined;
      return state?.cursor?.page === 3 ? state : undefined;
    });
    assert.is(seen.user?.name, "Pat Cole", "the name comes from the session, not the client");
  });

  test("a direction issued through instance A reaches sockets on instance B", async ({ cluster }) => {
    const judge = await signIn(asServer(cluster.a), "hhj.morgan@judiciary.example");
    const dan = await signIn(asServer(cluster.b), "dan.reyes@reyes-law.example");
    const socket = track(openSocket(cluster.b, dan));
    await socket.connected();
    const text = `Serve the defence statement (${Date.now()}).`;
    await eventually(async () => {
      // Rooms are joined just after the connection; issue once the socket is in them.
      const issued = await apiAs(asServer(cluster.a), judge).post("/api/cases/case-0001/directions", {
        directions: [{ text, responsibleParty: "defence", dueOn: "2027-01-08" }],
      });
      assert.is(issued.status, 201);
      return true;
    });
    const received = await eventually(() =>
      socket.named("direction:issued").find((e) => JSON.stringify(e.args[0]).includes(text)),
    );
    assert.is((received.args[0] as { caseId: string }).caseId, "case-0001");
  });

  test("presence crosses instances: who is there for everyone, where only for their own party", async ({ cluster }) => {
    const pat = track(openSocket(cluster.a, await signIn(asServer(cluster.a), "pat.cole@cps.example")));
    const dan = track(openSocket(cluster.b, await signIn(asServer(cluster.b), "dan.reyes@reyes-law.example")));
    await Promise.all([pat.connected(), dan.connected()]);
    const here = { view: "document", id: "doc-0001" };
    await eventually(async () => {
      const ack = (await pat.socket.timeout(3000).emitWithAck("presence:update", { caseId: "case-0001", location: here })) as { ok: boolean };
      return ack.ok ? true : undefined;
    });
    await dan.socket.timeout(3000).emitWithAck("presence:update", { caseId: "case-0001", location: here });
    type Person = { userId: string; name: string; location?: unknown };
    const latest = (client: RecordingSocket) =>
      eventually(() => {
        const last = client.named("presence").at(-1)?.args[0] as { caseId: string; people: Person[] } | undefined;
        return last && last.people.length === 2 ? last.people : undefined;
      }, 5_000);
    const seenByDan = await latest(dan);
    assert.is(seenByDan.find((p) => p.userId === "pat.cole@cps.example")?.name, "Pat Cole");
    assert.not.ok("location" in (seenByDan.find((p) => p.userId === "pat.cole@cps.example") ?? {}), "the defence does not see where the prosecution is");
    const seenByPat = await latest(pat);
    assert.equal(seenByPat.find((p) => p.userId === "pat.cole@cps.example")?.location, here);
    assert.not.ok("location" in (seenByPat.find((p) => p.userId === "dan.reyes@reyes-law.example") ?? {}));
    // Leaving on B takes Dan off Pat's list on A.
    dan.close();
    await eventually(() => {
      const last = pat.named("presence").at(-1)?.args[0] as { people: Person[] } | undefined;
      return last && last.people.length === 1 ? true : undefined;
    }, 5_000);
  });

  test("a presentation on A is followed on B, by newcomers too, and a restricted one only by those who may read it", async ({ cluster }) => {
    type State = { presenter: { userId: string } | null; documentId: string | null; page: number };
    const ask = (s: RecordingSocket, event: string, payload: unknown) => s.socket.timeout(3000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: string }>;
    const until = (s: RecordingSocket, predicate: (state: State) => boolean) =>
      eventually(() => {
        const state = s.named("presentation:state").at(-1)?.args[0] as State | undefined;
        return state && predicate(state) ? state : undefined;
      }, 5_000);
    const pat = track(openSocket(cluster.a, await signIn(asServer(cluster.a), "pat.cole@cps.example")));
    const dan = track(openSocket(cluster.b, await signIn(asServer(cluster.b), "dan.reyes@reyes-law.example")));
    const amy = track(openSocket(cluster.b, await signIn(asServer(cluster.b), "amy.hart@hart-defence.example")));
    await Promise.all([pat.connected(), dan.connected(), amy.connected()]);
    await eventually(async () => ((await ask(pat, "presentation:start", { caseId: "case-0001", documentId: "doc-0001" })).ok ? true : undefined));
    await until(dan, (s) => s.presenter?.userId === "pat.cole@cps.example" && s.documentId === "doc-0001");
    assert.equal(await ask(pat, "presentation:move", { caseId: "case-0001", page: 4, zoom: 1 }), { ok: true });
    await until(dan, (s) => s.page === 4);
    assert.equal(await ask(dan, "presentation:start", { caseId: "case-0001", documentId: "doc-0001" }), { ok: false, error: "presentation.busy" }, "one presenter, whichever instance");
    const judge = track(openSocket(cluster.b, await signIn(asServer(cluster.b), "hhj.morgan@judiciary.example")));
    await judge.connected();
    await until(judge, (s) => s.page === 4 && s.documentId === "doc-0001");
    // doc-0005 is restricted to Reyes Law's client: Hart Defence on B is not told it is shown.
    assert.equal(await ask(pat, "presentation:start", { caseId: "case-0001", documentId: "doc-0005" }), { ok: true });
    await until(dan, (s) => s.documentId === "doc-0005");
    await until(amy, (s) => s.presenter === null);
    assert.not.match(JSON.stringify(amy.events), /doc-0005/);
    assert.equal(await ask(pat, "presentation:stop", { caseId: "case-0001" }), { ok: true });
    await until(dan, (s) => s.presenter === null);
  });

  test("a doc compacted on both instances keeps every update from either", async ({ cluster }) => {
    const cookie = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const doc = "case/case-0003/notes/team/prosecution";
    const onA = track(openCollab(cluster.a, cookie, doc));
    const onB = track(openCollab(cluster.b, cookie, doc));
    await Promise.all([onA.synced(), onB.synced()]);
    // 1,300 updates, one per item, from both sides: each instance passes the compaction threshold.
    for (let i = 0; i < 650; i++) {
      onA.doc.getArray<string>("items").push([`a${i}`]);
      onB.doc.getArray<string>("items").push([`b${i}`]);
      if (i % 50 === 49) await eventually(() => (onA.saved() >= i + 1 && onB.saved() >= i + 1 ? true : undefined), 5_000);
    }
    await eventually(() => (items(onA).length === 1300 && items(onB).length === 1300 ? true : undefined), 10_000);
    // What PostgreSQL holds, read as a new instance would: snapshot plus what is left of the log.
    const { store } = await openPostgres(cluster.database.url);
    try {
      const { snapshot, updates } = await store.collab.load(doc);
      assert.ok(snapshot, "compacted");
      assert.ok(updates.length < 1300, "the log was shortened");
      const fromStore = new Y.Doc();
      if (snapshot) Y.applyUpdate(fromStore, snapshot);
      for (const u of updates) Y.applyUpdate(fromStore, u.update);
      assert.equal(fromStore.getArray<string>("items").toArray(), items(onA));
    } finally {
      await store.close();
    }
  });

  test("signing out on A closes the user's sockets and collab connections on B", async ({ cluster }) => {
    const cookie = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const socket = track(openSocket(cluster.b, cookie));
    await socket.connected();
    const collab = track(openCollab(cluster.b, cookie, NOTES));
    await collab.synced();
    const other = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const otherSocket = track(openSocket(cluster.b, other));
    await otherSocket.connected();
    const out = await apiAs(asServer(cluster.a), cookie).post("/auth/logout");
    assert.ok(out.status < 400);
    await eventually(() => (socket.disconnectReasons.length > 0 ? true : undefined), 3_000);
    assert.ok(socket.named("access:revoked").length > 0, "told why");
    await eventually(() => (collab.closeCodes.includes(4401) ? true : undefined), 3_000);
    assert.ok(otherSocket.socket.connected, "another session of the same user stays");
  });

  test("ending a defence firm's access on A revokes its socket rooms on B", async ({ cluster }) => {
    // Amy (Hart Defence) associates with the unrepresented Quill case, then the court ends it.
    const amy = await signIn(asServer(cluster.a), "amy.hart@hart-defence.example");
    const asked = await apiAs(asServer(cluster.a), amy).post("/api/associations", { urn: "97KB1234526", surname: "Quill", dateOfBirth: "1990-02-14" });
    assert.is(asked.status, 201);
    const associationId = (asked.body as { id: string }).id;
    const socket = track(openSocket(cluster.b, amy));
    await socket.connected();
    const court = await signIn(asServer(cluster.a), "sam.ortiz@court.example");
    await eventually(async () => {
      const ended = await apiAs(asServer(cluster.a), court).delete(`/api/associations/${associationId}`);
      return ended.status === 204 ? true : undefined;
    });
    const revoked = await eventually(() => socket.named("access:revoked").find((e) => (e.args[0] as { caseId: string }).caseId === "case-0004"), 3_000);
    assert.ok(revoked);
  });

  test("Redis restarted mid-session: editing continues and converges after", async ({ cluster }) => {
    const cookie = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const onA = track(openCollab(cluster.a, cookie, NOTES));
    const onB = track(openCollab(cluster.b, cookie, NOTES));
    await Promise.all([onA.synced(), onB.synced()]);
    const before = items(onA).length;
    await cluster.redis.stop();
    onA.doc.getArray<string>("items").push(["A while Redis was down"]);
    onB.doc.getArray<string>("items").push(["B while Redis was down"]);
    // Each instance keeps serving its own clients: the edits are saved locally.
    await eventually(() => (onA.saved() > 0 && onB.saved() > 0 ? true : undefined), 5_000);
    const ready = await fetch(`${cluster.a.url}/readyz`);
    assert.is(ready.status, 200);
    assert.is(((await ready.json()) as { redis: string }).redis, "unavailable");
    await cluster.redis.start();
    await eventually(() => (items(onA).length === before + 2 && items(onB).length === before + 2 ? true : undefined), 15_000);
    assert.equal(items(onA), items(onB));
    // And the relay works again afterwards.
    onB.doc.getArray<string>("items").push(["B after Redis came back"]);
    await eventually(() => (items(onA).includes("B after Redis came back") ? true : undefined), 5_000);
  });

  test("while Redis is down: sign-out and a presenter leaving act at once on their instance; missed directions arrive when it returns", async ({ cluster }) => {
    const pat = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const judge = await signIn(asServer(cluster.a), "hhj.morgan@judiciary.example");
    const patSocket = track(openSocket(cluster.a, pat));
    const presenter = track(openSocket(cluster.a, judge));
    const dan = track(openSocket(cluster.b, await signIn(asServer(cluster.b), "dan.reyes@reyes-law.example")));
    await Promise.all([patSocket.connected(), presenter.connected(), dan.connected()]);
    await eventually(async () => ((await presenter.socket.timeout(3000).emitWithAck("presentation:start", { caseId: "case-0001", documentId: "doc-0001" })) as { ok: boolean }).ok || undefined);
    await cluster.redis.stop();
    try {
      const started = Date.now();
      assert.ok((await apiAs(asServer(cluster.a), pat).post("/auth/logout")).status < 400);
      await eventually(() => (patSocket.disconnectReasons.length > 0 ? true : undefined), 2_000);
      assert.ok(Date.now() - started < 2_000, "not held up by Redis");
      presenter.close();
      const text = `Directions while Redis was away (${Date.now()}).`;
      const issued = await apiAs(asServer(cluster.a), judge).post("/api/cases/case-0001/directions", {
        directions: [{ text, responsibleParty: "defence", dueOn: "2027-01-15" }],
      });
      assert.is(issued.status, 201);
      assert.ok((await fetch(`${cluster.a.url}/readyz`)).ok, "instance A still serving");
      await cluster.redis.start();
      await eventually(() => dan.named("direction:issued").find((e) => JSON.stringify(e.args[0]).includes(text)), 10_000);
      assert.ok(dan.socket.connected, "caught up without reconnecting");
    } finally {
      await cluster.redis.start().catch(() => undefined);
    }
  });

  test("a collab client that moves to the other instance keeps its awareness there", async ({ cluster }) => {
    const cookie = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const watcher = track(openCollab(cluster.a, cookie, NOTES));
    const mover = track(openCollab(cluster.a, cookie, NOTES));
    // B has the doc loaded too, so it has heard of the mover's client id through A.
    const onB = track(openCollab(cluster.b, cookie, NOTES));
    await Promise.all([watcher.synced(), mover.synced(), onB.synced()]);
    mover.provider.awareness.setLocalStateField("cursor", { page: 1 });
    const cursorOf = (client: CollabClient) => (client.provider.awareness.getStates().get(mover.doc.clientID) as { cursor?: { page: number } } | undefined)?.cursor?.page;
    await eventually(() => (cursorOf(watcher) === 1 && cursorOf(onB) === 1 ? true : undefined));
    // The same provider reconnects through B: its cursor moves on for the watcher on A.
    mover.moveTo(cluster.b);
    await eventually(() => (mover.provider.wsconnected && mover.provider.synced ? true : undefined), 5_000);
    mover.provider.awareness.setLocalStateField("cursor", { page: 7 });
    await eventually(() => (cursorOf(watcher) === 7 && cursorOf(onB) === 7 ? true : undefined), 5_000);
    // Clients echo each other's states; none of that may bounce between instances.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const clocks = [...watcher.provider.awareness.meta.values()].map((m) => m.clock);
    assert.ok(Math.max(...clocks) < 20, `awareness clocks stay small: ${clocks}`);
  });

  test("an instance started while Redis is down serves, and joins the others when Redis comes", async ({ cluster }) => {
    await cluster.redis.stop();
    let c: Instance | undefined;
    try {
      c = await startInstance({ databaseUrl: cluster.database.url, redisUrl: cluster.redis.url, demo: false });
      assert.equal(await (await fetch(`${c.url}/readyz`)).json(), { status: "ready", store: "ok", redis: "unavailable" });
      await cluster.redis.start();
      const ready = c;
      await eventually(async () => (((await (await fetch(`${ready.url}/readyz`)).json()) as { redis: string }).redis === "ok" ? true : undefined), 10_000);
      const cookie = await signIn(asServer(c), "pat.cole@cps.example");
      const onC = track(openCollab(c, cookie, NOTES));
      const onA = track(openCollab(cluster.a, cookie, NOTES));
      await Promise.all([onC.synced(), onA.synced()]);
      onC.doc.getArray<string>("items").push(["from C"]);
      await eventually(() => (items(onA).includes("from C") ? true : undefined), 5_000);
    } finally {
      await cluster.redis.start().catch(() => undefined);
      if (c) await stopAll([c]);
    }
  });

  test("kill -9 of one instance: its clients reconnect to the other and lose no acknowledged edit", async ({ cluster }) => {
    const cookie = await signIn(asServer(cluster.a), "pat.cole@cps.example");
    const adviser = await signIn(asServer(cluster.a), "lee.adams@court.example");
    const created = await apiAs(asServer(cluster.b), adviser).post("/api/cases/case-0002/forms", { type: "PET" });
    assert.is(created.status, 201);
    const doc = (created.body as { parts: { docName: string }[] }).parts[0]?.docName ?? "";
    assert.match(doc, /\/prosecution$/);
    const writer = track(openCollab(cluster.b, cookie, doc));
    const watcher = track(openCollab(cluster.a, cookie, doc));
    await Promise.all([writer.synced(), watcher.synced()]);
    const fields = writer.doc.getMap<string>("fields");
    for (let i = 0; i < 30; i++) fields.set(`scale-${i}`, `value ${i}`);
    await eventually(() => (writer.saved() >= 30 ? true : undefined), 5_000);
    const acknowledged = Object.fromEntries([...fields.entries()].filter(([k]) => k.startsWith("scale-")));
    await cluster.b.kill("SIGKILL");
    // The load balancer sends the writer to A: same Y.Doc, new connection.
    const reconnected = track(openCollab(cluster.a, cookie, doc, { doc: writer.doc }));
    writer.provider.destroy();
    await reconnected.synced();
    const fresh = track(openCollab(cluster.a, cookie, doc, { doc: new Y.Doc() }));
    await fresh.synced();
    const stored = Object.fromEntries([...fresh.doc.getMap<string>("fields").entries()].filter(([k]) => k.startsWith("scale-")));
    assert.equal(stored, acknowledged);
    assert.equal(
      Object.fromEntries([...watcher.doc.getMap<string>("fields").entries()].filter(([k]) => k.startsWith("scale-"))),
      acknowledged,
    );
    await cluster.b.restart();
  });
}

test.run();
