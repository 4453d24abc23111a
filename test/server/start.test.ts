import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { demoData } from "../../fixtures/demo/demo-data.ts";
import { eventually, freePort, ROOT, tempDir } from "../helpers/test-server.ts";

/** Start Caseroom the way `npm start` does, in its own process. */
async function startProcess(dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, NODE_ENV: "development", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), 60_000).catch((error) => {
    child.kill("SIGKILL");
    throw new Error(`server did not start: ${String(error)}\n${output}`);
  });
  return { child, url, output: () => output };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

function countRows(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  } finally {
    db.close();
  }
}

const test = suite("npm start");

test("starts with demo data, stops cleanly on SIGTERM, and a second start adds nothing", async () => {
  const dataDir = tempDir("caseroom-start-");
  const dbFile = path.join(dataDir, "caseroom.sqlite");
  try {
    const first = await startProcess(dataDir);
    assert.is((await fetch(`${first.url}/readyz`)).status, 200);
    const page = await fetch(`${first.url}/`, { headers: { accept: "text/html" } });
    assert.is(page.status, 200);
    assert.match(await page.text(), /<script type="module"/);
    const exited = exitCode(first.child);
    first.child.kill("SIGTERM");
    assert.is(await exited, 0, "exit code after SIGTERM");
    assert.not.match(first.output(), /dan\.reyes|SAMLResponse/, "no personal data in logs");

    assert.is(countRows(dbFile, "cases"), demoData.cases.length);
    assert.is(countRows(dbFile, "defendants"), demoData.defendants.length);
    assert.is(countRows(dbFile, "documents"), demoData.documents.length);

    const second = await startProcess(dataDir);
    const exited2 = exitCode(second.child);
    second.child.kill("SIGINT");
    assert.is(await exited2, 0);
    assert.is(countRows(dbFile, "cases"), demoData.cases.length, "demo cases duplicated");
    assert.is(countRows(dbFile, "documents"), demoData.documents.length, "demo documents duplicated");
    const blobs = fs.readdirSync(path.join(dataDir, "blobs"), { recursive: true }).filter((f) => String(f).length > 60);
    assert.is(new Set(blobs).size, new Set(demoData.documents.map((d) => d.file)).size);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("refuses to start with invalid configuration, naming the variable and not a stack", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "not-a-port", DATA_DIR: tempDir("caseroom-start-") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  assert.is(await exitCode(child), 1);
  assert.match(output, /Invalid configuration: PORT/);
});

test.run();
