import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import * as Y from "yjs";
import { CLOSE_CODE, COLLAB_MESSAGE } from "../../shared/protocol/collab-protocol.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { openSocket } from "../helpers/socket-client.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * Per-user limits on every channel: the API (per minute), Socket.IO events and collaboration
 * messages (per second, shared by all of one user's connections, so opening more does not buy
 * more). Whoever goes over is refused; everyone else carries on.
 */
const API_LIMIT = 25;
const test = suite<{ server: TestServer }>("per-user limits", { server: undefined as unknown as TestServer });
test.before(async (context) => {
  context.server = await startTestServer({ env: { API_RATE_LIMIT_PER_MINUTE: String(API_LIMIT) } });
});
test.after(async ({ server }) => server?.close());

test("the API answers a user over their limit with 429 and Retry-After; other users are not affected", async ({ server }) => {
  const pat = await signIn(server, "pat.cole@cps.example");
  const dan = await signIn(server, "dan.reyes@reyes-law.example");
  const statuses: number[] = [];
  for (let i = 0; i < API_LIMIT + 5; i++) statuses.push((await apiAs(server, pat).get("/api/me")).status);
  assert.ok(statuses.slice(0, API_LIMIT - 2).every((s) => s === 200), "within the limit");
  assert.is(statuses.at(-1), 429);
  const refused = await fetch(`${server.url}/api/me`, { headers: { cookie: pat } });
  assert.is(refused.status, 429);
  assert.ok(Number(refused.headers.get("retry-after")) >= 1, "says when to try again");
  assert.is(((await refused.json()) as { error: { code: string } }).error.code, "request.rate_limited");
  assert.is((await apiAs(server, dan).get("/api/me")).status, 200, "another user is served");
});

test("Socket.IO: one user's sockets share one allowance; the one that floods is disconnected, others stay", async ({ server }) => {
  const amy = await signIn(server, "amy.hart@hart-defence.example");
  const lee = await signIn(server, "lee.adams@court.example");
  const first = openSocket(server, amy);
  const second = openSocket(server, amy);
  const bystander = openSocket(server, lee);
  await Promise.all([first.connected(), second.connected(), bystander.connected()]);
  // 40 events each: under the burst of one socket (60), over it for the user.
  for (let i = 0; i < 40; i++) {
    first.socket.emit("presence:update", { caseId: "case-0001", location: { view: "overview" } });
    second.socket.emit("presence:update", { caseId: "case-0001", location: { view: "overview" } });
  }
  await eventually(() => (first.disconnectReasons.length + second.disconnectReasons.length > 0 ? true : undefined), 5000);
  assert.ok([...first.disconnectReasons, ...second.disconnectReasons].includes("io server disconnect"));
  assert.ok(bystander.socket.connected, "another user's socket is untouched");
  for (const s of [first, second, bystander]) s.close();
});

test("collaboration: messages over one user's allowance across connections close the connection that sent them", async ({ server }) => {
  const pat = await signIn(server, "pat.cole@cps.example");
  const lee = await signIn(server, "lee.adams@court.example");
  const url = (doc: string) => `${server.url.replace(/^http/, "ws")}/collab/${doc}?caseroom=1`;
  const open = (cookie: string, doc: string) =>
    new Promise<{ ws: WebSocket; codes: number[] }>((resolve, reject) => {
      const ws = new WebSocket(url(doc), { headers: { cookie, origin: server.origin } });
      const codes: number[] = [];
      ws.on("close", (code) => codes.push(code));
      ws.once("open", () => resolve({ ws, codes }));
      ws.once("error", reject);
    });
  // A SyncStep1 asks the server for what it has: the cheapest well-formed message.
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, COLLAB_MESSAGE.sync);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  const ask = encoding.toUint8Array(encoder);

  const docs = ["case/case-0002/notes/team/prosecution", "case/case-0002/notes/shared/prosecution", "case/case-0001/notes/team/prosecution"];
  const connections = await Promise.all(docs.map((doc) => open(pat, doc)));
  const bystander = await open(lee, "case/case-0002/notes/team/court");
  // 1,500 each: under one connection's burst (2,000), over the user's (4,000) together.
  for (let i = 0; i < 1500; i++) for (const { ws } of connections) if (ws.readyState === WebSocket.OPEN) ws.send(ask);
  await eventually(() => (connections.some((c) => c.codes.includes(CLOSE_CODE.policyViolation)) ? true : undefined), 10_000);
  assert.is(bystander.ws.readyState, WebSocket.OPEN, "another user's connection is untouched");
  bystander.ws.send(ask);
  const answered = await new Promise<boolean>((resolve) => {
    bystander.ws.once("message", () => resolve(true));
    setTimeout(() => resolve(false), 5000);
  });
  assert.ok(answered, "and still answered");
  for (const { ws } of [...connections, bystander]) ws.close();
});

test.run();
