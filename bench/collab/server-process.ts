import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PROBE = path.join(ROOT, "bench", "collab", "probe.mjs");
const HAS_TASKSET = spawnSync("taskset", ["--version"]).status === 0;

export type ProbeStats = {
  cpuUserUs: number;
  cpuSystemUs: number;
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
};

/** A server under test in its own process, pinned to one core when the machine allows it. */
export type ServerProcess = {
  child: ChildProcess;
  pid: number;
  /** CPU, memory and event-loop delay from inside the process; `gc` forces a collection first. */
  stats(options?: { gc?: boolean; reset?: boolean }): Promise<ProbeStats>;
  stop(): Promise<void>;
  output(): string;
};

/** Whether servers and load generator run on separate cores (recorded with the results). */
export const pinning = HAS_TASKSET ? "server on core 0, load generator on core 1 (taskset)" : "not pinned (taskset unavailable)";

/**
 * Pin the current process (the load generator) to core 1, if possible: every thread of it (`-a`),
 * not only the main one, so its GC and libuv threads stay off the server's core. Returns a
 * function that restores the affinity the process had (for whatever runs after the benchmark).
 */
export function pinLoadGenerator(): () => void {
  if (!HAS_TASKSET) return () => undefined;
  const before = /:\s*(\S+)\s*$/.exec(spawnSync("taskset", ["-pc", String(process.pid)], { encoding: "utf8" }).stdout ?? "")?.[1];
  spawnSync("taskset", ["-a", "-pc", "1", String(process.pid)], { stdio: "ignore" });
  return () => {
    if (before) spawnSync("taskset", ["-a", "-pc", before, String(process.pid)], { stdio: "ignore" });
  };
}

/**
 * Start `node <args>` with the probe preloaded and `--expose-gc`, on core 0, and wait until
 * `ready()` resolves (polled). The child's output is kept for error messages.
 */
export async function startServerProcess(options: { args: string[]; env?: NodeJS.ProcessEnv; ready: () => Promise<boolean>; timeoutMs?: number }): Promise<ServerProcess> {
  const nodeArgs = ["--expose-gc", "--import", PROBE, ...options.args];
  const command = HAS_TASKSET ? "taskset" : process.execPath;
  const args = HAS_TASKSET ? ["-c", "0", process.execPath, ...nodeArgs] : nodeArgs;
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-10_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (await options.ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    pid: child.pid ?? 0,
    stats(request = {}) {
      return new Promise<ProbeStats>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("probe did not answer")), 10_000);
        const onMessage = (message: unknown) => {
          if ((message as { probe?: string }).probe !== "stats") return;
          clearTimeout(timer);
          child.off("message", onMessage);
          resolve(message as ProbeStats);
        };
        child.on("message", onMessage);
        child.send({ probe: "stats", gc: request.gc ?? false, reset: request.reset ?? false });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
    output: () => output,
  };
}
