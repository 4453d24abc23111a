/**
 * `npm test`: every check in one run, each reported as it finishes, ending with the line
 * `N passed, N failed`. Under CI=true a missing browser or service fails instead of skipping.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isCi = process.env.CI === "true";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type Outcome = { name: string; passed: number; failed: number; skipped: number; seconds: number; note?: string };
const outcomes: Outcome[] = [];
const out = (line: string) => process.stdout.write(`${line}\n`);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 600_000, echo = true) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) process.stdout.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Run a check; `quietly`, its output is held and printed in one piece when it ends (it runs beside another). */
async function check(name: string, command: string, args: string[], quietly = false) {
  if (!quietly) out(`\n▶ ${name}`);
  const started = Date.now();
  const { code, output } = await run(command, args, {}, 600_000, !quietly);
  if (quietly) out(`\n▶ ${name}\n${output}`);
  const seconds = (Date.now() - started) / 1000;
  outcomes.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, seconds });
}

/** Run uvu over the files matching `pattern` and read its Total/Passed/Skipped summary. */
async function uvuSuite(name: string, pattern: string, env: NodeJS.ProcessEnv = {}) {
  out(`\n▶ ${name}`);
  const started = Date.now();
  const { code, output } = await run(
    process.execPath,
    ["--import", "tsx", "test/uvu.ts", "test", pattern],
    { NODE_ENV: "test", NO_COLOR: "1", FORCE_COLOR: "0", ...env },
  );
  const plain = output;
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  let failed = Math.max(0, total - passed - skipped);
  // A crash before the summary, or a non-zero exit with no failure counted, is still a failure.
  if (code !== 0 && failed === 0) failed = 1;
  if (total === 0 && code === 0) failed = 1;
  if (isCi && skipped > 0) failed += skipped;
  outcomes.push({ name, passed, failed, skipped, seconds: (Date.now() - started) / 1000 });
}

function skipOrFail(name: string, reason: string) {
  out(`\n▶ ${name}: ${isCi ? "FAILED" : "skipped"} (${reason})`);
  outcomes.push({ name, passed: 0, failed: isCi ? 1 : 0, skipped: isCi ? 0 : 1, seconds: 0, note: reason });
}

const started = Date.now();
// The client is built first (servers the tests start serve it); the type check and the linter
// then run beside the first suite, which waits on child processes more than on the CPU.
await check("client build", process.execPath, ["node_modules/vite/bin/vite.js", "build", "--config", "client/vite.config.ts", "--logLevel", "warn"]);
const staticChecks = (async () => {
  await check("typecheck", process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.json"], true);
  await check("lint", "node_modules/.bin/biome", ["lint", "--error-on-warnings", "."], true);
})();
await uvuSuite("unit and integration (uvu)", "\\.test\\.ts$");
await staticChecks;
if (fs.existsSync(CHROMIUM)) {
  await uvuSuite("browser (Chromium)", "\\.browser\\.ts$", { CHROMIUM_PATH: CHROMIUM });
} else {
  skipOrFail("browser (Chromium)", `${CHROMIUM} not found; apt-get install -y chromium`);
}

const total = outcomes.reduce(
  (sum, o) => ({ passed: sum.passed + o.passed, failed: sum.failed + o.failed, skipped: sum.skipped + o.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
out("\nSuites:");
for (const o of outcomes) {
  const status = o.failed > 0 ? "FAIL" : o.skipped > 0 && o.passed === 0 ? "SKIP" : "ok  ";
  out(`  ${status} ${o.name}: ${o.passed} passed, ${o.failed} failed${o.skipped ? `, ${o.skipped} skipped` : ""} (${o.seconds.toFixed(1)} s)${o.note ? ` — ${o.note}` : ""}`);
}
out(`Total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
out(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
