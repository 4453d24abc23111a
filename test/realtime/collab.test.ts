import * as encoding from "lib0/encoding";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { CLOSE_CODE } from "../../shared/protocol/collab-protocol.ts";
import { openCollab, upgradeStatus } from "../helpers/collab-client.ts";
import { signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

const USERS = { pat: "pat.cole@cps.example", dan: "dan.reyes@reyes-law.example", amy: "amy.hart@hart-defence.example", lee: "lee.adams@court.example", sam: "sam.ortiz@court.example" };
const SHARED_PROSECUTION = "case/case-0001/notes/shared/prosecution";
const REYES_TEAM = "case/case-0001/notes/team/defence:reyes-law";

const test = suite<{ server: TestServer; c: Record<keyof typeof USERS, string> }>("collaboration endpoint", {
  server: undefined as unknown as TestServer,
  c: {} as Record<keyof typeof USERS, string>,
});

test.before(async (context) => {
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" }, unloadGraceMs: 200 });
  for (const [key, id] of Object.entries(USERS)) context.c[key as keyof typeof USERS] = await signIn(context.server, id);
});
test.after(async ({ server }) => {
  await server.close();
});

const wsUrl = (server: TestServer, name: string) => `${server.url.replace(/^http/, "ws")}/collab/${name}`;
const storedText = async (server: TestServer, name: string) => {
  const { snapshot, updates } = await server.deps.store.collab.load(name);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return doc.getText("text").toString();
};

test("YJS-01/02/05: no session 401, foreign Origin 403, names outside the grammar 400 — all before 101", async ({ server, c }) => {
  const origin = server.origin;
  assert.is(await upgradeStatus(wsUrl(server, SHARED_PROSECUTION), { origin }), 401);
  assert.is(await upgradeStatus(wsUrl(server, SHARED_PROSECUTION), { origin: "https://evil.test", cookie: c.pat }), 403);
  assert.is(await upgradeStatus(wsUrl(server, SHARED_PROSECUTION), { cookie: c.pat }), 403, "no Origin at all");
  for (const name of ["../../etc/passwd", "%2e%2e/%2e%2e/etc", "case/case-0001/notes/shared/pr%C3%B6secution", `case/${"a".repeat(10_000)}/notes/shared/prosecution`, "case/case-0001/notes/shared/prosecution/../team/prosecution", "case/case-0001/notes/team/defence:Reyes", "case/case%2F0001/notes/shared/court"]) {
    assert.is(await upgradeStatus(wsUrl(server, name), { origin, cookie: c.pat }), 400, name.slice(0, 60));
  }
  assert.is(await upgradeStatus(wsUrl(server, SHARED_PROSECUTION), { origin, cookie: c.pat }), 101);
});

test("YJS-03/04: another party's team notes, an unknown doc and a case not yours are the same 404", async ({ server, c }) => {
  const origin = server.origin;
  assert.is(await upgradeStatus(wsUrl(server, REYES_TEAM), { origin, cookie: c.pat }), 404, "prosecution → defence team notes");
  assert.is(await upgradeStatus(wsUrl(server, REYES_TEAM), { origin, cookie: c.amy }), 404, "other firm → defence team notes");
  assert.is(await upgradeStatus(wsUrl(server, "case/case-0001/notes/private/dan.reyes@reyes-law.example"), { origin, cookie: c.amy }), 404);
  assert.is(await upgradeStatus(wsUrl(server, "case/case-0001/form/no-such-form/prosecution"), { origin, cookie: c.pat }), 404);
  assert.is(await upgradeStatus(wsUrl(server, "case/case-0004/notes/shared/court"), { origin, cookie: c.dan }), 404, "case not associated");
  assert.is(await upgradeStatus(wsUrl(server, "case/case-9999/notes/shared/court"), { origin, cookie: c.dan }), 404, "no such case");
  assert.is(await upgradeStatus(wsUrl(server, REYES_TEAM), { origin, cookie: c.dan }), 101);
});

test("a writer's edit reaches a reader within a second, is stored before it is relayed, and is acknowledged as saved", async ({ server, c }) => {
  const writer = openCollab(server, c.pat, SHARED_PROSECUTION);
  const reader = openCollab(server, c.dan, SHARED_PROSECUTION);
  try {
    await Promise.all([writer.synced(), reader.synced()]);
    let storedWhenSeen: string | undefined;
    reader.doc.getText("text").observe(() => {
      void storedText(server, SHARED_PROSECUTION).then((t) => {
        storedWhenSeen ??= t;
      });
    });
    const started = Date.now();
    writer.doc.getText("text").insert(0, "Key witness is available on 3 March.");
    await eventually(() => (reader.doc.getText("text").toString().includes("Key witness") ? true : undefined), 1000);
    assert.ok(Date.now() - started < 1000);
    await eventually(() => storedWhenSeen);
    assert.match(storedWhenSeen ?? "", /Key witness/, "the relayed update was already in the store");
    const savedBefore = writer.saved();
    writer.doc.getText("text").insert(0, "Note: ");
    await eventually(() => (writer.saved() > savedBefore ? true : undefined));
    assert.match(await storedText(server, SHARED_PROSECUTION), /^Note: Key witness/, "acknowledged means stored");
    assert.ok(reader.isReadOnly(), "the defence is told it is read-only here");
    assert.not.ok(writer.isReadOnly());
  } finally {
    writer.destroy();
    reader.destroy();
  }
});

test("YJS-06: a read-only client's edits reach nobody and are not stored; its automatic SyncStep2 is not punished; persistent writing closes it", async ({ server, c }) => {
  const writer = openCollab(server, c.pat, SHARED_PROSECUTION);
  const intruder = openCollab(server, c.dan, SHARED_PROSECUTION);
  try {
    await Promise.all([writer.synced(), intruder.synced()]);
    intruder.doc.getText("text").insert(0, "DEFENCE WAS HERE ");
    writer.doc.getText("text").insert(0, "after ");
    await eventually(() => (intruder.doc.getText("text").toString().includes("after") ? true : undefined));
    assert.not.match(writer.doc.getText("text").toString(), /DEFENCE WAS HERE/);
    assert.not.match(await storedText(server, SHARED_PROSECUTION), /DEFENCE WAS HERE/);
    assert.equal(intruder.closeCodes, [], "one edit and the automatic sync reply do not close it");
    for (let i = 0; i < 25; i++) intruder.doc.getText("text").insert(0, "x");
    await eventually(() => (intruder.closeCodes.includes(CLOSE_CODE.policyViolation) ? true : undefined));
    assert.not.match(await storedText(server, SHARED_PROSECUTION), /xxxxx/);
  } finally {
    writer.destroy();
    intruder.destroy();
  }
});

test("a stock y-websocket client (no opt-in) works and never receives Caseroom's own messages", async ({ server, c }) => {
  const stock = openCollab(server, c.dan, SHARED_PROSECUTION, { stock: true });
  try {
    await stock.synced();
    assert.not.ok(stock.isReadOnly());
    assert.is(stock.saved(), 0);
    assert.match(stock.doc.getText("text").toString(), /Key witness/);
  } finally {
    stock.destroy();
  }
});

test("YJS-12/13/14/15: awareness carries the session's identity, only for ids the connection introduced, and no private focus across parties", async ({ server, c }) => {
  const pat = openCollab(server, c.pat, SHARED_PROSECUTION);
  const dan = openCollab(server, c.dan, SHARED_PROSECUTION);
  try {
    await Promise.all([pat.synced(), dan.synced()]);
    dan.provider.awareness.setLocalState({ user: { name: "HHJ Smith", role: "judge" }, cursor: { index: 3 }, viewing: { document: "doc-0005", page: 12 } });
    // Dan's empty initial state may arrive first: wait for the one he set.
    const seen = await eventually(() => {
      const state = pat.provider.awareness.getStates().get(dan.doc.clientID) as Record<string, { name?: string; role?: string; party?: string }> | undefined;
      return state?.cursor ? state : undefined;
    });
    assert.is(seen.user?.name, "Dan Reyes");
    assert.is(seen.user?.role, "defence");
    assert.is(seen.user?.party, "defence:reyes-law");
    assert.equal(seen.cursor, { index: 3 });
    assert.is(seen.viewing, undefined, "no page being read leaks to the prosecution");

    // Dan's connection forges an update for Pat's client id: clock+1, a judge's identity, then null.
    const patId = pat.doc.clientID;
    await eventually(() => (dan.provider.awareness.getStates().has(patId) ? undefined : true)).catch(() => undefined);
    pat.provider.awareness.setLocalState({ cursor: { index: 1 } });
    await eventually(() => (dan.provider.awareness.getStates().get(patId) ? true : undefined));
    const forged = (state: unknown) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, patId);
      encoding.writeVarUint(inner, 1000);
      encoding.writeVarString(inner, JSON.stringify(state));
      const outer = encoding.createEncoder();
      encoding.writeVarUint(outer, 1);
      encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
      return encoding.toUint8Array(outer);
    };
    dan.provider.ws?.send(forged({ user: { name: "HHJ Smith", role: "judge" } }));
    dan.provider.ws?.send(forged(null));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const genuine = pat.provider.awareness.getStates().get(patId) as { user?: { name?: string } } | undefined;
    assert.ok(genuine, "Pat is not evicted from Pat's own view");
    const asDanSees = dan.provider.awareness.getStates().get(patId) as { user?: { name?: string } } | undefined;
    assert.is(asDanSees?.user?.name, "Pat Cole", "the forged identity never reached anyone");
  } finally {
    pat.destroy();
    dan.destroy();
  }
});

test("YJS-08/09/10: garbage frames, an update bomb and an oversized frame close only that connection; other rooms keep syncing", async ({ server, c }) => {
  const a = openCollab(server, c.lee, "case/case-0002/notes/shared/court");
  const b = openCollab(server, c.sam, "case/case-0002/notes/shared/court");
  try {
    await Promise.all([a.synced(), b.synced()]);
    const lagSamples: number[] = [];
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      lagSamples.push(now - last - 5);
      last = now;
    }, 5);
    const attack = async (frame: Uint8Array) => {
      const ws = new WebSocket(wsUrl(server, "case/case-0002/notes/team/court"), { headers: { cookie: c.lee, origin: server.origin } });
      const code = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
      ws.on("error", () => undefined);
      await new Promise((resolve) => ws.on("open", resolve));
      ws.send(frame);
      return code;
    };
    const rand = (seed: number) => () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const random = rand(7);
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const frame = new Uint8Array(1 + Math.floor(random() * 64));
      for (let j = 0; j < frame.length; j++) frame[j] = Math.floor(random() * 256);
      frame[0] = [0, 1, 7, 200][i % 4] ?? 0;
      if (frame[0] === 0) frame[1] = 2;
      const ws = new WebSocket(wsUrl(server, "case/case-0002/notes/team/court"), { headers: { cookie: c.lee, origin: server.origin } });
      ws.on("error", () => undefined);
      const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
      await new Promise((resolve) => ws.on("open", resolve));
      ws.send(frame);
      setTimeout(() => ws.close(), 300);
      codes.push(await closed);
    }
    assert.ok(codes.some((code) => code === CLOSE_CODE.malformed), "garbage is refused");
    // The yjs#687 shape: one client declaring 2^31 structs in a few bytes.
    const bomb = encoding.createEncoder();
    encoding.writeVarUint(bomb, 0);
    encoding.writeVarUint(bomb, 2);
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, 2 ** 31);
    encoding.writeVarUint(update, 4242);
    encoding.writeVarUint(update, 0);
    encoding.writeVarUint8Array(bomb, encoding.toUint8Array(update));
    const started = Date.now();
    assert.is(await attack(encoding.toUint8Array(bomb)), CLOSE_CODE.malformed);
    assert.ok(Date.now() - started < 1000);
    assert.is(await attack(new Uint8Array(2 * 1024 * 1024 + 1)), 1009, "frame over 2 MiB");
    clearInterval(probe);
    assert.ok(Math.max(...lagSamples) < 100, `event-loop lag ${Math.max(...lagSamples).toFixed(0)} ms`);
    a.doc.getText("text").insert(0, "still here");
    await eventually(() => (b.doc.getText("text").toString().includes("still here") ? true : undefined), 1000);
  } finally {
    a.destroy();
    b.destroy();
  }
});

test("YJS-11: a writer piling up updates whose dependencies never arrive is disconnected", async ({ server, c }) => {
  const ws = new WebSocket(wsUrl(server, "case/case-0002/notes/team/prosecution"), { headers: { cookie: c.pat, origin: server.origin } });
  ws.on("error", () => undefined);
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise((resolve) => ws.on("open", resolve));
  const source = new Y.Doc();
  const first = Y.encodeStateAsUpdate(source);
  source.getText("text").insert(0, "x".repeat(10));
  const skipped = Y.encodeStateVector(source);
  assert.ok(first);
  for (let i = 0; i < 40; i++) {
    const before = Y.encodeStateVector(source);
    source.getText("text").insert(0, "y".repeat(40_000));
    const update = Y.encodeStateAsUpdate(source, before);
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 0);
    encoding.writeVarUint(message, 2);
    encoding.writeVarUint8Array(message, update);
    if (ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(message));
  }
  assert.ok(skipped.length > 0);
  assert.is(await closed, CLOSE_CODE.pendingLimit);
  assert.ok(process.memoryUsage().heapUsed < 1024 * 1024 * 1024);
});

test("YJS-18: the store attributes each update to the connection's signed-in user", async ({ server, c }) => {
  // A client may claim any clientID (here another's); attribution must never use it.
  const claimed = new Y.Doc();
  claimed.clientID = 1;
  const pat = openCollab(server, c.pat, "case/case-0002/notes/shared/prosecution", { doc: claimed });
  try {
    await pat.synced();
    pat.doc.getText("text").insert(0, "attributed");
    await eventually(() => (pat.saved() >= 2 ? true : undefined));
    const { updates } = await server.deps.store.collab.load("case/case-0002/notes/shared/prosecution");
    assert.ok(updates.length > 0);
    assert.ok(updates.every((u) => u.userId === USERS.pat));
  } finally {
    pat.destroy();
  }
});

test("attribution: the server records who created and last changed each annotation, readable with the doc's access", async ({ server, c }) => {
  const name = "case/case-0001/notes/shared/court";
  const sam = openCollab(server, c.sam, name);
  const lee = openCollab(server, c.pat, name);
  try {
    await Promise.all([sam.synced(), lee.synced()]);
    const annotation = new Y.Map<unknown>();
    annotation.set("page", 2);
    sam.doc.getMap("annotations").set("a-1", annotation);
    await eventually(() => (sam.saved() >= 2 ? true : undefined));
    const res = await fetch(`${server.url}/api/collab/attribution?doc=${encodeURIComponent(name)}`, { headers: { cookie: c.pat } });
    assert.is(res.status, 200, "the prosecution may read the court's shared notes and their authors");
    const body = (await res.json()) as { items: { key: string; createdBy: { id: string; name: string } }[] };
    assert.equal(body.items.map((i) => [i.key, i.createdBy.name]), [["a-1", "Sam Ortiz"]]);
    const hidden = await fetch(`${server.url}/api/collab/attribution?doc=${encodeURIComponent(REYES_TEAM)}`, { headers: { cookie: c.pat } });
    assert.is(hidden.status, 404);
    assert.is((await fetch(`${server.url}/api/collab/attribution?doc=..%2Fetc`, { headers: { cookie: c.pat } })).status, 400);
  } finally {
    sam.destroy();
    lee.destroy();
  }
});

test("three clients making seeded random concurrent edits converge, in memory and in the store", async ({ server, c }) => {
  const name = "case/case-0002/notes/team/prosecution-convergence".replace("-convergence", "");
  const clients = [openCollab(server, c.pat, name), openCollab(server, c.pat, name), openCollab(server, c.pat, name)];
  try {
    await Promise.all(clients.map((cl) => cl.synced()));
    let seed = 42;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 60; round++) {
      const client = clients[Math.floor(random() * 3)] as (typeof clients)[number];
      const text = client.doc.getText("body");
      if (random() < 0.7 || text.length === 0) text.insert(Math.floor(random() * (text.length + 1)), `w${round} `);
      else text.delete(Math.floor(random() * text.length), 1);
      if (round % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const final = await eventually(() => {
      const texts = clients.map((cl) => cl.doc.getText("body").toString());
      return texts.every((t) => t === texts[0]) && clients.every((cl) => cl.saved() > 0) ? texts[0] : undefined;
    }, 5000);
    await server.running.realtime.registry.flushAll();
    const { snapshot, updates } = await server.deps.store.collab.load(name);
    const stored = new Y.Doc();
    if (snapshot) Y.applyUpdate(stored, snapshot);
    for (const u of updates) Y.applyUpdate(stored, u.update);
    assert.is(stored.getText("body").toString(), final);
  } finally {
    for (const cl of clients) cl.destroy();
  }
});

test("a doc is unloaded after its last client leaves", async ({ server, c }) => {
  const name = "case/case-0003/notes/shared/court";
  const client = openCollab(server, c.sam, name);
  await client.synced();
  assert.ok(server.running.realtime.registry.loadedNames().includes(name));
  client.destroy();
  await eventually(() => (server.running.realtime.registry.loadedNames().includes(name) ? undefined : true), 3000);
});

test("YJS-16: signing out closes the session's connections within 5 s, and the old cookie no longer upgrades", async ({ server }) => {
  const cookie = await signIn(server, USERS.amy);
  const client = openCollab(server, cookie, "case/case-0001/notes/team/defence:hart-defence");
  try {
    await client.synced();
    const res = await fetch(`${server.url}/auth/logout`, { method: "POST", headers: { cookie, "x-requested-with": "caseroom", origin: server.origin } });
    assert.is(res.status, 204);
    await eventually(() => (client.closeCodes.includes(CLOSE_CODE.signedOut) ? true : undefined), 5000);
    assert.is(await upgradeStatus(wsUrl(server, "case/case-0001/notes/team/defence:hart-defence"), { cookie, origin: server.origin }), 401);
  } finally {
    client.destroy();
  }
});

test("ending an association closes that firm's connections on the case within 5 s", async ({ server, c }) => {
  const client = openCollab(server, c.dan, REYES_TEAM);
  const other = openCollab(server, c.amy, "case/case-0001/notes/team/defence:hart-defence");
  try {
    await Promise.all([client.synced(), other.synced()]);
    const res = await fetch(`${server.url}/api/associations/assoc-0001`, { method: "DELETE", headers: { cookie: c.sam, "x-requested-with": "caseroom", origin: server.origin } });
    assert.is(res.status, 204);
    await eventually(() => (client.closeCodes.includes(CLOSE_CODE.accessRevoked) ? true : undefined), 5000);
    assert.equal(other.closeCodes, [], "the other firm is untouched");
    assert.is(await upgradeStatus(wsUrl(server, REYES_TEAM), { cookie: c.dan, origin: server.origin }), 404);
  } finally {
    client.destroy();
    other.destroy();
  }
});

test.run();
