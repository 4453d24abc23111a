/**
 * Preloaded into every server under test (`node --import ./bench/collab/probe.mjs …`), so each is
 * measured the same way from inside: CPU time, memory (after a forced GC when asked) and
 * event-loop delay. The load generator asks over the IPC channel: `{ probe: "stats", gc, reset }`.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();

if (process.send) {
  process.on("message", (message) => {
    if (message?.probe !== "stats") return;
    if (message.gc && typeof globalThis.gc === "function") {
      globalThis.gc();
      globalThis.gc();
    }
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send({
      probe: "stats",
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      externalBytes: memory.external + memory.arrayBuffers,
      loopP50Ms: delay.percentile(50) / 1e6,
      loopP99Ms: delay.percentile(99) / 1e6,
      loopMaxMs: delay.max / 1e6,
    });
    if (message.reset) delay.reset();
  });
  // The IPC channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}
