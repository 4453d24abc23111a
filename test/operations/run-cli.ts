import { spawn } from "node:child_process";
import { ROOT } from "../helpers/test-server.ts";

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Run an operations script as an operator does (`node --import tsx scripts/<name>.ts`), with the
 * given environment on top of a clean one: no DATABASE_URL or REDIS_URL leaks in from the runner.
 */
export function runCli(script: string, args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CliResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "DATABASE_URL" && k !== "REDIS_URL" && k !== "DATA_DIR")) as Record<string, string>;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...base, NODE_ENV: "test", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** Whether text looks like a stack trace (no operator or client should ever see one). */
export const hasStackTrace = (text: string) => /\n\s+at .+[(:]\d+|\.ts:\d+:\d+/.test(text);
