/**
 * Direction push (issue #11): 2,000 Socket.IO clients on 200 cases, 10 per case, each a defence
 * user's socket that is a member of exactly one case. A legal adviser issues directions over the
 * HTTP API in a steady stream (one per case, DIRECTION_PUSH_RATE a second, 8 by default, posted
 * open-loop: the next does not wait for the previous answer); for every receiving socket the
 * latency runs from just before the POST is sent to the `direction:issued` event carrying that
 * direction's text. Target: p99 ≤ 50 ms.
 *
 * The same load, in the same run, goes to a minimal reference Socket.IO server (same socket.io
 * version and settings, no auth, rooms from a query parameter, the posted payload of Caseroom's
 * size emitted as it is), so Caseroom / reference is the cost of Caseroom's authentication,
 * validation, persistence and audit. Each server runs in its own process on core 0, the load
 * generator on core 1 (when taskset exists), one after the other.
 *
 * `node --import tsx bench/direction-push.bench.ts [--cpu-prof[=dir]] [--receipts]` prints the
 * table; with `--cpu-prof` Caseroom runs under V8's CPU profiler and the top self-time functions
 * of the measured stream are printed too; with `--receipts` every client sends the
 * `direction:received` receipt the browser sends for each direction (off by default: the pure push).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { io, type Socket } from "socket.io-client";
import { type CaseroomFixture, prepareCaseroom, startCaseroom } from "./collab/caseroom-target.ts";
import { freePortNumber } from "./collab/ports.ts";
import { pinLoadGenerator, pinning, type ProbeStats, ROOT, type ServerProcess, startServerProcess } from "./collab/server-process.ts";

const CASES = 200;
const CLIENTS_PER_CASE = 10;
const CLIENTS = CASES * CLIENTS_PER_CASE;
/** Directions in the measured stream, one per case. */
const DIRECTIONS = CASES;
/**
 * 8 a second: the 200 directions take 25 s, Socket.IO's ping interval (both servers), so the
 * measured window holds exactly one heartbeat of every socket whenever it starts.
 */
const RATE_PER_SECOND = Number(process.env.DIRECTION_PUSH_RATE ?? 8);
const TARGET_P99_MS = 50;
/** Sockets connecting at once (a connection storm of 2,000 would measure the listen backlog). */
const CONNECT_WINDOW = 50;
/** Warm-up directions in flight at once. */
const WARM_UP_CONCURRENCY = 10;
/** How long after the last answer a missing delivery is waited for before it counts as failed. */
const SETTLE_MS = 5_000;
const DUE_ON = "2027-01-08";
/** The idle window before the stream (it falls between heartbeats: the sockets connected < 25 s ago). */
const IDLE_MS = 5_000;

export type DirectionPushTargetResult = {
  name: string;
  /** All 2,000 sockets connected (CONNECT_WINDOW at a time), seconds. */
  connectS: number;
  connectP99Ms: number;
  connectErrors: number;
  /** From connected to every socket having had its case's warm-up direction, seconds. */
  readyS: number;
  directions: number;
  /** POSTs not answered 201. */
  postErrors: number;
  postP50Ms: number;
  postP99Ms: number;
  deliveries: number;
  expected: number;
  /** Socket × direction pairs never delivered (within SETTLE_MS of the last answer). */
  failures: number;
  duplicates: number;
  disconnects: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * Server CPU (user + system) over the measured stream, per delivered event: everything the
   * server did meanwhile (POSTs, pushes, one heartbeat per socket, Caseroom's session checks).
   */
  cpuUsPerDelivery: number;
  /**
   * CPU time the server's core spent on anything but the server during the stream (other
   * processes, interrupts), and time stolen by the hypervisor, ms; NaN when not pinned.
   */
  otherOnCoreMs: number;
  /** The same for the load generator's core (less the load generator's own CPU). */
  otherOnLoadCoreMs: number;
  stealMs: number;
  /** Server CPU while idle with every socket connected, between heartbeats, ms per second (IDLE_MS window). */
  idleCpuMsPerS: number;
  rssMb: number;
  /** Heap in use after a forced collection, at the end, with every socket still connected. */
  heapUsedMb: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** Size of one `direction:issued` payload as JSON. */
  payloadBytes: number;
};

export type ProfileEntry = { name: string; selfMs: number; percent: number };
/** A run of consecutive busy samples (the event loop blocked meanwhile), with where it was spent. */
export type ProfileStretch = { ms: number; atS: number; top: string };

export type DirectionPushResults = {
  name: string;
  clients: number;
  cases: number;
  directions: number;
  ratePerSecond: number;
  /** Whether the clients sent `direction:received` receipts, as the browser does. */
  receipts: boolean;
  targetP99Ms: number;
  pinning: string;
  caseroom: DirectionPushTargetResult;
  reference: DirectionPushTargetResult;
  met: boolean;
  /** Other work used a benchmark core for more than DISTURBED_MS during a stream. */
  disturbed: boolean;
  durationS: number;
  /** Caseroom's CPU profile over the measured stream (only when asked for). */
  profile?: { window: string; functions: ProfileEntry[]; files: ProfileEntry[]; stretches: ProfileStretch[] };
};

export const DIRECTION_PUSH_NAME = "direction push: 2,000 Socket.IO clients, 200 cases";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / 2 ** 20;
const cpuOf = (stats: ProbeStats) => stats.cpuUserUs + stats.cpuSystemUs;
const SERVER_CORE = pinning.startsWith("server on core 0") ? 0 : undefined;
const LOAD_CORE = SERVER_CORE === undefined ? undefined : 1;
/** Other work on a core during the stream beyond this (ms) marks the figures as disturbed. */
const DISTURBED_MS = 500;

/** Busy (user, nice, system, irq, softirq) and stolen time of one core so far, ms; from /proc/stat. */
function coreTimes(core: number | undefined): { busyMs: number; stealMs: number } | undefined {
  if (core === undefined) return undefined;
  try {
    const line = fs
      .readFileSync("/proc/stat", "utf8")
      .split("\n")
      .find((l) => l.startsWith(`cpu${core} `));
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = (line ?? "").trim().split(/\s+/).slice(1).map(Number);
    // USER_HZ is 100 on Linux: ticks of 10 ms.
    return { busyMs: (user + nice + system + irq + softirq) * 10, stealMs: steal * 10 };
  } catch {
    return undefined;
  }
}
/** The monotonic clock V8's profiler stamps samples with, in microseconds. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Same length for every direction of both servers: `[w-0007]` warm-up, `[m-0123]` measured. */
const directionText = (tag: string) => `[${tag}] The defence must serve a defence statement and a list of any defence witnesses by the date given.`;

type Client = { socket: Socket; caseId: string; connected: boolean };
type Issued = { caseId: string; sentAt: number; receivers: Set<number>; latencies: number[]; postMs?: number; status?: number };

/** How one server is driven: where to connect and post, with which credentials. */
type Target = {
  name: string;
  url: string;
  origin: string;
  server: ServerProcess;
  socketOptions(caseId: string): { extraHeaders: Record<string, string>; query?: Record<string, string> };
  post(caseId: string, text: string): { headers: Record<string, string>; body: string };
};

/** Connect the clients, warm up, stream the directions, and collect the figures. */
async function measureTarget(target: Target, caseIds: string[], log: (line: string) => void, hooks: { receipts: boolean; onSample?: (direction: Record<string, unknown>) => void; window?: (startUs: number, endUs: number) => void; track: (close: () => void) => void }): Promise<DirectionPushTargetResult> {
  const issued = new Map<string, Issued>();
  const clients: Client[] = [];
  let duplicates = 0;
  let disconnects = 0;
  let payloadBytes = 0;
  let sampled = false;
  let closing = false;
  const closeAll = () => {
    closing = true;
    for (const c of clients) c.socket.close();
  };
  hooks.track(closeAll);

  for (const caseId of caseIds) {
    for (let k = 0; k < CLIENTS_PER_CASE; k++) {
      const options = target.socketOptions(caseId);
      const socket = io(target.url, {
        path: "/socket.io/",
        transports: ["websocket"],
        forceNew: true,
        autoConnect: false,
        reconnection: false,
        timeout: 20_000,
        ...options,
      });
      const index = clients.length;
      const client: Client = { socket, caseId, connected: false };
      clients.push(client);
      socket.on("direction:issued", (payload: { caseId?: string; direction?: Record<string, unknown> }) => {
        const at = performance.now();
        const record = issued.get(String(payload?.direction?.text ?? ""));
        if (!record || record.caseId !== caseId) return;
        if (record.receivers.has(index)) {
          duplicates += 1;
          return;
        }
        record.receivers.add(index);
        // As the browser does (client/modules/directions/direction-news.component.tsx).
        const { id, version } = payload.direction ?? {};
        if (hooks.receipts && typeof id === "string" && typeof version === "number") socket.emit("direction:received", { directionId: id, version });
        record.latencies.push(at - record.sentAt);
        if (!sampled && payload.direction) {
          sampled = true;
          payloadBytes = Buffer.byteLength(JSON.stringify(payload));
          hooks.onSample?.(payload.direction);
        }
      });
      socket.on("disconnect", () => {
        if (client.connected && !closing) disconnects += 1;
      });
    }
  }

  // Connect, CONNECT_WINDOW at a time.
  const connectTimes: number[] = [];
  let connectErrors = 0;
  const connectStart = performance.now();
  await new Promise<void>((resolve) => {
    let next = 0;
    let settled = 0;
    const launch = () => {
      while (next < clients.length && next - settled < CONNECT_WINDOW) {
        const client = clients[next++] as Client;
        const t0 = performance.now();
        const done = () => {
          settled += 1;
          if (settled === clients.length) resolve();
          else launch();
        };
        client.socket.once("connect", () => {
          client.connected = true;
          connectTimes.push(performance.now() - t0);
          done();
        });
        client.socket.once("connect_error", (error: Error) => {
          connectErrors += 1;
          if (connectErrors <= 3) log(`  ${target.name}: connect error: ${error.message}`);
          done();
        });
        client.socket.connect();
      }
    };
    launch();
  });
  const connectS = (performance.now() - connectStart) / 1000;
  connectTimes.sort((a, b) => a - b);
  log(`  ${target.name}: ${clients.length - connectErrors} of ${clients.length} clients connected in ${connectS.toFixed(2)} s (p99 ${percentile(connectTimes, 99).toFixed(1)} ms each, ${CONNECT_WINDOW} at a time)`);

  let postErrorsLogged = 0;
  const send = async (caseId: string, text: string) => {
    const { headers, body } = target.post(caseId, text);
    const record: Issued = { caseId, sentAt: performance.now(), receivers: new Set(), latencies: [] };
    issued.set(text, record);
    try {
      const response = await fetch(`${target.url}/api/cases/${caseId}/directions`, { method: "POST", headers, body });
      await response.arrayBuffer();
      record.status = response.status;
      if (response.status !== 201 && ++postErrorsLogged <= 3) log(`  ${target.name}: POST ${caseId} answered ${response.status}`);
    } catch (error) {
      record.status = 0;
      if (++postErrorsLogged <= 3) log(`  ${target.name}: POST ${caseId} failed: ${(error as Error).message}`);
    }
    record.postMs = performance.now() - record.sentAt;
    return record;
  };
  const connectedIn = new Map<string, number>();
  for (const c of clients) if (c.connected) connectedIn.set(c.caseId, (connectedIn.get(c.caseId) ?? 0) + 1);
  /** Wait until each record has reached every connected socket of its case, or the deadline. */
  const settle = async (records: Issued[], timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline && records.some((r) => r.receivers.size < (connectedIn.get(r.caseId) ?? 0))) await sleep(10);
  };

  // Warm-up: one direction per case, until every socket has had its own (rooms joined).
  const readyStart = performance.now();
  const warmUps: Issued[] = [];
  let nextWarmUp = 0;
  await Promise.all(
    Array.from({ length: WARM_UP_CONCURRENCY }, async () => {
      while (nextWarmUp < caseIds.length) {
        const i = nextWarmUp++;
        warmUps.push(await send(caseIds[i] as string, directionText(`w-${String(i).padStart(4, "0")}`)));
      }
    }),
  );
  await settle(warmUps, 30_000);
  const notReady = warmUps.reduce((n, r) => n + (connectedIn.get(r.caseId) ?? 0) - r.receivers.size, 0);
  if (notReady > 0) throw new Error(`${target.name}: ${notReady} sockets never had their warm-up direction`);
  const readyS = (performance.now() - readyStart) / 1000;
  log(`  ${target.name}: every socket in its case's room after ${readyS.toFixed(2)} s (warm-up: ${caseIds.length} directions)`);
  await sleep(500);

  // Idle, every socket connected: what holding them costs (Caseroom also checks sessions).
  const idleBefore = await target.server.stats({ gc: true });
  const idleStart = performance.now();
  await sleep(IDLE_MS);
  const idleAfter = await target.server.stats();
  const idleCpuMsPerS = (cpuOf(idleAfter) - cpuOf(idleBefore)) / (performance.now() - idleStart);

  // The measured stream: one direction per case, RATE_PER_SECOND, open-loop.
  const before = await target.server.stats({ gc: true, reset: true });
  const coreBefore = coreTimes(SERVER_CORE);
  const loadCoreBefore = coreTimes(LOAD_CORE);
  const loadCpuBefore = process.cpuUsage();
  const windowStartUs = monotonicUs();
  const streamStart = performance.now();
  const interval = 1000 / RATE_PER_SECOND;
  const sends: Promise<Issued>[] = [];
  for (let n = 0; n < DIRECTIONS; n++) {
    const wait = streamStart + n * interval - performance.now();
    if (wait > 0) await sleep(wait);
    sends.push(send(caseIds[n % caseIds.length] as string, directionText(`m-${String(n).padStart(4, "0")}`)));
  }
  const records = await Promise.all(sends);
  await settle(records, SETTLE_MS);
  // The window lasts DIRECTIONS intervals at least (one ping interval at the default rate).
  await sleep(streamStart + DIRECTIONS * interval - performance.now());
  const windowEndUs = monotonicUs();
  const after: ProbeStats = await target.server.stats();
  const coreAfter = coreTimes(SERVER_CORE);
  const loadCoreAfter = coreTimes(LOAD_CORE);
  const loadCpu = process.cpuUsage(loadCpuBefore);
  const memory = await target.server.stats({ gc: true });
  hooks.window?.(windowStartUs, windowEndUs);
  log(`  ${target.name}: ${DIRECTIONS} directions in ${((performance.now() - streamStart) / 1000).toFixed(1)} s`);

  const latencies = records.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const posts = records.map((r) => r.postMs ?? 0).sort((a, b) => a - b);
  const deliveries = latencies.length;
  const expected = DIRECTIONS * CLIENTS_PER_CASE;
  const cpuUs = cpuOf(after) - cpuOf(before);
  const otherOnCoreMs = coreBefore && coreAfter ? Math.max(0, coreAfter.busyMs - coreBefore.busyMs - cpuUs / 1000) : Number.NaN;
  const stealMs = coreBefore && coreAfter ? coreAfter.stealMs - coreBefore.stealMs : Number.NaN;
  const otherOnLoadCoreMs = loadCoreBefore && loadCoreAfter ? Math.max(0, loadCoreAfter.busyMs - loadCoreBefore.busyMs - (loadCpu.user + loadCpu.system) / 1000) : Number.NaN;
  if (otherOnCoreMs > DISTURBED_MS || otherOnLoadCoreMs > DISTURBED_MS) {
    log(`  ${target.name}: WARNING: other work used the server's core for ${otherOnCoreMs.toFixed(0)} ms and the load generator's for ${otherOnLoadCoreMs.toFixed(0)} ms during the stream: the figures are disturbed`);
  }
  closeAll();
  return {
    name: target.name,
    connectS,
    connectP99Ms: percentile(connectTimes, 99),
    connectErrors,
    readyS,
    directions: DIRECTIONS,
    postErrors: records.filter((r) => r.status !== 201).length,
    postP50Ms: percentile(posts, 50),
    postP99Ms: percentile(posts, 99),
    deliveries,
    expected,
    failures: expected - deliveries,
    duplicates,
    disconnects,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    cpuUsPerDelivery: deliveries > 0 ? cpuUs / deliveries : 0,
    idleCpuMsPerS,
    otherOnCoreMs,
    otherOnLoadCoreMs,
    stealMs,
    rssMb: mb(after.rssBytes),
    heapUsedMb: mb(memory.heapUsedBytes),
    loopP99Ms: after.loopP99Ms,
    loopMaxMs: after.loopMaxMs,
    payloadBytes,
  };
}

/** Caseroom as startCaseroom starts it, with V8's CPU profiler writing into `dir` at exit. */
async function startProfiledCaseroom(fixture: CaseroomFixture, dir: string) {
  const port = await freePortNumber();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServerProcess({
    args: ["--cpu-prof", "--cpu-prof-dir", dir, "--import", "tsx", "server/main.ts"],
    env: { PORT: String(port), HOST: "127.0.0.1", BASE_URL: url, DATA_DIR: fixture.dataDir, LOG_LEVEL: "silent", DEMO_DATA: "false" },
    ready: async () => (await fetch(`${url}/readyz`)).ok,
  });
  return { ...server, url, origin: url };
}

async function startReference(): Promise<ServerProcess & { url: string }> {
  const port = await freePortNumber();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServerProcess({
    args: ["--import", "tsx", path.join("bench", "collab", "socketio-reference-server.ts")],
    env: { PORT: String(port), HOST: "127.0.0.1" },
    ready: async () => (await fetch(`${url}/readyz`)).ok,
  });
  return { ...server, url };
}

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

/** Self time by function and by file (package), from the main thread's profile of `pid`. */
export function summariseCpuProfile(dir: string, pid: number, window?: { startUs: number; endUs: number }, top = 15): NonNullable<DirectionPushResults["profile"]> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  const file = files.find((f) => f.includes(`.${pid}.0.`)) ?? files.sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size)[0];
  if (!file) throw new Error(`no CPU profile in ${dir}`);
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
  const inWindow = window !== undefined && window.startUs >= profile.startTime && window.endUs <= profile.endTime;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let at = profile.startTime;
  const stretches: { us: number; at: number; self: Map<string, number> }[] = [];
  let stretch: (typeof stretches)[number] | undefined;
  const shortUrl = (url: string) => {
    const plain = url.replace(/^file:\/\//, "");
    const modules = plain.lastIndexOf("node_modules/");
    if (modules >= 0) return plain.slice(modules + "node_modules/".length);
    return plain.startsWith(ROOT) ? plain.slice(ROOT.length + 1) : plain;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (inWindow && (at < window.startUs || at > window.endUs)) continue;
    const frame = frames.get(profile.samples[i] as number);
    if (!frame) continue;
    if (frame.functionName === "(idle)") {
      idle += delta;
      stretch = undefined;
      continue;
    }
    const where = shortUrl(frame.url);
    const fn = `${frame.functionName || "(anonymous)"}${where ? ` ${where}:${frame.lineNumber + 1}` : ""}`;
    const pkg = where === "" ? frame.functionName : where.startsWith("server/") || where.startsWith("shared/") ? where : where.startsWith("@") ? where.split("/").slice(0, 2).join("/") : where.split("/")[0] ?? where;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + delta);
    if (!stretch) {
      stretch = { us: 0, at, self: new Map() };
      stretches.push(stretch);
    }
    stretch.us += delta;
    stretch.self.set(fn, (stretch.self.get(fn) ?? 0) + delta);
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + delta);
    total += delta;
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, percent: total > 0 ? (100 * us) / total : 0 }));
  const span = inWindow ? "the measured stream" : "the whole process life";
  const origin = inWindow ? window.startUs : profile.startTime;
  const longest = stretches
    .sort((a, b) => b.us - a.us)
    .slice(0, 3)
    .map((x) => ({
      ms: x.us / 1000,
      atS: (x.at - origin) / 1e6,
      top: [...x.self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)} ms`)
        .join("; "),
    }));
  return { window: `${span}: busy ${(total / 1000).toFixed(0)} ms of ${((total + idle) / 1000).toFixed(0)} ms sampled (% of busy)`, functions: rank(byFunction), files: rank(byFile), stretches: longest };
}

/**
 * Run both targets, one after the other, on the same machine and load. `cpuProfDir`: profile
 * Caseroom into this folder (kept) and summarise the measured stream. `receipts`: every client
 * answers each `direction:issued` with `direction:received`, as the browser does (Caseroom
 * records the receipt; the reference has no handler and drops it).
 */
export async function runDirectionPushBench(log: (line: string) => void = () => undefined, options: { cpuProfDir?: string; receipts?: boolean } = {}): Promise<DirectionPushResults> {
  pinLoadGenerator();
  const receipts = options.receipts ?? false;
  const started = performance.now();
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        log(`cleanup failed: ${(error as Error).message}`);
      }
    }
  };
  // Interrupted (Ctrl-C): stop the servers and remove the data before leaving.
  const interrupted = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  const track = (close: () => void) => cleanups.push(close);
  try {
    log(`${DIRECTION_PUSH_NAME}: ${DIRECTIONS} directions at ${RATE_PER_SECOND}/s, ${CLIENTS_PER_CASE} receivers each; ${pinning}`);
    const fixture = await prepareCaseroom({ cases: CASES, defencePerCase: true });
    cleanups.push(() => fs.rmSync(fixture.dataDir, { recursive: true, force: true }));
    log(`  prepared ${CASES} cases with a defence firm each in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const caseroomServer = options.cpuProfDir ? await startProfiledCaseroom(fixture, options.cpuProfDir) : await startCaseroom(fixture);
    cleanups.push(() => caseroomServer.stop());
    let sample: Record<string, unknown> | undefined;
    let window: { startUs: number; endUs: number } | undefined;
    const caseroom = await measureTarget(
      {
        name: "Caseroom",
        url: caseroomServer.url,
        origin: caseroomServer.origin,
        server: caseroomServer,
        socketOptions: (caseId) => ({ extraHeaders: { cookie: fixture.defenceCookies.get(caseId) ?? "", origin: caseroomServer.origin } }),
        post: (_caseId, text) => ({
          headers: { cookie: fixture.adviserCookie, origin: caseroomServer.origin, "x-requested-with": "caseroom", "content-type": "application/json" },
          body: JSON.stringify({ directions: [{ text, responsibleParty: "defence", dueOn: DUE_ON }] }),
        }),
      },
      fixture.caseIds,
      log,
      {
        onSample: (direction) => {
          sample = direction;
        },
        window: (startUs, endUs) => {
          window = { startUs, endUs };
        },
        track,
        receipts,
      },
    );
    await caseroomServer.stop();
    let profile: DirectionPushResults["profile"];
    if (options.cpuProfDir) profile = summariseCpuProfile(options.cpuProfDir, caseroomServer.pid, window);

    const referenceServer = await startReference();
    cleanups.push(() => referenceServer.stop());
    // What Caseroom pushed, with each direction's own text: the same size on the wire.
    const template = sample ?? { id: "00000000-0000-4000-8000-000000000000", version: 1, responsibleParty: "defence", dueOn: DUE_ON };
    const reference = await measureTarget(
      {
        name: "reference Socket.IO",
        url: referenceServer.url,
        origin: referenceServer.url,
        server: referenceServer,
        socketOptions: (caseId) => ({ extraHeaders: { origin: referenceServer.url }, query: { case: caseId } }),
        post: (caseId, text) => ({ headers: { "content-type": "application/json" }, body: JSON.stringify({ caseId, direction: { ...template, text } }) }),
      },
      fixture.caseIds,
      log,
      { track, receipts },
    );
    await referenceServer.stop();

    return {
      name: DIRECTION_PUSH_NAME,
      clients: CLIENTS,
      cases: CASES,
      directions: DIRECTIONS,
      ratePerSecond: RATE_PER_SECOND,
      receipts,
      targetP99Ms: TARGET_P99_MS,
      pinning,
      caseroom,
      reference,
      met: caseroom.p99Ms <= TARGET_P99_MS && caseroom.failures === 0 && caseroom.postErrors === 0,
      disturbed: [caseroom, reference].some((t) => t.otherOnCoreMs > DISTURBED_MS || t.otherOnLoadCoreMs > DISTURBED_MS),
      durationS: (performance.now() - started) / 1000,
      ...(profile ? { profile } : {}),
    };
  } finally {
    await cleanUp();
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  }
}

/** The results as a Markdown table, Caseroom beside the reference. */
export function directionPushMarkdown(results: DirectionPushResults): string {
  const { caseroom: c, reference: r } = results;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : "–");
  const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
  const row = (measure: string, a: number, b: number, digits: number, withRatio = true) => `| ${measure} | ${fixed(a, digits)} | ${fixed(b, digits)} | ${withRatio ? ratio(a, b) : ""} |`;
  const lines = [
    `## Direction push: ${results.clients.toLocaleString("en-GB")} Socket.IO clients, ${results.cases} cases`,
    "",
    `${results.directions} directions, one per case, ${results.ratePerSecond} a second (open-loop), each to the ${CLIENTS_PER_CASE} sockets of its case${results.receipts ? ", every socket answering with a `direction:received` receipt as the browser does" : " (the clients send no receipts)"}; latency from just before the POST to the \`direction:issued\` event on each socket. Server CPU is over the whole stream (with one Socket.IO heartbeat per socket at the default rate). Target p99 ≤ ${results.targetP99Ms} ms: **${results.met ? "met" : "missed"}**. Servers in their own process; ${results.pinning}. Run took ${results.durationS.toFixed(0)} s.`,
    "",
    ...(results.disturbed ? [`**Disturbed:** other work used a benchmark core for more than ${DISTURBED_MS} ms during a stream (rows "other CPU" below); run again on a quiet machine.`, ""] : []),
    "| measure | Caseroom | reference Socket.IO | Caseroom / reference |",
    "|---|---|---|---|",
    row("connect 2,000 clients (s)", c.connectS, r.connectS, 2),
    row("connect p99 per client (ms)", c.connectP99Ms, r.connectP99Ms, 1),
    row("latency p50 (ms)", c.p50Ms, r.p50Ms, 1),
    row("latency p95 (ms)", c.p95Ms, r.p95Ms, 1),
    row("latency p99 (ms)", c.p99Ms, r.p99Ms, 1),
    row("latency max (ms)", c.maxMs, r.maxMs, 1),
    row("POST answered p50 (ms)", c.postP50Ms, r.postP50Ms, 1),
    row("POST answered p99 (ms)", c.postP99Ms, r.postP99Ms, 1),
    `| deliveries / expected | ${c.deliveries} / ${c.expected} | ${r.deliveries} / ${r.expected} | |`,
    `| failures (never delivered) | ${c.failures} | ${r.failures} | |`,
    `| failed POSTs, connect errors, disconnects, duplicates | ${c.postErrors}, ${c.connectErrors}, ${c.disconnects}, ${c.duplicates} | ${r.postErrors}, ${r.connectErrors}, ${r.disconnects}, ${r.duplicates} | |`,
    row("server CPU per delivered event (µs)", c.cpuUsPerDelivery, r.cpuUsPerDelivery, 0),
    row("server CPU idle between heartbeats (ms/s)", c.idleCpuMsPerS, r.idleCpuMsPerS, 1),
    row("server core: other CPU during the stream (ms)", c.otherOnCoreMs, r.otherOnCoreMs, 0, false),
    row("load generator core: other CPU during the stream (ms)", c.otherOnLoadCoreMs, r.otherOnLoadCoreMs, 0, false),
    row("server core: stolen by the hypervisor (ms)", c.stealMs, r.stealMs, 0, false),
    row("server RSS (MB)", c.rssMb, r.rssMb, 0),
    row("server heap after GC (MB)", c.heapUsedMb, r.heapUsedMb, 1),
    row("event-loop delay p99 (ms)", c.loopP99Ms, r.loopP99Ms, 1),
    row("event-loop delay max (ms)", c.loopMaxMs, r.loopMaxMs, 1),
    row("payload (bytes of JSON)", c.payloadBytes, r.payloadBytes, 0, false),
    `| target p99 ≤ ${results.targetP99Ms} ms | ${results.met ? "met" : "missed"} | ${r.p99Ms <= results.targetP99Ms ? "met" : "missed"} | |`,
    "",
  ];
  if (results.profile) {
    lines.push(`Caseroom CPU profile, self time, ${results.profile.window}. Caseroom's CPU figures above include the profiler's own overhead.`, "", "| function | self ms | % |", "|---|---|---|");
    for (const f of results.profile.functions) lines.push(`| \`${f.name}\` | ${f.selfMs.toFixed(0)} | ${f.percent.toFixed(1)} |`);
    lines.push("", "| file or package | self ms | % |", "|---|---|---|");
    for (const f of results.profile.files) lines.push(`| \`${f.name}\` | ${f.selfMs.toFixed(0)} | ${f.percent.toFixed(1)} |`);
    lines.push("", "Longest busy stretches (event loop blocked):", "", "| ms | at s | where (self time) |", "|---|---|---|");
    for (const x of results.profile.stretches) lines.push(`| ${x.ms.toFixed(1)} | ${x.atS.toFixed(1)} | ${x.top} |`);
    lines.push("");
  }
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const flag = process.argv.slice(2).find((a) => a === "--cpu-prof" || a.startsWith("--cpu-prof="));
  const receipts = process.argv.includes("--receipts");
  const keepDir = flag?.startsWith("--cpu-prof=") ? path.resolve(flag.slice("--cpu-prof=".length)) : undefined;
  const profDir = flag ? (keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "caseroom-bench-cpuprof-"))) : undefined;
  if (keepDir) fs.mkdirSync(keepDir, { recursive: true });
  try {
    const results = await runDirectionPushBench(out, { cpuProfDir: profDir, receipts });
    out("");
    out(directionPushMarkdown(results));
    process.exitCode = results.met ? 0 : 1;
  } finally {
    if (profDir && !keepDir) fs.rmSync(profDir, { recursive: true, force: true });
  }
}
