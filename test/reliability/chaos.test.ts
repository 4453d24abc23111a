import * as assert from "uvu/assert";
import { suite } from "uvu";
import * as Y from "yjs";
import { type CollabClient, openCollab } from "../helpers/collab-client.ts";
import { createTestDatabase, type Instance, servicesMissing, startInstance, startRedis, stopAll, type TestDatabase, type TestRedis } from "../helpers/cluster.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { eventually, type TestServer } from "../helpers/test-server.ts";
import { mulberry32 } from "./fuzz-random.ts";

/**
 * Chaos: three people edit a PET (each their own part) and the court's shared annotations while
 * the server is killed with SIGKILL at random moments and started again. After every kill, every
 * edit the server acknowledged as saved, and every edit another client had seen, is there, once;
 * when the writers reconnect, everyone converges on everything they wrote. Seeded (CHAOS_SEED).
 */
const SEED = Number(process.env.CHAOS_SEED ?? 20261127);
const CASE = "case-0002";
const asServer = (i: Instance) => i as unknown as TestServer;

/** One person's edits: tokens written into one doc, the way the client writes that doc. */
type Writer = {
  label: string;
  userId: string;
  docName: string;
  /** The person's own replica: it outlives every connection, as a browser tab's does. */
  doc: Y.Doc;
  write(token: string): void;
  /** Every token a replica of this doc holds, in its order (duplicates kept, to be caught). */
  tokens(doc: Y.Doc): string[];
  pushed: string[];
};

/** A form part's long-text answer, typed into: one Y.Text per field, as the form editor keeps it. */
function textWriter(label: string, userId: string, docName: string, field: string): Writer {
  const doc = new Y.Doc();
  const text = () => {
    const fields = doc.getMap<unknown>("fields");
    const existing = fields.get(field);
    if (existing instanceof Y.Text) return existing;
    const created = new Y.Text();
    fields.set(field, created);
    return created;
  };
  return {
    label,
    userId,
    docName,
    doc,
    pushed: [],
    write: (token) => text().insert(text().length, ` ${token}`),
    tokens: (replica) => {
      const value = replica.getMap<unknown>("fields").get(field);
      return value instanceof Y.Text ? value.toString().split(" ").filter((t) => t.startsWith("t")) : [];
    },
  };
}

/** Notes added to a shared annotations doc, one map entry each, as the annotations panel adds them. */
function annotationWriter(label: string, userId: string, docName: string): Writer {
  const doc = new Y.Doc();
  return {
    label,
    userId,
    docName,
    doc,
    pushed: [],
    write: (token) => {
      const note = new Y.Map<unknown>();
      note.set("kind", "note");
      note.set("documentId", "doc-0006");
      note.set("page", 1);
      note.set("text", `Note ${token}`);
      doc.getMap<unknown>("annotations").set(token, note);
    },
    tokens: (replica) => [...replica.getMap<unknown>("annotations").keys()].filter((t) => t.startsWith("t")),
  };
}

type Round = { writer: Writer; client: CollabClient; observer: CollabClient; seen: Set<string>; firstPush: number };

/** Connect a writer (its own replica) and an observer (someone else reading the doc) to `server`. */
async function connect(writer: Writer, server: Instance, observerAt: Instance, cookies: Map<string, string>, observerId: string): Promise<Round> {
  const client = openCollab(server, cookies.get(writer.userId) ?? "", writer.docName, { doc: writer.doc });
  const observer = openCollab(observerAt, cookies.get(observerId) ?? "", writer.docName);
  await Promise.all([client.synced(), observer.synced()]);
  // Acknowledgement n covers the connection's first n messages: the writer's SyncStep2, then one
  // per edit. Wait for the first, so what follows is counted from a known point.
  await eventually(() => (client.saved() >= 1 ? true : undefined), 5000);
  const seen = new Set<string>();
  const record = () => {
    for (const token of writer.tokens(observer.doc)) seen.add(token);
  };
  observer.doc.on("update", record);
  record();
  return { writer, client, observer, seen, firstPush: client.saved() + 1 };
}

/** What a fresh reader finds in the store now: each token must appear exactly once. */
async function stored(server: Instance, cookie: string, writer: Writer): Promise<string[]> {
  const reader = openCollab(server, cookie, writer.docName);
  try {
    await reader.synced();
    const tokens = writer.tokens(reader.doc);
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([t]) => t);
    assert.equal(duplicated, [], `${writer.label}: nothing duplicated`);
    return tokens;
  } finally {
    reader.destroy();
  }
}

/** Edit for a random 80–400 ms, every writer at once, then let `kill` strike. */
async function burst(rounds: Round[], random: () => number, round: number, kill: () => Promise<void>): Promise<Map<Writer, { acknowledged: string[]; seen: string[] }>> {
  const until = Date.now() + 80 + Math.floor(random() * 320);
  let n = 0;
  while (Date.now() < until) {
    for (const { writer } of rounds) {
      if (random() < 0.6) {
        const token = `t${round}x${n++}`;
        writer.write(token);
        writer.pushed.push(token);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  // Read the acknowledgements and what was seen before the process dies; anything later is
  // not counted, so nothing the server had not confirmed is demanded of it.
  const atKill = new Map<Writer, { acknowledged: string[]; seen: string[] }>(
    rounds.map((r): [Writer, { acknowledged: string[]; seen: string[] }] => {
      const since = r.writer.pushed.filter((t) => t.startsWith(`t${round}x`));
      const acknowledged = since.slice(0, Math.max(0, r.client.saved() - r.firstPush + 1));
      return [r.writer, { acknowledged, seen: [...r.seen] }];
    }),
  );
  await kill();
  for (const r of rounds) {
    r.client.provider.destroy();
    r.observer.destroy();
  }
  return atKill;
}

async function assertKept(server: Instance, cookies: Map<string, string>, atKill: Map<Writer, { acknowledged: string[]; seen: string[] }>, round: number) {
  for (const [writer, { acknowledged, seen }] of atKill) {
    const wanted = [...acknowledged, ...seen];
    // With two instances, an edit the dead one stored but had not yet published reaches the
    // survivor when it notices the silence and re-reads the store (within ~10 s): poll for it.
    let lost: string[] = wanted;
    await eventually(async () => {
      const present = new Set(await stored(server, cookies.get(writer.userId) ?? "", writer));
      lost = wanted.filter((t) => !present.has(t));
      return lost.length === 0 ? true : undefined;
    }, 15_000).catch(() => undefined);
    assert.equal(lost, [], `${writer.label}, kill ${round}: acknowledged or seen edits lost`);
  }
}

async function assertConverged(server: Instance, cookies: Map<string, string>, writers: Writer[]) {
  for (const writer of writers) {
    const tokens = await eventually(async () => {
      const found = await stored(server, cookies.get(writer.userId) ?? "", writer);
      return found.length === writer.pushed.length ? found : undefined;
    }, 10_000);
    assert.equal(new Set(tokens), new Set(writer.pushed), `${writer.label}: the store holds everything written`);
    assert.equal(tokens, writer.tokens(writer.doc), `${writer.label}: the writer's replica and the store agree, in order`);
  }
}

/** A PET on the case, and the three writers: the prosecution, the defence, the court's annotations. */
async function setUp(server: Instance) {
  const users = ["pat.cole@cps.example", "dan.reyes@reyes-law.example", "lee.adams@court.example"];
  const cookies = new Map<string, string>();
  for (const user of users) cookies.set(user, await signIn(asServer(server), user));
  const created = await apiAs(asServer(server), cookies.get("lee.adams@court.example") ?? "").post(`/api/cases/${CASE}/forms`, { type: "PET" });
  assert.is(created.status, 201);
  const parts = (created.body as { parts: { key: string; docName: string }[] }).parts;
  const part = (key: string) => parts.find((p) => p.key === key)?.docName ?? "";
  const writers = [
    textWriter("prosecution part", "pat.cole@cps.example", part("prosecution"), "prosecutionTimeEstimate"),
    textWriter("defence part", "dan.reyes@reyes-law.example", part("defence:def-0003"), "realIssues"),
    annotationWriter("court's shared annotations", "lee.adams@court.example", `case/${CASE}/notes/shared/court`),
  ];
  // Each doc is watched by someone else who may read it.
  const observers = new Map<Writer, string>([
    [writers[0] as Writer, "dan.reyes@reyes-law.example"],
    [writers[1] as Writer, "pat.cole@cps.example"],
    [writers[2] as Writer, "pat.cole@cps.example"],
  ]);
  return { cookies, writers, observers };
}

const embedded = suite("chaos: SIGKILL twenty times while three people edit (SQLite)");

embedded("acknowledged and seen edits survive every kill, nothing is duplicated, everyone converges", async () => {
  const random = mulberry32(SEED);
  process.stderr.write(`chaos seed ${SEED} (CHAOS_SEED to repeat)\n`);
  const server = await startInstance({});
  try {
    const { cookies, writers, observers } = await setUp(server);
    for (let round = 1; round <= 20; round++) {
      const rounds = await Promise.all(writers.map((w) => connect(w, server, server, cookies, observers.get(w) ?? "")));
      const atKill = await burst(rounds, random, round, () => server.kill("SIGKILL"));
      await server.restart();
      await assertKept(server, cookies, atKill, round);
    }
    // The writers come back with everything they wrote, acknowledged or not: nothing is lost.
    const final = await Promise.all(writers.map((w) => connect(w, server, server, cookies, observers.get(w) ?? "")));
    await assertConverged(server, cookies, writers);
    for (const r of final) {
      r.client.provider.destroy();
      r.observer.destroy();
    }
    assert.ok(writers.every((w) => w.pushed.length > 100), "real bursts of edits");
  } finally {
    await stopAll([server]);
  }
});

embedded.run();

const missing = await servicesMissing();
const cluster = suite<{ a?: Instance; b?: Instance; redis?: TestRedis; database?: TestDatabase }>("chaos: two instances on PostgreSQL and Redis, killed one at a time", {});

if (missing) {
  process.stderr.write(`chaos on PostgreSQL and Redis not run: ${missing}\n`);
  if (process.env.CI === "true") cluster("PostgreSQL and Redis are available", () => assert.unreachable(missing));
} else {
  cluster.before(async (context) => {
    context.database = await createTestDatabase();
    context.redis = await startRedis();
    context.a = await startInstance({ databaseUrl: context.database.url, redisUrl: context.redis.url });
    context.b = await startInstance({ databaseUrl: context.database.url, redisUrl: context.redis.url });
  });
  cluster.after(async ({ a, b, redis, database }) => stopAll([a, b], redis, database));

  cluster("each kill loses no acknowledged or seen edit; clients move to the survivor and converge", async ({ a, b }) => {
    if (!a || !b) throw new Error("instances did not start");
    const random = mulberry32(SEED + 1);
    const { cookies, writers, observers } = await setUp(a);
    let restarting: Promise<void> = Promise.resolve();
    for (let round = 1; round <= 20; round++) {
      const [victim, survivor] = round % 2 ? [a, b] : [b, a];
      await restarting;
      // Writers on the instance about to die, observers on the other: the edits cross Redis.
      const rounds = await Promise.all(writers.map((w) => connect(w, victim, survivor, cookies, observers.get(w) ?? "")));
      const atKill = await burst(rounds, random, round, () => victim.kill("SIGKILL"));
      restarting = victim.restart();
      await assertKept(survivor, cookies, atKill, round);
    }
    await restarting;
    const final = await Promise.all(writers.map((w) => connect(w, a, b, cookies, observers.get(w) ?? "")));
    await assertConverged(b, cookies, writers);
    for (const r of final) {
      r.client.provider.destroy();
      r.observer.destroy();
    }
  });
}

cluster.run();
