import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { CLOSE_CODE } from "../../shared/protocol/collab-protocol.ts";
import { openCollab } from "../helpers/collab-client.ts";
import { signIn } from "../helpers/sign-in.ts";
import { eventually, freePort, ROOT, tempDir } from "../helpers/test-server.ts";

const DOC = "case/case-0002/notes/shared/court";
const test = suite("graceful restart");

function start(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", BASE_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: "silent" },
    stdio: "ignore",
  });
}

test("SIGTERM: edits are flushed, clients are told 'restarting' and carry on with the next process", async () => {
  const dataDir = tempDir("caseroom-restart-");
  const port = await freePort();
  const server = { url: `http://127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
  let child = start(dataDir, port);
  try {
    await eventually(async () => ((await fetch(`${server.url}/readyz`)).ok ? true : undefined), 60_000);
    const cookie = await signIn(server as never, "lee.adams@court.example");
    const client = openCollab(server, cookie, DOC);
    await client.synced();
    for (let i = 0; i < 50; i++) client.doc.getArray<string>("items").push([`before-${i}`]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    await eventually(() => (client.closeCodes.includes(CLOSE_CODE.restarting) ? true : undefined), 10_000);
    assert.is(await exited, 0);

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
    client.destroy();
    reader.destroy();
  } finally {
    child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
