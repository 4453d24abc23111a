import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { eventually, freePort, ROOT, tempDir } from "./test-server.ts";

/**
 * Real services for scale-out tests: a PostgreSQL database of its own on the machine's server,
 * a Redis server process of its own (so a test may stop and restart it), and Caseroom instances
 * as child processes started as `npm start` starts them.
 */

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? "redis-server";

/** Whether PostgreSQL answers and redis-server can be run; the reason when not. */
export async function servicesMissing(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_URL} is not reachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (spawnSync(REDIS_SERVER, ["--version"]).status !== 0) return `${REDIS_SERVER} is not installed`;
  return undefined;
}

export type TestDatabase = { url: string; drop(): Promise<void> };

/** A new, empty database on the PostgreSQL server; `drop()` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `caseroom_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export type TestRedis = { url: string; stop(): Promise<void>; start(): Promise<void> };

/** A Redis server process on a free loopback port, with no persistence. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    child = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await eventually(() => (spawnSync("redis-cli", ["-p", String(port), "ping"]).stdout?.toString().includes("PONG") ? true : undefined), 10_000);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

export type Instance = {
  url: string;
  origin: string;
  port: number;
  dataDir: string;
  /** Kill the process with `signal` and wait for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start it again on the same port (after `kill`). */
  restart(): Promise<void>;
  output(): string;
};

/**
 * A Caseroom process started like `npm start`, on PostgreSQL and Redis when given their URLs and
 * on SQLite in its own folder otherwise; resolves once ready.
 */
export async function startInstance(options: { databaseUrl?: string; redisUrl?: string; demo?: boolean; env?: Record<string, string> }): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = tempDir("caseroom-instance-");
  let child: ChildProcess | undefined;
  let output = "";
  const start = async () => {
    const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
    child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: ROOT,
      env: {
        ...inherited,
        NODE_ENV: "development",
        PORT: String(port),
        HOST: "127.0.0.1",
        BASE_URL: url,
        DATA_DIR: dataDir,
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
        DEMO_DATA: options.demo === false ? "false" : "true",
        LOG_LEVEL: "warn",
        SIGNIN_RATE_LIMIT_PER_MINUTE: "1000",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (process.env.DEBUG_INSTANCES) process.stderr.write(`[${port}] ${chunk}`);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    const exited = new Promise<never>((_, reject) => child?.once("exit", (code) => reject(new Error(`instance exited (${code}):\n${output}`))));
    exited.catch(() => undefined);
    try {
      await Promise.race([exited, eventually(async () => ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok ? true : undefined), 60_000)]);
    } catch (error) {
      child.kill("SIGKILL");
      throw error;
    }
  };
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill(signal);
    await exited;
  };
  await start();
  return {
    url,
    origin: url,
    port,
    dataDir,
    kill,
    restart: start,
    output: () => output,
  };
}

/** Stop instances and services, whatever state they are in. */
export async function stopAll(instances: (Instance | undefined)[], redis?: TestRedis, database?: TestDatabase): Promise<void> {
  await Promise.all(instances.map((i) => i?.kill("SIGKILL")));
  await redis?.stop();
  await database?.drop().catch(() => undefined);
  for (const instance of instances) if (instance) fs.rmSync(instance.dataDir, { recursive: true, force: true });
}
