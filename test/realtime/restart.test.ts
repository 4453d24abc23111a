import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { CLOSE_CODE } from "../../shared/protocol/collab-protocol.ts";
import { openCollab } from "../helpers/collab-client.ts";
import { openSocket } from "../helpers/socket-client.ts";
import { signIn } from "../helpers/sign-in.ts";
import { eventually, freePort, ROOT, tempDir } from "../helpers/test-server.ts";

const DOC = "case/case-0002/notes/shared/court";
const test = suite("graceful restart");

const DRAIN_MS = 1500;

function start(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    },
    stdio: "ignore",
  });
}

test("SIGTERM: readiness fails first, edits are flushed, clients are told 'restarting' and carry on with the next process", async () => {
  const dataDir = tempDir("caseroom-restart-");
  const port = await freePort();
  const server = { url: `http://127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
  let child = start(dataDir, port);
  try {
    await eventually(async () => ((await fetch(`${server.url}/readyz`)).ok ? true : undefined), 60_000);
    const cookie = await signIn(server as never, "lee.adams@court.example");
    const client = openCollab(server, cookie, DOC);
    await client.synced();
    const pat = await signIn(server as never, "pat.cole@cps.example");
    const events = openSocket(server, pat, { reconnection: true });
    await events.connected();
    for (let i = 0; i < 50; i++) client.doc.getArray<string>("items").push([`before-${i}`]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");

    // Readiness fails at once, with its stable code, while everything else is still served: a load
    // balancer stops sending work here before any connection is closed.
    const notReady = await eventually(async () => {
      const response = await fetch(`${server.url}/readyz`);
      return response.status === 503 ? ((await response.json()) as { error: { code: string } }) : undefined;
    }, 1000);
    assert.is(notReady.error.code, "store.unavailable");
    assert.ok((await fetch(`${server.url}/healthz`)).ok, "still alive while draining");
    assert.ok((await fetch(`${server.url}/api/me`, { headers: { cookie: pat } })).ok, "the API still answers while draining");
    assert.ok(client.provider.wsconnected, "collaboration stays connected while draining");
    assert.equal(client.closeCodes, []);

    await eventually(() => (client.closeCodes.includes(CLOSE_CODE.restarting) ? true : undefined), 10_000);
    assert.is(await exited, 0);
    // The Socket.IO client was told, lost its transport (not a server disconnect, which would
    // stop it reconnecting) and keeps trying.
    assert.ok(events.named("server:restarting").length === 1, "told the server is restarting");
    assert.equal(events.disconnectReasons, ["transport close"]);

    child = start(dataDir, port);
    await eventually(async () => ((await fetch(`${server.url}/readyz`)).ok ? true : undefined), 60_000);
    // The same client reconnects by itself (same session: sessions survive a restart).
    await eventually(() => (client.provider.wsconnected ? true : undefined), 10_000);
    client.doc.getArray<string>("items").push(["after"]);
    const reader = openCollab(server, cookie, DOC);
    await reader.synced();
    const items = await eventually(() => {
      const list = reader.doc.getArray<string>("items").toArray();
      return list.includes("after") ? list : undefined;
    });
    for (let i = 0; i < 50; i++) assert.ok(items.includes(`before-${i}`), `before-${i}`);
    assert.is(new Set(items).size, items.length);

    // The Socket.IO client is back by itself, in its rooms: a direction given now reaches it.
    await eventually(() => (events.socket.connected ? true : undefined), 10_000);
    const given = await fetch(`${server.url}/api/cases/case-0002/directions`, {
      method: "POST",
      headers: { cookie, origin: server.origin, "x-requested-with": "caseroom", "content-type": "application/json" },
      body: JSON.stringify({ directions: [{ text: "Skeleton arguments by 4pm on the day before trial.", responsibleParty: "prosecution", dueOn: "2030-01-10" }] }),
    });
    assert.is(given.status, 201, await given.clone().text());
    await eventually(() => (events.named("direction:issued").length > 0 ? true : undefined), 5000);
    events.close();
    client.destroy();
    reader.destroy();
  } finally {
    child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
