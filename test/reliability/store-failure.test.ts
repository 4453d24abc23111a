import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { CLOSE_CODE } from "../../shared/protocol/collab-protocol.ts";
import { openCollab } from "../helpers/collab-client.ts";
import { createTestDatabase, POSTGRES_URL, servicesMissing, type TestDatabase } from "../helpers/cluster.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * The store stops taking writes while people work: their edits are not reported saved, nobody
 * else sees them, the API refuses writes with 503 `store.unavailable` (and nothing half-done),
 * readers of loaded documents keep reading, and when the store comes back everything resumes,
 * the held edits included, without a restart.
 */
const DOC = "case/case-0002/notes/shared/prosecution";
const DIRECTION = { directions: [{ text: "Agreed facts to be served by 4pm on 3 March 2027.", responsibleParty: "prosecution", dueOn: "2027-03-03" }] };

type Outage = { start(): Promise<void>; end(): Promise<void>; readsByApi: boolean };

const items = (client: { doc: { getArray<T>(name: string): { toArray(): T[] } } }) => client.doc.getArray<string>("items").toArray();

async function outageScenario(server: TestServer, outage: Outage) {
  const pat = await signIn(server, "pat.cole@cps.example");
  const dan = await signIn(server, "dan.reyes@reyes-law.example");
  const lee = await signIn(server, "lee.adams@court.example");
  const writer = openCollab(server, pat, DOC);
  const reader = openCollab(server, dan, DOC);
  try {
    await Promise.all([writer.synced(), reader.synced()]);
    writer.doc.getArray<string>("items").push(["before"]);
    await eventually(() => (items(reader).includes("before") ? true : undefined));
    const savedBefore = writer.saved();
    const directionsBefore = ((await apiAs(server, dan).get("/api/cases/case-0002/directions")).body as { directions: unknown[] }).directions.length;

    await outage.start();
    writer.doc.getArray<string>("items").push(["during"]);
    // The writer is closed with "store unavailable" and never told the edit was saved.
    await eventually(() => (writer.closeCodes.includes(CLOSE_CODE.storeUnavailable) ? true : undefined), 10_000);
    assert.is(writer.saved(), savedBefore, "no 'saved' for an edit the store did not take");
    // The reader is still connected, still reading, and never saw the unsaved edit.
    assert.ok(reader.provider.wsconnected, "the reader stays connected");
    assert.not.ok(reader.closeCodes.includes(CLOSE_CODE.storeUnavailable));
    assert.not.ok(items(reader).includes("during"), "an edit the store did not take is shown to nobody");

    // API writes are refused cleanly: a stable code, nothing internal, nothing written.
    const refused = await apiAs(server, lee).post("/api/cases/case-0002/directions", DIRECTION);
    assert.is(refused.status, 503, refused.text);
    assert.is((refused.body as { error: { code: string } }).error.code, "store.unavailable");
    assert.not.match(refused.text, /SQLITE|sqlite|postgres|at \/|Error:|stack/i);
    if (outage.readsByApi) {
      const read = await apiAs(server, dan).get("/api/cases/case-0002/directions");
      assert.is(read.status, 200, "reads go on while writes are refused");
      // Opening the case is audited: an access that cannot be recorded is refused, not hidden.
      const audited = await apiAs(server, dan).get("/api/cases/case-0002");
      assert.is(audited.status, 503, "no unaudited access");
    }
    assert.ok((await fetch(`${server.url}/healthz`)).ok, "the process keeps serving");

    await outage.end();
    // The writer's client reconnects by itself and sends the edit it kept; everyone gets it.
    await eventually(() => (items(reader).includes("during") ? true : undefined), 15_000);
    await eventually(() => (writer.provider.wsconnected && writer.saved() >= 1 ? true : undefined), 10_000);
    const given = await eventually(async () => {
      const response = await apiAs(server, lee).post("/api/cases/case-0002/directions", DIRECTION);
      return response.status === 201 ? response : undefined;
    }, 10_000);
    assert.is(given.status, 201);
    const after = ((await apiAs(server, dan).get("/api/cases/case-0002/directions")).body as { directions: unknown[] }).directions.length;
    assert.is(after, directionsBefore + 1, "the refused direction left nothing behind; the later one is there once");
    const fresh = openCollab(server, dan, DOC);
    await fresh.synced();
    assert.equal(items(fresh), ["before", "during"]);
    fresh.destroy();
  } finally {
    writer.destroy();
    reader.destroy();
  }
}

const embedded = suite<{ server: TestServer }>("store failure: the SQLite database locked by another process", { server: undefined as unknown as TestServer });
embedded.before(async (context) => {
  context.server = await startTestServer();
});
embedded.after(async ({ server }) => server?.close());

embedded("writes are refused visibly, reads continue, and it all resumes when the lock goes", async ({ server }) => {
  let lock: Database.Database | undefined;
  await outageScenario(server, {
    readsByApi: true,
    async start() {
      // Another process (an operator's shell, a stuck tool) takes the write lock and keeps it.
      lock = new Database(path.join(server.dataDir, "caseroom.sqlite"));
      lock.exec("BEGIN IMMEDIATE");
    },
    async end() {
      lock?.exec("ROLLBACK");
      lock?.close();
    },
  });
});

embedded.run();

const missing = await servicesMissing();
const postgres = suite<{ server?: TestServer; database?: TestDatabase }>("store failure: PostgreSQL stops taking connections", {});
if (missing) {
  process.stderr.write(`store failure on PostgreSQL not run: ${missing}\n`);
  if (process.env.CI === "true") postgres("PostgreSQL is available", () => assert.unreachable(missing));
} else {
  postgres.before(async (context) => {
    context.database = await createTestDatabase();
    context.server = await startTestServer({ env: { DATABASE_URL: context.database.url } });
  });
  postgres.after(async ({ server, database }) => {
    await server?.close().catch(() => undefined);
    await database?.drop();
  });

  postgres("writes are refused visibly, loaded docs stay readable, and service recovers by itself", async ({ server, database }) => {
    if (!server || !database) throw new Error("not started");
    const name = new URL(database.url).pathname.slice(1);
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await outageScenario(server, {
      // Sessions live in PostgreSQL too, so API reads wait for it as well.
      readsByApi: false,
      async start() {
        // As when PostgreSQL is stopped: every connection dropped, new ones refused.
        await admin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
        await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
      },
      async end() {
        await admin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
      },
    });
  });
}

postgres.run();
