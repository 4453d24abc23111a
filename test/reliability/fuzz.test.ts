/**
 * Seeded, bounded fuzzing of every channel of a real server (research/security.md YJS-08,
 * SIO-09, HTTP-08, REL-02 "memory stable"): random JSON to every API route, random and truncated
 * y-protocol frames, random Socket.IO events. The server must never crash, never answer 5xx or
 * leak internals, never store a rejected write, and give its memory back.
 *
 * The seed is printed; `FUZZ_SEED=<n>` replays a run exactly, `FUZZ_SCALE=<k>` multiplies the
 * number of cases (for a longer soak; the default keeps the file well under 40 s).
 */
import http from "node:http";
import { Writable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";
import zlib from "node:zlib";
import type Router from "@koa/router";
import { pino } from "pino";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import * as Y from "yjs";
import { actorOfUser, createSessionService, hashToken } from "../../server/auth/session.service.ts";
import { createNotifications } from "../../server/notifications/notifications.ts";
import { createApp } from "../../server/http/app.ts";
import { cookieSettings } from "../../server/http/cookies.ts";
import { decideCollabAccess } from "../../server/realtime/collab-access.ts";
import { createRealtimeHub } from "../../server/realtime/realtime-hub.ts";
import type { Store } from "../../server/storage/store.ts";
import { DIRECTION_TEMPLATES } from "../../shared/domain/direction-templates.ts";
import { CLOSE_CODE } from "../../shared/protocol/collab-protocol.ts";
import { parseDocName } from "../../shared/protocol/doc-names.ts";
import { openCollab } from "../helpers/collab-client.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { openSocket, type RecordingSocket } from "../helpers/socket-client.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";
import { couldBeContent, frame, hostileAwareness, hostileUpdate, knownIds, malformedFrame, mutate, OVERSIZED_FRAME_BYTES, randomFrame, rawCollab, validUpdates } from "./fuzz-frames.ts";
import { startWatchdog } from "./fuzz-watchdog.ts";
import { encodeSegment, fuzzSeed, invalidJsonText, junkPathSegment, junkQuery, junkString, junkValue, nastyJsonText, Rng } from "./fuzz-random.ts";

const SEED = fuzzSeed();
const SCALE = Math.max(0.1, Number(process.env.FUZZ_SCALE ?? "1") || 1);
const COUNTS = {
  http: Math.round(500 * SCALE),
  uploads: Math.round(40 * SCALE),
  truncatedBodies: Math.round(30 * SCALE),
  collabMalformed: Math.round(60 * SCALE),
  collabRandom: Math.round(30 * SCALE),
  collabMutated: Math.round(60 * SCALE),
  socketEvents: Math.round(240 * SCALE),
};
process.stdout.write(`\n  fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})\n`);
const root = new Rng(SEED);
const seedNote = `FUZZ_SEED=${SEED}`;

const USERS = {
  pat: "pat.cole@cps.example",
  dan: "dan.reyes@reyes-law.example",
  amy: "amy.hart@hart-defence.example",
  lee: "lee.adams@court.example",
  morgan: "hhj.morgan@judiciary.example",
  sam: "sam.ortiz@court.example",
};
type Who = keyof typeof USERS;
const WHO = Object.keys(USERS) as Who[];
const CASE = "case-0001";
const NOTES_DOCS = [`case/${CASE}/notes/shared/prosecution`, `case/${CASE}/notes/team/prosecution`, `case/${CASE}/notes/private/${USERS.pat}`];

/** A stable error code (DESIGN §11): dotted lower-case words. */
const CODE = /^[a-z_]+(\.[a-z_]+)*$/;
/** What an error body or an acknowledgement must never carry: stacks, paths, SQL, raw errors. */
const INTERNALS =
  /\bat [\w$.<>]+ \(|\.(?:ts|js|mjs|cjs):\d+|node_modules|\/work\/|\/home\/|\/tmp\/|\/usr\/|SQLITE|sqlite|\bSELECT\b|\bINSERT INTO\b|\bFROM \w+ WHERE\b|\b\w*Error:|TypeError|RangeError|ReferenceError|SyntaxError|ZodError|ECONN|errno/;

type Route = { method: string; path: string };
type Pools = {
  params: Record<string, string[]>;
  urns: string[];
  surnames: string[];
  dates: string[];
  defendantIds: string[];
  documentIds: string[];
};
type Context = {
  server: TestServer;
  cookies: Record<Who, string>;
  routes: Route[];
  pools: Pools;
  formPartDoc: string | undefined;
  baselineHeap: number;
  crashes: string[];
  errorLogs: string[];
  onCrash: (error: unknown) => void;
  watchdog: ReturnType<typeof startWatchdog>;
};

const test = suite<Context>("fuzz: random input on every channel, no crash, no 5xx, no leak", {} as Context);

// ── set-up ─────────────────────────────────────────────────────────────────────────────────────

test.before(async (context) => {
  context.watchdog = startWatchdog({ stallMs: 10_000, seedNote });
  context.watchdog.doing("the set-up");
  context.crashes = [];
  context.errorLogs = [];
  // The server runs in this process: an uncaught error would end the whole run. Recorded instead,
  // and reported by the test during which it happened.
  context.onCrash = (error: unknown) => context.crashes.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.on("uncaughtException", context.onCrash);
  process.on("unhandledRejection", context.onCrash);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) {
        if (!line) continue;
        const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
        if (entry.level >= 50) context.errorLogs.push(`${entry.msg}: ${entry.err?.message ?? ""}`);
      }
      done();
    },
  });
  context.server = await startTestServer({
    logger: pino({ level: "error" }, sink),
    unloadGraceMs: 100,
    env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "100000", UPLOAD_LIMIT_BYTES: String(256 * 1024) },
  });
  const { server } = context;
  context.cookies = {} as Record<Who, string>;
  for (const who of WHO) context.cookies[who] = await signIn(server, USERS[who]);

  // Something of every kind for the ids to point at: a form (a court user), a direction (a judge),
  // a calendar feed.
  const form = await apiAs(server, context.cookies.lee).post("/api/cases/case-0002/forms", { type: "PET" });
  const parts = (form.body as { parts?: { key: string; docName: string }[] } | undefined)?.parts ?? [];
  context.formPartDoc = parts.find((p) => p.key === "prosecution")?.docName;
  await apiAs(server, context.cookies.morgan).post(`/api/cases/${CASE}/directions`, {
    directions: [{ templateId: "any-fixed-date", responsibleParty: "all", dueOn: "2026-12-18", values: { detail: "serve the fuzz" } }],
  });
  const feed = await apiAs(server, context.cookies.pat).post("/api/me/calendar-feed");
  const feedFile = String((feed.body as { url?: string } | undefined)?.url ?? "").split("/").at(-1) ?? "";

  context.routes = await routesOf(server);
  context.pools = await poolsOf(server.deps.store, feedFile);

  // Warm-up, then the heap baseline: every channel once, every connection closed again.
  await send(server, { method: "GET", path: "/api/cases", headers: { cookie: context.cookies.pat } });
  const warm = openCollab(server, context.cookies.pat, NOTES_DOCS[0] as string);
  await warm.synced();
  warm.destroy();
  await rawCollab(wsUrl(server, NOTES_DOCS[0] as string), collabHeaders(server, context.cookies.pat), [Uint8Array.from([9])]);
  const socket = openSocket(server, context.cookies.pat);
  await socket.connected();
  await socket.socket.timeout(3000).emitWithAck("presence:update", { caseId: CASE, location: null });
  socket.close();
  await quiet(server);
  context.baselineHeap = settledHeap();
});

test.after(async (context) => {
  await context.server?.close();
  process.off("uncaughtException", context.onCrash);
  process.off("unhandledRejection", context.onCrash);
  await context.watchdog?.stop();
});

/** Every route of every router the app mounts, read from the routers themselves. */
async function routesOf(server: TestServer): Promise<Route[]> {
  const { deps } = server;
  const notifications = await createNotifications(deps);
  const app = createApp({
    notifications,
    deps,
    sessions: createSessionService({ store: deps.store, clock: deps.clock }),
    cookies: cookieSettings(false),
    realtime: createRealtimeHub(deps.logger),
    isDraining: () => false,
  });
  await notifications.mailer.stop();
  const routes: Route[] = [];
  for (const middleware of app.middleware) {
    const router = (middleware as { router?: Router }).router;
    for (const layer of router?.stack ?? []) {
      for (const method of layer.methods) if (method !== "HEAD") routes.push({ method, path: String(layer.path) });
    }
  }
  return routes;
}

/** Real ids for each route parameter, and real values for plausible bodies. */
async function poolsOf(store: Store, feedFile: string): Promise<Pools> {
  const cases = await store.cases.list();
  const caseIds = cases.map((c) => c.id);
  const defendants = (await Promise.all(caseIds.map((id) => store.defendants.listByCase(id)))).flat();
  const documentIds = (await Promise.all(caseIds.map((id) => store.documents.listByCase(id)))).flat().map((d) => d.id);
  const formIds = (await Promise.all(caseIds.map((id) => store.forms.listByCase(id)))).flat().map((f) => f.id);
  const directionIds = (await Promise.all(caseIds.map((id) => store.directions.listByCase(id)))).flat().map((d) => d.id);
  const associationIds = (await Promise.all(caseIds.map((id) => store.associations.openForCase(id)))).flat().map((a) => a.id);
  return {
    params: {
      caseId: caseIds,
      documentId: documentIds,
      formId: formIds,
      id: [...directionIds, ...associationIds],
      file: [feedFile, `${"A".repeat(43)}.ics`, feedFile.replace(".ics", ".ICS")],
    },
    urns: cases.map((c) => c.urn),
    surnames: defendants.map((d) => d.lastName),
    dates: [...new Set([...defendants.flatMap((d) => (d.dateOfBirth === null ? [] : [d.dateOfBirth])), "2026-12-18", "2026-02-29", "1900-01-01"])],
    defendantIds: defendants.map((d) => d.id),
    documentIds,
  };
}

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

const wsUrl = (server: TestServer, doc: string, query = "") => `${server.url.replace(/^http/, "ws")}/collab/${doc}${query}`;
const collabHeaders = (server: TestServer, cookie: string) => ({ cookie, origin: server.origin });

type Sent = { method: string; path: string; headers: Record<string, string>; body?: Buffer; truncateBy?: number };
type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/**
 * One raw HTTP request (no URL normalisation, any method, any header). With `truncateBy`, the
 * declared length exceeds the bytes sent and the client goes away: the answer, if any, came first.
 */
function send(server: TestServer, request: Sent, timeoutMs = 15_000): Promise<Answer | null> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body) headers["content-length"] = request.body.length + (request.truncateBy ?? 0);
    let req: http.ClientRequest;
    try {
      req = http.request({ host: "127.0.0.1", port: Number(port), method: request.method, path: request.path, headers, agent: false });
    } catch (error) {
      reject(new Error(`unsendable request ${request.method} ${request.path.slice(0, 100)}: ${(error as Error).message}`));
      return;
    }
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms: ${request.method} ${request.path.slice(0, 200)}`));
    }, timeoutMs);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on("error", () => {
        clearTimeout(timer);
        resolve(null);
      });
    });
    req.on("error", () => {
      clearTimeout(timer);
      resolve(null);
    });
    if (request.body && request.truncateBy) {
      req.write(request.body);
      setTimeout(() => {
        clearTimeout(timer);
        req.destroy();
        resolve(null);
      }, 40);
      return;
    }
    req.end(request.body);
  });
}

/** Why an answer breaks the contract (DESIGN §11), or null when it keeps it. */
function problemWith(request: Sent, answer: Answer): string | null {
  if (answer.status >= 500) return `status ${answer.status}: ${answer.body.toString("utf8").slice(0, 300)}`;
  if (answer.status < 400 || request.method === "HEAD") return null;
  const text = answer.body.toString("utf8");
  if (INTERNALS.test(text)) return `internals in the body: ${text.slice(0, 300)}`;
  const type = String(answer.headers["content-type"] ?? "");
  if (type.startsWith("text/html") && (request.path.startsWith("/auth/saml/acs") || request.path.startsWith("/notifications/unsubscribe"))) {
    // The ACS and an e-mail's unsubscribe link answer a browser with a GOV.UK page that names the code.
    const code = /data-error-code="([^"]*)"/.exec(text)?.[1] ?? "";
    return CODE.test(code) ? null : `HTML error page without a code (${answer.status})`;
  }
  if (!type.startsWith("application/json")) return `status ${answer.status} with ${type || "no content type"}: ${text.slice(0, 120)}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${answer.status} with a body that is not JSON: ${text.slice(0, 120)}`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== "string" || !CODE.test(error.code)) return `error without a stable code: ${text.slice(0, 200)}`;
  if (typeof error.message !== "string" || error.message === "") return `error without a message: ${text.slice(0, 200)}`;
  // Only an import's refusal carries more: the list of problems, each naming its field.
  const problems = (error as { problems?: unknown }).problems;
  const listsProblems = error.code === "import.invalid" && Array.isArray(problems) && problems.every((p) => typeof p?.field === "string" && typeof p?.message === "string");
  const allowed = (k: string) => k === "code" || k === "message" || (k === "problems" && listsProblems);
  if (Object.keys(body as object).length !== 1 || Object.keys(error).some((k) => !allowed(k))) return `error body with extra fields: ${text.slice(0, 200)}`;
  return null;
}

const describe = (request: Sent) =>
  `${request.method} ${request.path.slice(0, 160)} ${JSON.stringify({ ...request.headers, cookie: request.headers.cookie ? "…" : undefined }).slice(0, 300)} body=${JSON.stringify(request.body?.toString("utf8").slice(0, 160) ?? null)}`;

/**
 * What a rejected mutation must not have touched: per case, its directions (every version),
 * acknowledgements, compliance, forms (sign-offs, finalisation), documents and open associations.
 */
async function fingerprint(store: Store, caseIds: readonly string[]): Promise<string> {
  const parts = [String(await store.cases.count())];
  for (const caseId of caseIds) {
    const [directions, acknowledgements, compliance, forms, documents, associations] = await Promise.all([
      store.directions.listByCase(caseId),
      store.directions.acknowledgements(caseId),
      store.directions.compliance(caseId),
      store.forms.listByCase(caseId),
      store.documents.listByCase(caseId),
      store.associations.openForCase(caseId),
    ]);
    const versions = await Promise.all(directions.map((d) => store.directions.versions(d.id)));
    const signOffs = await Promise.all(forms.map((f) => store.forms.listSignOffs(f.id)));
    const finalised = await Promise.all(forms.map((f) => store.forms.getFinalisation(f.id)));
    parts.push(
      `${caseId}:${versions.map((v) => v.length).join(",")}/${acknowledgements.length}/${compliance.length}/${forms.length}:${signOffs.map((s) => s.length).join(",")}:${finalised.filter(Boolean).length}/${documents.length}/${associations.map((a) => a.id).join(",")}`,
    );
  }
  return parts.join("|");
}

/** Force full collections (with --expose-gc switched on at run time) and read the heap. */
function settledHeap(): number {
  v8.setFlagsFromString("--expose-gc");
  const gc = (globalThis as { gc?: () => void }).gc ?? (vm.runInNewContext("gc") as () => void);
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Wait until no connection of any kind is open and every collaboration doc has unloaded. */
async function quiet(server: TestServer): Promise<void> {
  const { collab, registry, sockets } = server.running.realtime;
  await eventually(
    () => (collab.connectionCount() === 0 && registry.loadedNames().length === 0 && sockets.io.sockets.sockets.size === 0 && sockets.io.engine.clientsCount === 0 ? true : undefined),
    10_000,
  ).catch(() => {
    throw new Error(
      `still open: ${collab.connectionCount()} collab connections, docs ${registry.loadedNames().join(", ")}, ${sockets.io.sockets.sockets.size} sockets, ${sockets.io.engine.clientsCount} engine clients`,
    );
  });
  await registry.flushAll();
}

/**
 * The end of each test: nothing thrown outside a request and nothing logged as an error since the
 * last test, the server still answers, and no problem was found (the first few are shown).
 */
async function finish(context: Context, what: string, problems: string[]) {
  const crashes = context.crashes.splice(0).map((c) => `thrown outside any request: ${c.slice(0, 600)}`);
  const errors = context.errorLogs.splice(0).map((e) => `logged as an error: ${e.slice(0, 300)}`);
  const health = await send(context.server, { method: "GET", path: "/healthz", headers: {} }).catch(() => null);
  const dead = health?.status === 200 ? [] : [`/healthz answers ${health?.status ?? "nothing"}`];
  const all = [...crashes, ...errors, ...dead, ...problems];
  assert.equal(all.slice(0, 12), [], `${what}: ${all.length} problems (${seedNote})`);
}

/** Run `work` over `items` with at most `limit` in flight. */
async function pooled<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}

/** A sign-out (which may have worked, even unanswered) ends that session: sign in again. */
async function signInAgainAfterSignOut(context: Context, route: Route, who: Who | null) {
  if (route.path === "/auth/logout" && who && !(await context.server.deps.store.sessions.get(hashToken(sessionToken(context.cookies[who]))))) {
    context.cookies[who] = await signIn(context.server, USERS[who]);
  }
}

/** Every user signed in (an earlier part of the run may have signed some out). */
async function ensureSignedIn(context: Context) {
  for (const who of WHO) {
    if (!(await context.server.deps.store.sessions.get(hashToken(sessionToken(context.cookies[who]))))) context.cookies[who] = await signIn(context.server, USERS[who]);
  }
}

const sessionToken = (cookie: string) => /(?:^|; )caseroom_session=([^;]*)/.exec(cookie)?.[1] ?? "";

// ── HTTP ───────────────────────────────────────────────────────────────────────────────────────

const BODY_KEYS = [
  "urn",
  "surname",
  "dateOfBirth",
  "forename",
  "type",
  "directions",
  "templateId",
  "text",
  "responsibleParty",
  "dueOn",
  "values",
  "triggers",
  "note",
  "documentId",
  "contentSha256",
  "SAMLResponse",
  "RelayState",
  "SAMLRequest",
  "user",
  "__proto__",
  "constructor",
  "issuedBy",
  "ownerParty",
];

/** A body shaped like what the routes read, each value plausible or junk. */
function shapedValue(rng: Rng, pools: Pools, key: string, depth = 0): unknown {
  if (rng.chance(0.35)) return junkValue(rng, 2, BODY_KEYS);
  switch (key) {
    case "urn":
      return rng.pick([...pools.urns, " 97cb 0418 326 ", "97CB041832"]);
    case "surname":
    case "forename":
      return rng.pick([...pools.surnames, "O'Brien", "Ⅻ"]);
    case "dateOfBirth":
    case "dueOn":
      return rng.pick(pools.dates);
    case "type":
      return rng.pick(["PET", "PTPH", "pet"]);
    case "templateId":
      return rng.pick(DIRECTION_TEMPLATES.map((t) => t.id));
    case "text":
    case "note":
      return rng.pick(["The defence must serve a skeleton argument.", "x".repeat(rng.between(3990, 4010)), "Complied."]);
    case "responsibleParty":
      return rng.pick(["prosecution", "defence", "all", "court", ...pools.defendantIds.map((d) => `defendant:${d}`), "defendant:def-9999", "defendant:"]);
    case "values":
      return rng.pick([{ detail: "serve", language: "Welsh", witness: "W1", measure: "screens" }, { Detail: "x" }, { detail: "y".repeat(201) }]);
    case "triggers":
      return rng.pick([{ firstHearing: "2026-12-01", trialDate: "2027-02-01" }, { fixed: "2026-12-01" }, { sending: "2026-13-45" }]);
    case "documentId":
      return rng.pick(pools.documentIds.length > 0 ? pools.documentIds : ["doc-0001"]);
    case "contentSha256":
      return rng.pick(["0".repeat(64), "A".repeat(64), "0".repeat(63)]);
    case "directions":
      return depth > 0 ? [] : Array.from({ length: rng.weighted([[8, rng.between(1, 3)], [1, 0], [1, 51]]) }, () => shapedObject(rng, pools, ["templateId", "text", "responsibleParty", "dueOn", "values", "triggers", "issuedBy"], 1));
    default:
      return junkString(rng, 100);
  }
}

function shapedObject(rng: Rng, pools: Pools, keys: readonly string[], depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let n = rng.between(1, 4); n > 0; n--) {
    const key = rng.pick(keys);
    // An own property even for "__proto__", so JSON.stringify sends it.
    Object.defineProperty(out, key, { value: shapedValue(rng, pools, key, depth), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A body and its headers: random, shaped, nasty or invalid JSON; forms; odd types and encodings. */
function randomBody(rng: Rng, pools: Pools): { body?: Buffer; headers: Record<string, string> } {
  const kind = rng.weighted<string>([
    [8, "shaped"],
    [5, "random"],
    [3, "nasty"],
    [3, "invalid"],
    [2, "large"],
    [2, "form"],
    [2, "none"],
    [1, "binary"],
  ]);
  let text: string | Buffer | undefined;
  let type = rng.weighted<string>([
    [10, "application/json"],
    [1, "application/json; charset=utf-8"],
    [1, rng.pick(["application/json; charset=utf-16", "application/json; charset=latin1", 'application/json; charset="'])],
    [1, rng.pick(["text/plain", "application/xml", "application/vnd.api+json", "multipart/form-data", "*/*", ";;;", "application/x-www-form-urlencoded"])],
    [1, ""],
  ]);
  switch (kind) {
    case "shaped":
      text = JSON.stringify(shapedObject(rng, pools, BODY_KEYS));
      break;
    case "random":
      text = JSON.stringify(junkValue(rng, 4, BODY_KEYS)) ?? "null";
      break;
    case "nasty":
      text = nastyJsonText(rng);
      break;
    case "invalid":
      text = invalidJsonText(rng);
      break;
    case "large": {
      // Around each route's limit: 4 kB, 16 kB, 64 kB, 256 kB.
      const limit = rng.pick([4, 16, 64, 256]) * 1024;
      text = JSON.stringify({ text: "x".repeat(Math.max(0, limit + rng.between(-200, 200) - 12)) });
      break;
    }
    case "form":
      type = "application/x-www-form-urlencoded";
      text = junkQuery(rng, ["SAMLResponse", "RelayState", "SAMLRequest", "user", "type", "urn"]);
      break;
    case "binary":
      text = Buffer.from(rng.bytes(rng.between(1, 2048)));
      break;
    default:
      text = undefined;
  }
  const headers: Record<string, string> = {};
  if (type) headers["content-type"] = type;
  let body = text === undefined ? undefined : Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8");
  if (body && rng.chance(0.06)) {
    const encoding = rng.pick(["gzip", "deflate", "br", "x-unknown", "identity", "gzip, gzip"]);
    headers["content-encoding"] = encoding;
    if (rng.chance(0.5)) body = encoding === "br" ? zlib.brotliCompressSync(body) : encoding === "deflate" ? zlib.deflateSync(body) : encoding.startsWith("gzip") ? zlib.gzipSync(body) : body;
    else body = Buffer.from(rng.bytes(rng.between(1, 64)));
  }
  return { body, headers };
}

/** A request to `route`: real or junk params, random query, random identity and CSRF headers. */
function randomRequest(rng: Rng, context: Context, route: Route): { request: Sent; who: Who | null } {
  const { pools, server } = context;
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const real = pools.params[name] ?? [];
    return real.length > 0 && rng.chance(0.6) ? encodeSegment(rng.pick(real)) : junkPathSegment(rng);
  });
  const query = rng.chance(0.3) ? `?${junkQuery(rng, ["urn", "surname", "dateOfBirth", "court", "hearingFrom", "hearingTo", "q", "doc", "download", "returnTo", "SAMLRequest", "RelayState"])}` : "";
  const method = rng.weighted<string>([
    [20, route.method],
    [2, rng.pick(["GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD"])],
    [1, rng.pick(["PROPFIND", "PURGE", "MKCOL", "LOCK", "SEARCH", "TRACE"])],
  ]);
  const who = rng.weighted<Who | null | "junk">([
    [3, null],
    [1, "junk"],
    [16, rng.pick(WHO)],
  ]);
  const headers: Record<string, string> = {};
  if (who === "junk") headers.cookie = `caseroom_session=${encodeSegment(junkString(rng, 60))}`;
  else if (who) headers.cookie = context.cookies[who];
  const csrf = rng.weighted<string>([
    [16, "ok"],
    [2, "none"],
    [1, "evil"],
    [1, "null"],
  ]);
  if (csrf === "ok" || csrf === "evil" || csrf === "null") headers["x-requested-with"] = rng.chance(0.95) ? "caseroom" : "XMLHttpRequest";
  if (csrf === "ok") headers.origin = server.origin;
  if (csrf === "evil") headers.origin = "https://evil.test";
  if (csrf === "null") headers.origin = "null";
  headers.accept = rng.pick(["application/json", "*/*", "text/html", "application/pdf", "text/html;q=0.9, application/json;q=0.1"]);
  if (rng.chance(0.1)) headers.range = rng.pick(["bytes=0-10", "bytes=5-2", "bytes=99999999-", "bytes=-5", "bytes=0-1,2-3", "items=0-1", "bytes=0-9007199254740993"]);
  if (rng.chance(0.05)) headers["x-forwarded-for"] = rng.pick(["1.2.3.4", "::1, 10.0.0.1", "junk"]);
  const { body, headers: bodyHeaders } = method === "GET" || method === "HEAD" ? (rng.chance(0.1) ? randomBody(rng, pools) : { headers: {} }) : randomBody(rng, pools);
  return { request: { method, path: path + query, headers: { ...headers, ...bodyHeaders }, body }, who: who === "junk" ? null : who };
}

test("HTTP: random requests to every route never 5xx, never leak internals, never half-write", async (context) => {
  const { server, routes, pools } = context;
  const rng = root.fork("http");
  const started = Date.now();
  const paths = routes.map((r) => `${r.method} ${r.path}`);
  for (const expected of ["GET /api/cases", "POST /api/cases/:caseId/directions", "POST /api/associations", "POST /auth/saml/acs", "GET /calendar/:file"]) {
    assert.ok(paths.includes(expected), `the routers list ${expected} (found ${paths.join(", ")})`);
  }
  const caseIds = pools.params.caseId ?? [];
  let state = await fingerprint(server.deps.store, caseIds);
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < COUNTS.http; i++) {
    // Every route at least once, then at random.
    const route = i < routes.length ? (routes[i] as Route) : rng.pick(routes);
    const { request, who } = randomRequest(rng, context, route);
    context.watchdog.doing(`HTTP #${i} ${describe(request)}`);
    const answer = await send(server, request);
    if (!answer) {
      problems.push(`#${i} no answer: ${describe(request)}`);
      continue;
    }
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    const problem = problemWith(request, answer);
    if (problem) problems.push(`#${i} ${problem} ← ${describe(request)}`);
    if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) {
      const after = await fingerprint(server.deps.store, caseIds);
      if (answer.status >= 400 && after !== state) problems.push(`#${i} a refused request (${answer.status}) changed stored state ← ${describe(request)}`);
      state = after;
    }
    await signInAgainAfterSignOut(context, route, who);
  }
  process.stdout.write(
    `  HTTP: ${COUNTS.http} requests over ${routes.length} routes in ${Date.now() - started} ms; statuses ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ")}\n`,
  );
  await finish(context, "HTTP fuzz", problems);
});

/** A multipart body: fields and a file with random content, sometimes cut short or malformed. */
function multipartBody(rng: Rng, boundary: string): Buffer {
  const parts: Buffer[] = [];
  const part = (headers: string, content: Buffer) => parts.push(Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), content, Buffer.from("\r\n"));
  for (let n = rng.int(5); n > 0; n--) {
    const name = rng.pick(["section", "title", "visibility", "file", "extra", "__proto__", junkString(rng, 20).replace(/["\r\n]/g, "")]);
    const value = rng.pick(["exhibits", "charges", "all", "def-0001,def-0002", "Statement", junkString(rng, 300), "x".repeat(rng.between(4000, 5000))]);
    part(`Content-Disposition: form-data; name="${name}"`, Buffer.from(value, "utf8"));
  }
  for (let n = rng.weighted([[6, 1], [1, 0], [1, 2]]); n > 0; n--) {
    const content = rng.chance(0.5) ? Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(rng.bytes(rng.between(0, 4096)))]) : Buffer.from(rng.bytes(rng.between(0, 4096)));
    part(`Content-Disposition: form-data; name="${rng.pick(["file", "file", "other"])}"; filename="${rng.pick(["a.pdf", "../../x.pdf", "é.pdf", ""])}"\r\nContent-Type: ${rng.pick(["application/pdf", "text/html", "image/svg+xml"])}`, content);
  }
  const body = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  return rng.weighted<() => Buffer>([
    [4, () => body],
    // The form stops before its closing boundary, though the HTTP body is complete.
    [3, () => body.subarray(0, rng.int(body.length))],
    [1, () => Buffer.from(rng.bytes(rng.between(0, 2048)))],
  ])();
}

test("HTTP: random, truncated and malformed uploads, and request bodies cut off mid-way", async (context) => {
  const { server, pools } = context;
  const rng = root.fork("uploads");
  const caseIds = pools.params.caseId ?? [];
  let state = await fingerprint(server.deps.store, caseIds);
  const problems: string[] = [];
  for (let i = 0; i < COUNTS.uploads; i++) {
    const boundary = rng.pick(["----fuzz", "x", "a".repeat(70), "b-o-u-n-d"]);
    const who = rng.weighted<Who>([
      [6, "pat"],
      [1, rng.pick(WHO)],
    ]);
    const request: Sent = {
      method: "POST",
      path: `/api/cases/${rng.chance(0.8) ? CASE : junkPathSegment(rng)}/documents`,
      headers: {
        cookie: context.cookies[who],
        origin: server.origin,
        "x-requested-with": "caseroom",
        "content-type": rng.weighted([
          [8, `multipart/form-data; boundary=${boundary}`],
          [1, "multipart/form-data"],
          [1, `multipart/form-data; boundary=${boundary}x`],
          [1, "application/pdf"],
        ]),
      },
      body: multipartBody(rng, boundary),
    };
    context.watchdog.doing(`upload #${i} ${describe(request)}`);
    const answer = await send(server, request);
    const problem = answer ? problemWith(request, answer) : "no answer";
    if (problem) problems.push(`upload #${i} ${problem} ← ${describe(request)}`);
    const after = await fingerprint(server.deps.store, caseIds);
    if (answer && answer.status >= 400 && after !== state) problems.push(`upload #${i} refused (${answer.status}) but stored ← ${describe(request)}`);
    state = after;
  }
  // Bodies that stop mid-way (the client goes away): JSON, forms and uploads.
  const routes = context.routes.filter((r) => r.method === "POST");
  for (let i = 0; i < COUNTS.truncatedBodies; i++) {
    const upload = rng.chance(0.3);
    const route = rng.pick(routes);
    const { request, who } = upload
      ? {
          who: "pat" as const,
          request: {
            method: "POST",
            path: `/api/cases/${CASE}/documents`,
            headers: { cookie: context.cookies.pat, origin: server.origin, "x-requested-with": "caseroom", "content-type": "multipart/form-data; boundary=zz" },
            body: multipartBody(rng, "zz"),
          } satisfies Sent,
        }
      : randomRequest(rng, context, route);
    const body = request.body ?? Buffer.from("{}");
    context.watchdog.doing(`truncated #${i} ${describe(request)}`);
    const answer = await send(server, { ...request, body: body.subarray(0, rng.int(body.length + 1)), truncateBy: rng.between(1, 100_000) });
    const problem = answer ? problemWith(request, answer) : null;
    if (problem) problems.push(`truncated #${i} ${problem} ← ${describe(request)}`);
    // A route that never reads its body may act before the cut; one refused, or an upload whose
    // file never ended, must not.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await fingerprint(server.deps.store, caseIds);
    if (((answer && answer.status >= 400) || (!answer && upload)) && after !== state) problems.push(`truncated #${i} changed stored state ← ${describe(request)}`);
    state = after;
    if (!upload) await signInAgainAfterSignOut(context, route, who);
  }
  await finish(context, "upload fuzz", problems);
});

// ── collaboration frames ───────────────────────────────────────────────────────────────────────

/** A doc's content as a comparable value: its state vector and delete set (snapshot). */
const snapshotOf = (doc: Y.Doc) => Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString("base64");

async function storedSnapshot(store: Store, name: string): Promise<string> {
  const { snapshot, updates } = await store.collab.load(name);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  const result = snapshotOf(doc);
  doc.destroy();
  return result;
}

/** What the server decides a user may do with a doc (the same decision as at the upgrade). */
async function accessOf(server: TestServer, cookie: string, name: string) {
  const { store, clock } = server.deps;
  const user = await createSessionService({ store, clock }).resolve(sessionToken(cookie));
  const parsed = parseDocName(name);
  return user && parsed ? decideCollabAccess(store, actorOfUser(user), parsed) : "none";
}

test("collab: malformed, random and mutated y-protocol frames close the connection or are harmless; content is intact", async (context) => {
  await ensureSignedIn(context);
  const { server, cookies } = context;
  const rng = root.fork("collab");
  const { registry } = server.running.realtime;
  const started = Date.now();
  const problems: string[] = [];
  const docs = [...NOTES_DOCS, ...(context.formPartDoc ? [context.formPartDoc] : [])];
  let frames = 0;
  for (const [d, name] of docs.entries()) {
    const observer = openCollab(server, cookies.pat, name);
    await observer.synced();
    const url = wsUrl(server, name, rng.chance(0.5) ? "?caseroom=1" : "");
    const headers = collabHeaders(server, cookies.pat);
    const serverSnapshot = () => snapshotOf(registry.get(name)?.doc ?? new Y.Doc());
    const base = Y.encodeStateAsUpdate(observer.doc);
    const updates = validUpdates(rng, base, `FUZZ-${SEED}-${d}`);
    const valid = [
      frame.syncStep1(Y.encodeStateVector(observer.doc)),
      ...updates.flatMap((u) => [frame.sync(1, u), frame.sync(2, u)]),
      frame.awareness([{ clientId: rng.between(1, 2 ** 30), clock: 1, json: '{"cursor":{"index":3}}' }]),
    ];
    const before = snapshotOf(observer.doc);
    // The fuzzing over HTTP may have finalised the form: then this connection only reads.
    const readOnly = (await accessOf(server, cookies.pat, name)) !== "write";

    // Phase A: nothing here may land as content. Malformed frames must close with 4400; random
    // frames (that could not be an update) and hostile awareness close or are answered.
    const phaseA: { label: string; frames: (Uint8Array | string)[]; mustClose: boolean }[] = [];
    const share = docs.length;
    for (let i = 0; i < Math.ceil(COUNTS.collabMalformed / share); i++) {
      const bad = malformedFrame(rng, valid);
      phaseA.push({ label: bad.label, frames: [bad.bytes], mustClose: !(bad.writersOnly && readOnly) });
    }
    for (let i = 0; i < Math.ceil(COUNTS.collabRandom / share); i++) {
      const batch: Uint8Array[] = [];
      for (let n = rng.between(1, 4); n > 0; n--) {
        let f = randomFrame(rng);
        while (couldBeContent(f)) f = randomFrame(rng);
        batch.push(rng.chance(0.25) ? hostileAwareness(rng, rng.between(1, 2 ** 30), rng.between(0, 5)) : f);
      }
      phaseA.push({ label: "random frames", frames: batch, mustClose: false });
    }
    await pooled(phaseA, 6, async (c, i) => {
      frames += c.frames.length;
      context.watchdog.doing(`collab ${name} A#${i} ${c.label}`);
      const outcome = await rawCollab(url, headers, c.frames);
      if (c.mustClose ? outcome.closeCode !== CLOSE_CODE.malformed : outcome.closeCode === null && !outcome.answered) {
        problems.push(`${name} A#${i} ${c.label}: ${JSON.stringify(outcome)} ← ${c.frames.map((f) => Buffer.from(f).toString("hex").slice(0, 80)).join(" ")}`);
      }
    });
    await registry.flushAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (snapshotOf(observer.doc) !== before) problems.push(`${name}: a frame that is not an update changed what the observer sees`);
    if (serverSnapshot() !== before) problems.push(`${name}: a frame that is not an update changed the server's doc`);
    if ((await storedSnapshot(server.deps.store, name)) !== before) problems.push(`${name}: a frame that is not an update reached the store`);

    // Phase B: valid frames with a few bytes changed. What still decodes is a writer's content;
    // whatever lands, the observer, the server, the store and a newcomer must agree on it.
    // Half are hostile updates built field by field (zero-length ranges, clocks near 2^53, items
    // pointing at what does not exist or comes later).
    const phaseB = Array.from({ length: Math.ceil(COUNTS.collabMutated / share) }, () =>
      Array.from({ length: rng.between(1, 3) }, () => (rng.chance(0.5) ? mutate(rng, rng.pick(valid)) : frame.sync(rng.pick([1, 2] as const), hostileUpdate(rng, knownIds(observer.doc))))),
    );
    await pooled(phaseB, 6, async (batch, i) => {
      frames += batch.length;
      context.watchdog.doing(`collab ${name} B#${i} ${batch.map((f) => Buffer.from(f).toString("hex").slice(0, 160)).join(" ")}`);
      const outcome = await rawCollab(url, headers, batch);
      if (outcome.closeCode === null && !outcome.answered) problems.push(`${name} B#${i}: ${JSON.stringify(outcome)}`);
    });
    await registry.flushAll();
    const settled = await eventually(() => (snapshotOf(observer.doc) === serverSnapshot() ? true : undefined), 5000).catch(() => false);
    if (!settled) problems.push(`${name}: the observer and the server disagree after mutated frames`);
    if ((await storedSnapshot(server.deps.store, name)) !== serverSnapshot()) problems.push(`${name}: the store and the server's doc disagree after mutated frames`);
    const newcomer = openCollab(server, cookies.pat, name);
    await newcomer.synced();
    if (snapshotOf(newcomer.doc) !== serverSnapshot()) problems.push(`${name}: a newcomer syncs to something other than the server's doc`);
    newcomer.destroy();
    observer.destroy();
  }

  // One frame over the 2 MiB limit: closed by ws with 1009, nothing else happens.
  const oversized = await rawCollab(wsUrl(server, NOTES_DOCS[0] as string), collabHeaders(server, cookies.pat), [new Uint8Array(OVERSIZED_FRAME_BYTES)]);
  if (oversized.closeCode !== 1009) problems.push(`an oversized frame: ${JSON.stringify(oversized)}`);

  // Every doc unloads, reloads from the store to what it was, and takes a well-behaved edit.
  const expected = new Map<string, string>();
  for (const name of docs) expected.set(name, await storedSnapshot(server.deps.store, name));
  await quiet(server);
  for (const name of docs) {
    const writer = openCollab(server, cookies.pat, name);
    const reader = openCollab(server, cookies.pat, name);
    try {
      await Promise.all([writer.synced(), reader.synced()]);
      if (snapshotOf(writer.doc) !== expected.get(name)) problems.push(`${name}: reloaded from the store to something else`);
      if (writer.isReadOnly()) continue;
      const saved = writer.saved();
      writer.doc.getText("after-fuzz").insert(0, "still editable");
      await eventually(() => (writer.saved() > saved && reader.doc.getText("after-fuzz").toString() === "still editable" ? true : undefined), 5000).catch(() =>
        problems.push(`${name}: a well-behaved edit after the fuzzing was not saved and relayed`),
      );
    } finally {
      writer.destroy();
      reader.destroy();
    }
  }
  process.stdout.write(`  collab: ${frames + 1} fuzz frames on ${docs.length} docs in ${Date.now() - started} ms\n`);
  await finish(context, "collab fuzz", problems);
});

// ── Socket.IO ──────────────────────────────────────────────────────────────────────────────────

/** Event names a client can send that the server does not listen to (never a reserved one). */
const UNKNOWN_EVENTS = ["join", "leave", "presence", "presence:update ", "PRESENCE:UPDATE", "constructor", "__proto__", "hasOwnProperty", "toString", "", "x".repeat(1000), "direction:issued", "access:revoked"];

function socketPayload(rng: Rng, pools: Pools): unknown[] {
  const caseId = rng.pick([CASE, ...(pools.params.caseId ?? []), junkString(rng, 80)]);
  const shaped = () =>
    rng.pick<() => unknown>([
      () => ({ caseId, location: rng.pick([null, { view: rng.pick(["overview", "document", "everything"]), id: rng.chance(0.5) ? junkString(rng, 120) : undefined }, junkValue(rng)]) }),
      () => ({ directionId: rng.pick([...(pools.params.id ?? []), junkString(rng, 80)]), version: rng.pick([1, 2, 0, -1, 1.5, 2 ** 53, "1", null]) }),
      () => ({ caseId, documentId: rng.pick([...pools.documentIds, junkString(rng, 80)]) }),
      () => ({ caseId, page: rng.pick([1, 0, 100_000, 100_001, -1, 1.5, Number.NaN, "2"]), zoom: rng.pick([1, 0.1, 0.09, 10, 11, Number.POSITIVE_INFINITY, null]) }),
      () => ({ caseId }),
    ])();
  const one = () =>
    rng.weighted<() => unknown>([
      [5, shaped],
      [4, () => junkValue(rng, 4)],
      [1, () => Buffer.from(rng.bytes(rng.between(0, 4096)))],
      [1, () => ({ caseId, location: { view: "document", id: "x".repeat(rng.between(1000, 60_000)) } })],
      [1, () => JSON.parse('{"__proto__":{"polluted":"yes"},"caseId":"case-0001","location":null}') as unknown],
      [1, () => rng.pick([undefined, () => undefined, Number.NaN, new Date(0), [Buffer.from([1, 2])], new Map([[1, 2]])])],
      [1, () => JSON.parse(`${"[".repeat(200)}${"]".repeat(200)}`) as unknown],
    ])();
  return Array.from({ length: rng.weighted([[6, 1], [1, 0], [1, rng.between(2, 5)]]) }, one);
}

/**
 * The largest message socket.io-client sends for these arguments: the JSON packet (binary parts
 * replaced by placeholders) or one binary attachment.
 */
function encodedSize(args: unknown[]): number {
  const binaries: number[] = [];
  const json = JSON.stringify(args, (_key, value: unknown) => {
    const buffer = value as { type?: unknown; data?: unknown };
    if (buffer?.type === "Buffer" && Array.isArray(buffer.data)) binaries.push(buffer.data.length);
    else if (ArrayBuffer.isView(value)) binaries.push(value.byteLength);
    else return value;
    return { _placeholder: true, num: binaries.length - 1 };
  });
  return Math.max(Buffer.byteLength(json ?? ""), ...binaries);
}

test("Socket.IO: every event the server listens to, and unknown ones, with random payloads", async (context) => {
  await ensureSignedIn(context);
  const { server, cookies, pools } = context;
  const rng = root.fork("socket");
  const started = Date.now();
  const problems: string[] = [];
  const io = server.running.realtime.sockets.io;

  const probe = openSocket(server, cookies.pat);
  await probe.connected();
  const reserved = new Set(["disconnect", "disconnecting", "error", "connect", "newListener", "removeListener"]);
  const listened = (io.sockets.sockets.get(probe.socket.id ?? "")?.eventNames() ?? []).map(String).filter((e) => !reserved.has(e));
  probe.close();
  for (const expected of ["presence:update", "direction:received", "presentation:start", "presentation:move", "presentation:stop"]) {
    assert.ok(listened.includes(expected), `the server listens to ${expected} (found ${listened.join(", ")})`);
  }

  let client: RecordingSocket | undefined;
  let sent = 0;
  let sockets = 0;
  const fresh = async () => {
    client?.close();
    client = openSocket(server, cookies[rng.pick(WHO)]);
    sockets += 1;
    sent = 0;
    await client.connected();
  };
  const checkAck = (what: string, ack: unknown, known: boolean) => {
    const text = JSON.stringify(ack) ?? "undefined";
    const { ok, error } = (ack ?? {}) as { ok?: unknown; error?: unknown };
    if (INTERNALS.test(text)) problems.push(`${what}: internals in the acknowledgement ${text.slice(0, 200)}`);
    else if (ok === true && known) return;
    else if (ok !== false || typeof error !== "string" || !CODE.test(error)) problems.push(`${what}: acknowledgement without an error code: ${text.slice(0, 200)}`);
    else if (error === "server.error") problems.push(`${what}: the handler failed (server.error)`);
  };
  for (let i = 0; i < COUNTS.socketEvents; i++) {
    // Well under the flood limit (30 events at once, 10 a second): a new socket every 20 events.
    if (!client?.socket.connected || sent >= 20) await fresh();
    const current = client as RecordingSocket;
    const known = rng.chance(0.8);
    const event = known ? rng.pick(listened) : rng.pick([...UNKNOWN_EVENTS, junkString(rng, 40)].filter((e) => !reserved.has(e)));
    const args = socketPayload(rng, pools);
    const what = `#${i} ${JSON.stringify(event.slice(0, 40))}(${(JSON.stringify(args) ?? "").slice(0, 120)})`;
    context.watchdog.doing(`Socket.IO ${what}`);
    const size = encodedSize(args);
    sent += 1;
    if (size > 60 * 1024 && size < 70 * 1024) {
      // Close to maxHttpBufferSize (64 kB): either outcome is right; only the server's health counts.
      // The socket may be closing, so the next event goes on a new one (not into the close).
      current.socket.emit(event, ...args);
      sent = 20;
      continue;
    }
    if (size >= 70 * 1024) {
      // Over maxHttpBufferSize: that socket is closed; the next one is new.
      current.socket.emit(event, ...args);
      await eventually(() => (current.socket.connected ? undefined : true), 5000).catch(() => problems.push(`${what}: an oversized payload did not close the socket`));
      continue;
    }
    if (rng.chance(0.7)) {
      try {
        checkAck(what, await current.socket.timeout(3000).emitWithAck(event, ...args), known);
      } catch {
        problems.push(`${what}: no acknowledgement within 3 s (connected ${current.socket.connected}, disconnected for ${current.disconnectReasons.join(", ") || "-"})`);
      }
    } else {
      current.socket.emit(event, ...args);
    }
  }
  client?.close();

  // Afterwards: a new connection joins its rooms and is answered.
  const after = openSocket(server, cookies.pat);
  await after.connected();
  await eventually(() => (io.sockets.sockets.get(after.socket.id ?? "")?.rooms.has(`case:${CASE}`) ? true : undefined));
  assert.equal(await after.socket.timeout(3000).emitWithAck("presence:update", { caseId: CASE, location: { view: "overview" } }), { ok: true });
  after.close();
  process.stdout.write(`  Socket.IO: ${COUNTS.socketEvents} events (${listened.length} known names) over ${sockets} sockets in ${Date.now() - started} ms\n`);
  await finish(context, "Socket.IO fuzz", problems);
});

// ── memory ─────────────────────────────────────────────────────────────────────────────────────

test("memory: with every fuzz connection closed, the heap is back near its baseline", async (context) => {
  const { server } = context;
  await quiet(server);
  const heap = settledHeap();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  process.stdout.write(`  heap: baseline ${mb(context.baselineHeap)}, after fuzzing ${mb(heap)}\n`);
  const problems = heap < context.baselineHeap + 20 * 1024 * 1024 ? [] : [`heap ${mb(heap)} against a baseline of ${mb(context.baselineHeap)}`];
  await finish(context, "memory", problems);
});

test.run();
