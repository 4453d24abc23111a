import { Worker } from "node:worker_threads";

/**
 * The server under fuzz runs in this process, so an input that spins it for ever would stall the
 * test silently. A worker thread watches a heartbeat that this thread beats; if it stops for
 * `stallMs`, the worker prints what was being fuzzed (and the seed) straight to stderr and kills
 * the process, so the run fails at once and says how to replay it.
 */
export function startWatchdog(options: { stallMs: number; seedNote: string }) {
  const beat = new Int32Array(new SharedArrayBuffer(4));
  const label = new Uint8Array(new SharedArrayBuffer(512));
  const started = Date.now();
  const now = () => Math.floor((Date.now() - started) / 100);
  Atomics.store(beat, 0, now());
  const worker = new Worker(
    `const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const { beat, label, stallMs, seedNote, started } = workerData;
const tick = () => {
  const now = Math.floor((Date.now() - started) / 100);
  if ((now - Atomics.load(beat, 0)) * 100 > stallMs) {
    const doing = Buffer.from(label).toString("utf8").replace(/\\u0000+$/, "");
    fs.writeSync(2, "\\n  fuzz watchdog: the event loop has been blocked for over " + stallMs + " ms while fuzzing " + doing + " (" + seedNote + ")\\n");
    process.kill(process.pid, "SIGKILL");
  }
  setTimeout(tick, 250);
};
tick();`,
    { eval: true, workerData: { beat, label, stallMs: options.stallMs, seedNote: options.seedNote, started } },
  );
  worker.unref();
  const interval = setInterval(() => Atomics.store(beat, 0, now()), 100);
  interval.unref();
  return {
    /** What is being fuzzed now (shown if the process stalls). */
    doing(what: string) {
      label.fill(0);
      label.set(Buffer.from(what, "utf8").subarray(0, label.length - 1));
    },
    async stop() {
      clearInterval(interval);
      await worker.terminate();
    },
  };
}
