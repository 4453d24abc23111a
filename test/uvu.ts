/**
 * uvu's own command line, less one thing: when every suite has run and reported, the process ends
 * with uvu's verdict, even if something a test library left behind (an idle keep-alive socket, a
 * message port) would keep Node's event loop alive. Every server and child process a test starts
 * is still stopped by that test; this only stops a finished run from waiting for nothing.
 *
 *     node --import tsx test/uvu.ts <dir> <pattern>
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parse } = require("uvu/parse") as { parse(dir: string, pattern: string, opts: { cwd: string }): Promise<{ suites: unknown[] }> };
const [dir = "test", pattern = "\\.test\\.ts$"] = process.argv.slice(2);
const { suites } = await parse(dir, pattern, { cwd: process.cwd() });
const { run } = (await import("uvu/run")) as unknown as { run(suites: unknown[], opts: Record<string, unknown>): Promise<void> };
await run(suites, {});
process.exit(process.exitCode ?? 0);
