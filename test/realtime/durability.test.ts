import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { openCollab } from "../helpers/collab-client.ts";
import { signIn } from "../helpers/sign-in.ts";
import { eventually, freePort, ROOT, tempDir } from "../helpers/test-server.ts";

const DOC = "case/case-0002/notes/team/prosecution";
const test = suite("durability: kill -9 during a burst of edits");

async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", BASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: "silent", SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" },
    stdio: "ignore",
  });
  await eventually(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 60_000);
  return child;
}

test("every update acknowledged as saved or seen by another client survives SIGKILL, with no duplicates", async () => {
  const dataDir = tempDir("caseroom-kill-");
  const port = await freePort();
  const server = { url: `http://127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
  let child = await startProcess(dataDir, port);
  let seed = 2026;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  try {
    for (let round = 1; round <= 3; round++) {
      const cookie = await signIn(server as never, "pat.cole@cps.example");
      const writer = openCollab(server, cookie, DOC);
      const observer = openCollab(server, cookie, DOC);
      await Promise.all([writer.synced(), observer.synced()]);
      const seen = new Set<string>();
      observer.doc.getArray<string>("items").observe(() => {
        for (const item of observer.doc.getArray<string>("items").toArray()) seen.add(item);
      });
      // Acknowledgement n covers the writer's first n messages: its SyncStep2, then one per push.
      const firstPush = writer.saved() + 1;
      const pushed: string[] = [];
      let savedAtKill = 0;
      const killAfterMs = 150 + Math.floor(random() * 250);
      const started = Date.now();
      await new Promise<void>((resolve) => {
        const tick = () => {
          if (Date.now() - started >= killAfterMs) {
            savedAtKill = writer.saved();
            child.kill("SIGKILL");
            resolve();
            return;
          }
          const item = `r${round}-i${pushed.length + 1}`;
          writer.doc.getArray<string>("items").push([item]);
          pushed.push(item);
          setTimeout(tick, 1);
        };
        tick();
      });
      await new Promise((resolve) => child.once("exit", resolve));
      const acknowledged = pushed.slice(0, Math.max(0, savedAtKill - firstPush + 1));
      const seenAtKill = [...seen].filter((i) => i.startsWith(`r${round}-`));
      writer.destroy();
      observer.destroy();
      assert.ok(pushed.length > 20, `a real burst (${pushed.length} pushes)`);

      child = await startProcess(dataDir, port);
      const readerCookie = await signIn(server as never, "pat.cole@cps.example");
      const reader = openCollab(server, readerCookie, DOC);
      await reader.synced();
      const items = reader.doc.getArray<string>("items").toArray();
      reader.destroy();
      const present = new Set(items);
      assert.is(present.size, items.length, "no item is duplicated");
      for (const item of acknowledged) assert.ok(present.has(item), `acknowledged ${item} survived`);
      for (const item of seenAtKill) assert.ok(present.has(item), `seen ${item} survived`);
      assert.ok(acknowledged.length > 0, `some pushes were acknowledged before the kill (round ${round})`);
    }
  } finally {
    child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
