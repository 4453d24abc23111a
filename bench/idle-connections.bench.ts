/**
 * Memory per idle connection (README, "Operating Caseroom"): what the server holds for
 *
 * - an idle Socket.IO connection of a signed-in user: 1,000 sockets of 200 defence users (5 each,
 *   each user a member of one case), and 100 sockets of the prosecutor, a member of every case
 *   (the rooms a socket joins grow with the cases its user may see);
 * - an idle collaboration (y-websocket) connection to a doc that is already loaded: 1,000 raw
 *   protocol clients on one doc;
 * - an idle loaded doc: 200 raw clients, one on each of 200 distinct (empty) docs; the per-doc
 *   figure includes its one connection, and the figure beyond it subtracts the per-connection cost.
 *
 * Caseroom runs as the other benchmarks run it (bench/collab/caseroom-target.ts): its own process
 * with `--expose-gc` and the probe preloaded, pinned to core 0, this process on core 1; a fresh
 * server for each kind of connection (on the same data), so that memory an earlier step freed does
 * not hide RSS growth. On each: 20 connections of the kind opened (warm-up; Socket.IO ones closed), the server
 * left to go quiet, collections forced, heapUsed and RSS read; the N connections opened and left
 * idle until the server's CPU is quiet; collected and read again: per connection =
 * (after − before) / N. The clients never build a Y.Doc or send awareness.
 *
 * `node --import tsx bench/idle-connections.bench.ts [--json=file]` prints the table.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { io, type Socket } from "socket.io-client";
import { demoData } from "../fixtures/demo/demo-data.ts";
import { openSqliteStore } from "../server/storage/sqlite/sqlite-store.ts";
import { type CaseroomFixture, caseroomRoom, prepareCaseroom, startCaseroom } from "./collab/caseroom-target.ts";
import { closeAll, connectAll, RawClient } from "./collab/raw-client.ts";
import { pinLoadGenerator, pinning, type ProbeStats, type ServerProcess } from "./collab/server-process.ts";

/** Defence users (one generated case each) whose sockets make the main Socket.IO figure. */
const DEFENCE_USERS = 200;
const SOCKETS_PER_USER = 5;
const SOCKETS = DEFENCE_USERS * SOCKETS_PER_USER;
/** Sockets of the prosecutor, who is a member of every generated case and the demo cases. */
const PROSECUTOR_SOCKETS = 100;
const COLLAB_CONNECTIONS = 1_000;
const DOCS = 200;
/** Generated cases: one per defence user and doc, and one more for the doc of the 1,000 connections. */
const CASES = Math.max(DEFENCE_USERS, DOCS) + 1;
/** Socket.IO handshakes in flight at once (a storm would measure the listen backlog). */
const CONNECT_WINDOW = 50;
/** Connections of the same kind opened and closed on each fresh server before its baseline. */
const WARM_UP = 20;
/** The user behind `prosecutorCookie` (caseroom-target.ts). */
const PROSECUTOR = "pat.cole@cps.example";

export const IDLE_CONNECTIONS_NAME = "memory per idle connection";

export type IdleConnectionsRow = {
  /** What was opened, e.g. "Socket.IO, defence user in 1 case". */
  name: string;
  connections: number;
  /** Distinct collaboration docs loaded by the step (0 for Socket.IO). */
  docs: number;
  /** Opening every connection (Socket.IO connected, collab synced), seconds. */
  connectS: number;
  /** From the last connection open until the server's CPU went quiet, seconds. */
  quietS: number;
  baselineHeapBytes: number;
  baselineRssBytes: number;
  afterHeapBytes: number;
  afterRssBytes: number;
  /** (after − baseline) / connections. */
  heapBytesPerConnection: number;
  rssBytesPerConnection: number;
};

export type IdleConnectionsResults = {
  name: string;
  pinning: string;
  /** Cases the prosecutor's sockets join (generated + demo). */
  prosecutorCases: number;
  rows: IdleConnectionsRow[];
  /** A loaded idle doc without its connection: per doc (with one connection each) − per collab connection. */
  docBeyondConnection: { heapBytes: number; rssBytes: number };
  durationS: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpuUs = (s: ProbeStats) => s.cpuUserUs + s.cpuSystemUs;

/** The cases the prosecutor's sockets join, found as the socket server finds them (memberCases). */
async function casesOfProsecutor(dataDir: string): Promise<number> {
  const store = openSqliteStore(path.join(dataDir, "caseroom.sqlite"));
  try {
    const organisationId = demoData.users.find((u) => u.id === PROSECUTOR)?.organisationId ?? "";
    return (await store.cases.search({ scope: { kind: "prosecution", organisationId }, today: "0000-01-01", limit: 5000 })).length;
  } finally {
    await store.close();
  }
}

/**
 * Wait until the server's CPU is quiet: less than 2% of a core over 250 ms (the stats request
 * itself costs a little), for up to `timeoutMs`. Returns the seconds it took.
 */
async function quiet(server: ServerProcess, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  let last = await server.stats();
  for (;;) {
    await sleep(250);
    const next = await server.stats();
    const busyUs = cpuUs(next) - cpuUs(last);
    last = next;
    if (busyUs < 5_000 || performance.now() - started > timeoutMs) return (performance.now() - started) / 1000;
  }
}

/**
 * Heap after forced collections once it has stopped moving: quiet first, then read every 500 ms
 * until two readings in a row agree within 64 KB (up to 8 s).
 */
async function settled(server: ServerProcess): Promise<ProbeStats> {
  await quiet(server);
  let last = await server.stats({ gc: true });
  let stable = 0;
  for (let i = 0; i < 16 && stable < 2; i++) {
    await sleep(500);
    const next = await server.stats({ gc: true });
    stable = Math.abs(next.heapUsedBytes - last.heapUsedBytes) < 64 * 1024 ? stable + 1 : 0;
    last = next;
  }
  return last;
}

/** Open Socket.IO clients (websocket transport), CONNECT_WINDOW at a time; every one must connect. */
async function openSockets(url: string, cookies: string[], origin: string, track: (close: () => void) => void): Promise<Socket[]> {
  const sockets = cookies.map((cookie) =>
    io(url, { path: "/socket.io/", transports: ["websocket"], forceNew: true, autoConnect: false, reconnection: false, timeout: 20_000, extraHeaders: { cookie, origin } }),
  );
  const closeSockets = () => {
    for (const s of sockets) s.close();
  };
  track(closeSockets);
  const errors: string[] = [];
  await new Promise<void>((resolve) => {
    let next = 0;
    let settledCount = 0;
    const launch = () => {
      while (next < sockets.length && next - settledCount < CONNECT_WINDOW) {
        const socket = sockets[next++] as Socket;
        const done = () => {
          settledCount += 1;
          if (settledCount === sockets.length) resolve();
          else launch();
        };
        socket.once("connect", done);
        socket.once("connect_error", (error: Error) => {
          errors.push(error.message);
          done();
        });
        socket.connect();
      }
    };
    launch();
  });
  if (errors.length > 0) {
    closeSockets();
    throw new Error(`${errors.length} of ${sockets.length} Socket.IO clients did not connect (first: ${errors[0]})`);
  }
  return sockets;
}

/** Close Socket.IO clients and wait until each transport is closed. */
async function closeSockets(sockets: Socket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (!s.connected) return resolve();
          s.once("disconnect", () => resolve());
          s.close();
        }),
    ),
  );
}

/** Opens connections and returns how to close them. */
type Opener = (url: string, origin: string) => Promise<() => Promise<void>>;

/**
 * Measure one kind of connection on a fresh server (so that RSS is not lowered by memory an
 * earlier step freed): start Caseroom, open and close `warmUp` connections of the same kind (code
 * compiled, caches filled; collab warm-ups stay open), read the settled baseline, `open` the N
 * connections, wait until the server is quiet, read again after forced collections, close
 * them and stop the server.
 */
async function step(
  fixture: CaseroomFixture,
  spec: { name: string; connections: number; docs: number; warmUp: Opener; open: Opener },
  track: (cleanup: () => Promise<void> | void) => void,
  log: (line: string) => void,
): Promise<IdleConnectionsRow> {
  const server = await startCaseroom(fixture);
  track(() => server.stop());
  const closeWarmUp = await spec.warmUp(server.url, server.origin);
  await closeWarmUp();
  const base = await settled(server);
  const t0 = performance.now();
  const close = await spec.open(server.url, server.origin);
  const connectS = (performance.now() - t0) / 1000;
  try {
    const quietS = await quiet(server);
    await sleep(200);
    const after = await server.stats({ gc: true });
    const row: IdleConnectionsRow = {
      name: spec.name,
      connections: spec.connections,
      docs: spec.docs,
      connectS,
      quietS,
      baselineHeapBytes: base.heapUsedBytes,
      baselineRssBytes: base.rssBytes,
      afterHeapBytes: after.heapUsedBytes,
      afterRssBytes: after.rssBytes,
      heapBytesPerConnection: (after.heapUsedBytes - base.heapUsedBytes) / spec.connections,
      rssBytesPerConnection: (after.rssBytes - base.rssBytes) / spec.connections,
    };
    log(
      `  ${spec.name}: ${spec.connections} connected in ${connectS.toFixed(2)} s, quiet after ${quietS.toFixed(2)} s; heap ${(row.heapBytesPerConnection / 1024).toFixed(1)} KB, RSS ${(row.rssBytesPerConnection / 1024).toFixed(1)} KB per connection`,
    );
    return row;
  } finally {
    await close();
    await server.stop();
  }
}

export async function runIdleConnectionsBench(log: (line: string) => void = () => undefined): Promise<IdleConnectionsResults> {
  const started = performance.now();
  const restoreAffinity = pinLoadGenerator();
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch (error) {
        log(`cleanup failed: ${(error as Error).message}`);
      }
    }
  };
  // Interrupted (Ctrl-C): close the clients, stop the server and remove its data before leaving.
  const interrupted = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  const track = (cleanup: () => Promise<void> | void) => cleanups.push(cleanup);
  try {
    log(`${IDLE_CONNECTIONS_NAME}: ${SOCKETS} Socket.IO, ${COLLAB_CONNECTIONS} collab connections to one doc, ${DOCS} docs, a fresh server for each; ${pinning}`);
    const fixture = await prepareCaseroom({ cases: CASES, defencePerCase: true });
    track(() => fs.rmSync(fixture.dataDir, { recursive: true, force: true }));
    const prosecutorCases = await casesOfProsecutor(fixture.dataDir);
    log(`  prepared ${CASES} cases with a defence firm each in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const rows: IdleConnectionsRow[] = [];

    const sockets =
      (cookies: string[]): Opener =>
      async (url, origin) => {
        const opened = await openSockets(url, cookies, origin, track);
        return () => closeSockets(opened);
      };
    // Socket.IO: 5 sockets for each of 200 defence users, each user in one case.
    const defenceCookies = fixture.caseIds.slice(0, DEFENCE_USERS).map((id) => fixture.defenceCookies.get(id) ?? "");
    rows.push(
      await step(
        fixture,
        {
          name: "Socket.IO, defence user in 1 case",
          connections: SOCKETS,
          docs: 0,
          warmUp: sockets(defenceCookies.slice(0, WARM_UP)),
          open: sockets(Array.from({ length: SOCKETS }, (_x, i) => defenceCookies[i % DEFENCE_USERS] as string)),
        },
        track,
        log,
      ),
    );
    // Socket.IO: the prosecutor, a member of every case of the CPS area (2 rooms per case).
    rows.push(
      await step(
        fixture,
        {
          name: `Socket.IO, prosecutor in ${prosecutorCases} cases`,
          connections: PROSECUTOR_SOCKETS,
          docs: 0,
          warmUp: sockets(Array.from({ length: WARM_UP }, () => fixture.prosecutorCookie)),
          open: sockets(Array.from({ length: PROSECUTOR_SOCKETS }, () => fixture.prosecutorCookie)),
        },
        track,
        log,
      ),
    );

    // Collaboration clients of the prosecutor, who may write every generated case's notes.
    const collab =
      (docNames: string[]): Opener =>
      async (url, origin) => {
        const headers = { cookie: fixture.prosecutorCookie, origin };
        const wsUrl = url.replace(/^http/, "ws");
        const clients = await connectAll(docNames, (docName) => new RawClient({ url: `${wsUrl}/collab/${docName}`, headers, codec: "y-websocket", docName }));
        track(() => closeAll(clients, "terminate"));
        return () => closeAll(clients);
      };
    // Warm-up docs: the prosecutor's private notes of the first cases, never measured; they stay
    // open (loaded) through the step, so they are in both readings and need no unloading.
    const warmUpDocs = fixture.caseIds.slice(0, WARM_UP).map((id) => `case/${id}/notes/private/${PROSECUTOR}`);
    const keepOpen =
      (open: Opener): Opener =>
      async (url, origin) => {
        await open(url, origin);
        return async () => undefined;
      };
    // One doc, loaded by the warm-up connections (kept open), then 1,000 more connections to it.
    const oneDoc = caseroomRoom(fixture.caseIds[CASES - 1] as string);
    rows.push(
      await step(
        fixture,
        {
          name: "collab connection to a loaded doc",
          connections: COLLAB_CONNECTIONS,
          docs: 0,
          warmUp: keepOpen(collab(Array.from({ length: WARM_UP }, () => oneDoc))),
          open: collab(Array.from({ length: COLLAB_CONNECTIONS }, () => oneDoc)),
        },
        track,
        log,
      ),
    );
    // 200 distinct docs (the prosecution team notes of 200 cases, empty), one client each.
    rows.push(
      await step(
        fixture,
        {
          name: "loaded doc with its one collab connection",
          connections: DOCS,
          docs: DOCS,
          warmUp: keepOpen(collab(warmUpDocs)),
          open: collab(fixture.caseIds.slice(0, DOCS).map(caseroomRoom)),
        },
        track,
        log,
      ),
    );
    const connection = rows[2] as IdleConnectionsRow;
    const doc = rows[3] as IdleConnectionsRow;
    return {
      name: IDLE_CONNECTIONS_NAME,
      pinning,
      prosecutorCases,
      rows,
      docBeyondConnection: { heapBytes: doc.heapBytesPerConnection - connection.heapBytesPerConnection, rssBytes: doc.rssBytesPerConnection - connection.rssBytesPerConnection },
      durationS: (performance.now() - started) / 1000,
    };
  } finally {
    await cleanUp();
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    restoreAffinity();
  }
}

/** The results as a Markdown section. */
export function idleConnectionsMarkdown(results: IdleConnectionsResults): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  return [
    "## Memory per idle connection (server in its own process)",
    "",
    `Caseroom with its demo data and ${CASES} generated cases, a fresh server process for each row: ${WARM_UP} connections of the kind opened first (warm-up; collab ones stay open, in both readings), the server left quiet, collected (forced GC) and read; the N connections opened from the load generator and left idle until the server's CPU is quiet; collected and read again: per connection = (after − before) / N. The clients send nothing beyond the handshake (no awareness, no Y.Doc). The doc rows use empty docs; a doc's content adds to its figure. Pinning: ${results.pinning}. Run took ${results.durationS.toFixed(0)} s.`,
    "",
    "| connections | N | heap KB each | RSS KB each | connect s | heap before → after MB | RSS before → after MB |",
    "|---|---|---|---|---|---|---|",
    ...results.rows.map(
      (r) => `| ${r.name} | ${r.connections} | ${kb(r.heapBytesPerConnection)} | ${kb(r.rssBytesPerConnection)} | ${r.connectS.toFixed(2)} | ${mb(r.baselineHeapBytes)} → ${mb(r.afterHeapBytes)} | ${mb(r.baselineRssBytes)} → ${mb(r.afterRssBytes)} |`,
    ),
    `| loaded idle doc beyond its connection (doc row − collab connection row) | | ${kb(results.docBeyondConnection.heapBytes)} | ${kb(results.docBeyondConnection.rssBytes)} | | | |`,
    "",
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const results = await runIdleConnectionsBench(out);
  const json = process.argv.find((a) => a.startsWith("--json="))?.slice("--json=".length);
  if (json) fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  out("");
  out(idleConnectionsMarkdown(results));
}
