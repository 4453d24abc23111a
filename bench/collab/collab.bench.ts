/**
 * Collaboration servers side by side (issue #11): Caseroom, the reference y-websocket server,
 * Hocuspocus and Hocuspocus with SQLite, one after another on this machine, each in its own
 * process on core 0 while this process (the load generator) runs on core 1. Workloads: real
 * providers converge; fan-out latency; throughput ramp; cold load of a 100,000-update history;
 * memory per idle doc and unloading; a reconnect storm. See workloads.ts.
 *
 * Run on its own: `node --import tsx bench/collab/collab.bench.ts [--targets=caseroom,hocuspocus]
 * [--workloads=fanOut,throughput,coldLoad,memory,storm,correctness] [--rooms=20,50,…] [--cpu-prof]
 * [--json=file]`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { loadCpuProfile, type ProfileSummary, type ProfileWindow } from "./cpu-profile.ts";
import { pinLoadGenerator, pinning, ROOT } from "./server-process.ts";
import { createTargets, type Target, type TargetId } from "./targets.ts";
import {
  casesNeeded,
  type ColdLoadRow,
  type CorrectnessRow,
  coldLoad,
  correctness,
  DEFAULT_SETTINGS,
  DOCS,
  type FanOutRow,
  fanOut,
  generateHistory,
  type MemoryRow,
  measurementWindows,
  memory,
  quietly,
  reconnectStorm,
  type Settings,
  type StormRow,
  sleep,
  type ThroughputRow,
  type ThroughputStep,
  throughput,
} from "./workloads.ts";

export const WORKLOADS = ["correctness", "coldLoad", "fanOut", "storm", "throughput", "memory"] as const;
export type WorkloadId = (typeof WORKLOADS)[number];

export type CollabBenchOptions = {
  targets?: TargetId[];
  workloads?: WorkloadId[];
  settings?: Partial<Settings>;
  /** Run Caseroom with `--cpu-prof` and summarise where its CPU time went. */
  profileCaseroom?: boolean;
};

export type TargetCheck = { target: string; measured: string; goal: string; met: boolean | null };

export type CollabBenchResults = {
  machine: { pinning: string; cpus: number; cpuModel: string; memoryGiB: number; node: string };
  versions: Record<string, string>;
  targets: { id: TargetId; label: string; codec: string; persistence: string }[];
  settings: Settings;
  correctness: CorrectnessRow[];
  fanOut: FanOutRow[];
  throughput: ThroughputRow[];
  coldLoad: ColdLoadRow[];
  memory: MemoryRow[];
  reconnectStorm: StormRow[];
  /**
   * Throughput steps at the largest R every target sustained (the same offered load for all): a
   * steadier comparison of cost than the ramp's last step, which moves with noise.
   */
  throughputAtEqualLoad: { rooms: number | null; steps: ThroughputStep[] };
  /** Issue #11's goals for Caseroom, met or missed (null: could not be decided). */
  caseroomTargets: TargetCheck[];
  errors: { target: TargetId; workload: WorkloadId; message: string }[];
  /** Caseroom's CPU profile (with `profileCaseroom`): top self time per workload. */
  profile?: { file: string; workloads: (ProfileSummary & { workload: string })[] };
  durationS: number;
};

function versionOf(pkg: string, from = ROOT): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(from, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

function versions(): Record<string, string> {
  return {
    node: process.version,
    yjs: versionOf("yjs"),
    ws: versionOf("ws"),
    "y-protocols": versionOf("y-protocols"),
    lib0: versionOf("lib0"),
    "y-websocket": versionOf("y-websocket"),
    "y-websocket's own ws (replaced by the project's ws for the reference server)": versionOf("ws", path.join(ROOT, "node_modules", "y-websocket")),
    "@hocuspocus/server": versionOf("@hocuspocus/server"),
    "@hocuspocus/extension-sqlite": versionOf("@hocuspocus/extension-sqlite"),
    "@hocuspocus/provider": versionOf("@hocuspocus/provider"),
    "better-sqlite3": versionOf("better-sqlite3"),
  };
}

function checks(r: CollabBenchResults): TargetCheck[] {
  const out: TargetCheck[] = [];
  const fan = (target: TargetId, n: number) => r.fanOut.find((f) => f.target === target && f.readers === n);
  for (const n of [100, 500]) {
    const ours = fan("caseroom", n);
    const ref = fan("y-websocket", n);
    out.push({
      target: `fan-out p99 at N=${n} ≤ reference y-websocket`,
      measured: ours && ref ? `${ours.p99Ms} ms vs ${ref.p99Ms} ms (${ours.p99Ms >= ref.p99Ms ? "+" : ""}${Math.round((ours.p99Ms / ref.p99Ms - 1) * 100)}%)` : "not measured",
      goal: "≤ reference",
      met: ours && ref ? ours.p99Ms <= ref.p99Ms : null,
    });
  }
  const tOurs = r.throughput.find((t) => t.target === "caseroom");
  const tHp = r.throughput.find((t) => t.target === "hocuspocus-sqlite");
  out.push({
    target: "max sustained updates/s ≥ Hocuspocus + SQLite",
    measured: tOurs && tHp ? `${tOurs.maxSustainedUpdatesPerSecond ?? "none"} vs ${tHp.maxSustainedUpdatesPerSecond ?? "none"} updates/s` : "not measured",
    goal: "≥ Hocuspocus + SQLite",
    met: tOurs && tHp ? (tOurs.maxSustainedUpdatesPerSecond ?? 0) >= (tHp.maxSustainedUpdatesPerSecond ?? 0) : null,
  });
  const cold = r.coldLoad.find((c) => c.target === "caseroom" && c.variant === "log");
  const snapshot = r.coldLoad.find((c) => c.target === "caseroom" && c.variant === "snapshot");
  out.push({
    target: "cold load of a 100,000-update history as Caseroom stores it (snapshot + ≤ 499 log entries): first client synced",
    measured: snapshot ? `${snapshot.firstSyncMs} ms${snapshot.complete ? "" : " (incomplete!)"}` : "not measured",
    goal: "≤ 100 ms",
    met: snapshot ? snapshot.complete && snapshot.firstSyncMs <= 100 : null,
  });
  out.push({
    target: "cold load of the same history as 100,000 uncompacted log rows (written around the server)",
    measured: cold ? `${cold.firstSyncMs} ms${cold.complete ? "" : " (incomplete!)"}` : "not measured",
    goal: "≤ 100 ms",
    met: cold ? cold.complete && cold.firstSyncMs <= 100 : null,
  });
  const mem = r.memory.find((m) => m.target === "caseroom");
  out.push({
    target: "idle loaded doc beyond its content (heap, per doc minus per connection)",
    measured: mem ? `${mem.heapKBPerDocBeyondConnection} KB (${mem.heapKBPerDoc} KB per doc with its connection)` : "not measured",
    goal: "≤ 10 KB",
    met: mem ? mem.heapKBPerDocBeyondConnection <= 10 : null,
  });
  out.push({
    target: "no doc in memory 30 s after the last client left",
    measured: mem ? mem.unloadNote : "not measured",
    goal: "unloaded ≤ 30 s",
    met: mem ? mem.unloadedAfterS !== null && mem.unloadedAfterS <= 30 : null,
  });
  const storm = r.reconnectStorm.find((s) => s.target === "caseroom");
  out.push({
    target: "reconnect storm: 500 clients resynced, nothing duplicated",
    measured: storm ? `${storm.resynced}/${storm.clients} in ${storm.allResyncedMs} ms; ${storm.docsChanged} docs changed, ${storm.extraCharacters} extra characters` : "not measured",
    goal: "all within 10 s, none duplicated",
    met: storm ? storm.resynced === storm.clients && storm.allResyncedMs <= 10_000 && storm.docsChanged === 0 && storm.extraCharacters === 0 : null,
  });
  const ok = r.correctness.find((c) => c.target === "caseroom");
  out.push({ target: "3 real providers converge", measured: ok ? ok.detail : "not measured", goal: "identical content", met: ok ? ok.passed : null });
  return out;
}

function equalLoad(rows: ThroughputRow[]): { rooms: number | null; steps: ThroughputStep[] } {
  const passed = (row: ThroughputRow, rooms: number) => row.steps.filter((s) => s.rooms === rooms && s.withinLimits).sort((a, b) => a.p99Ms - b.p99Ms)[0];
  const candidates = [...new Set(rows.flatMap((r) => r.steps.map((s) => s.rooms)))].sort((a, b) => b - a);
  const rooms = rows.length ? candidates.find((r) => rows.every((row) => passed(row, r))) : undefined;
  return rooms === undefined ? { rooms: null, steps: [] } : { rooms, steps: rows.map((row) => passed(row, rooms) as ThroughputStep) };
}

export async function runCollabBench(log: (line: string) => void, options: CollabBenchOptions = {}): Promise<CollabBenchResults> {
  const began = performance.now();
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const wanted = new Set<WorkloadId>(options.workloads ?? WORKLOADS);
  const targets = createTargets({ cases: casesNeeded(Math.max(...settings.throughputRooms)) }).filter((t) => !options.targets || options.targets.includes(t.id));
  const results: CollabBenchResults = {
    machine: { pinning, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    versions: versions(),
    targets: targets.map((t) => ({ id: t.id, label: t.label, codec: t.codec, persistence: t.persistence })),
    settings,
    correctness: [],
    fanOut: [],
    throughput: [],
    coldLoad: [],
    memory: [],
    reconnectStorm: [],
    throughputAtEqualLoad: { rooms: null, steps: [] },
    caseroomTargets: [],
    errors: [],
    durationS: 0,
  };
  const restoreAffinity = pinLoadGenerator();
  let current: Target | undefined;
  const profileDir = options.profileCaseroom ? fs.mkdtempSync(path.join(os.tmpdir(), "caseroom-bench-cpuprof-")) : undefined;
  const windows: ProfileWindow[] = [];
  measurementWindows.length = 0;
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
  // Ctrl-C: stop the running server and remove its data before leaving.
  const interrupted = () => {
    void (current?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    const history = wanted.has("coldLoad") ? generateHistory(settings.historyUpdates, DOCS.coldLoad) : undefined;
    for (const target of targets) {
      const t0 = performance.now();
      log(`collab: ${target.label} (${target.persistence})`);
      current = target;
      const nodeArgs = profileDir && target.id === "caseroom" ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
      await target.start({ history: target.canSeedHistory ? history : undefined, nodeArgs });
      const attempt = async <T>(workload: WorkloadId, run: () => Promise<T>): Promise<T | undefined> => {
        if (!wanted.has(workload)) return undefined;
        const fromUs = monotonicUs();
        try {
          return await run();
        } catch (error) {
          const message = (error as Error).message;
          results.errors.push({ target: target.id, workload, message });
          log(`  ${workload}: error: ${message}`);
          await sleep(1_000);
          return undefined;
        } finally {
          if (target.id === "caseroom") windows.push({ name: workload, fromUs, toUs: monotonicUs() });
        }
      };
      try {
        const ok = await attempt("correctness", () => correctness(target));
        if (ok) {
          results.correctness.push(ok);
          log(`  correctness: ${ok.passed ? "pass" : "FAIL"} (${ok.detail})`);
        }
        if (history) {
          for (const variant of target.id === "caseroom" ? (["log", "snapshot"] as const) : (["log"] as const)) {
            const cold = await attempt("coldLoad", () => coldLoad(target, history, variant));
            if (cold) {
              results.coldLoad.push(cold);
              log(cold.applicable ? `  cold load (${variant}): first synced ${cold.firstSyncMs} ms, second ${cold.secondSyncMs} ms, complete ${cold.complete}` : `  cold load: ${cold.storedAs}`);
            }
          }
        }
        for (const [level, readers] of settings.fanOutReaders.entries()) {
          const row = await attempt("fanOut", () => quietly(() => fanOut(target, readers, level, settings), log, `fan-out N=${readers}`));
          if (row) {
            results.fanOut.push(row);
            log(
              `  fan-out N=${readers}: p50 ${row.p50Ms} p95 ${row.p95Ms} p99 ${row.p99Ms} max ${row.maxMs} ms, ${row.cpuUsPerDelivery} µs CPU/delivery, delivered ${row.deliveries}/${row.expectedDeliveries}, loop p99 ${row.loopP99Ms} max ${row.loopMaxMs} ms, generator CPU ${row.generatorCpuPct}%, other CPU ${row.otherCpuPct}%`,
            );
          }
        }
        const storm = await attempt("storm", () => reconnectStorm(target, settings));
        if (storm) {
          results.reconnectStorm.push(storm);
          log(`  reconnect storm: ${storm.resynced}/${storm.clients} resynced, all in ${storm.allResyncedMs} ms (p50 ${storm.p50ResyncMs}), stale ${storm.staleResyncs}, docs changed ${storm.docsChanged}, extra chars ${storm.extraCharacters}`);
        }
        const tp = await attempt("throughput", () => throughput(target, settings, log));
        if (tp) {
          results.throughput.push(tp);
          log(`  throughput: max sustained ${tp.maxSustainedUpdatesPerSecond ?? "none"} updates/s (R=${tp.rooms}); stopped by ${tp.stoppedBy}`);
        }
        const mem = await attempt("memory", () => memory(target, settings));
        if (mem) {
          results.memory.push(mem);
          log(`  memory: ${mem.heapKBPerDoc} KB heap/doc, ${mem.heapKBPerConnection} KB heap/connection, ${mem.heapKBPerDocBeyondConnection} KB/doc beyond; ${mem.unloadNote}`);
        }
      } finally {
        await target.stop();
        current = undefined;
        log(`  (${target.label}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    }
    if (profileDir) {
      const file = fs.readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
      if (file) {
        // Kept for a closer look (e.g. in Chrome DevTools); its path is in the results.
        const kept = path.join(os.tmpdir(), `caseroom-collab-${Date.now()}.cpuprofile`);
        fs.copyFileSync(path.join(profileDir, file), kept);
        const profile = loadCpuProfile(kept);
        // Whole workloads (connecting and closing included), then only what was timed: each
        // cold-load joiner from opening to synced, fan-out and throughput measurement windows
        // (every N or R together).
        const names = [...new Set(windows.map((w) => w.name))];
        const summaries = names.map((name) => ({ workload: `${name} (whole workload)`, ...profile.summarise(15, windows.filter((w) => w.name === name)) }));
        for (const workload of ["coldLoad: first joiner", "coldLoad: second joiner", "coldLoad (snapshot): first joiner", "fanOut", "throughput"]) {
          const measured = measurementWindows.filter((w) => w.workload === workload);
          if (measured.length) summaries.push({ workload: `${workload} (timed part only)`, ...profile.summarise(15, measured) });
        }
        results.profile = { file: kept, workloads: summaries };
      }
    }
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await current?.stop();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    restoreAffinity();
  }
  results.throughputAtEqualLoad = equalLoad(results.throughput);
  results.caseroomTargets = checks(results);
  results.durationS = Math.round((performance.now() - began) / 1000);
  return results;
}

// ---------------------------------------------------------------------------------------------
// Markdown.

const fmt = (value: number | null | undefined, digits = 2): string => {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-GB");
  return Number(value.toFixed(digits)).toString();
};
const ratio = (ours: number | null | undefined, theirs: number | null | undefined): string => {
  if (ours === null || ours === undefined || theirs === null || theirs === undefined || !Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return "–";
  return `${(ours / theirs).toFixed(2)}×`;
};

type Column<R> = { title: string; value: (row: R) => number | null | undefined; digits?: number; ratio?: boolean };

/** Rows per target, then one "Caseroom ÷ peer" row per peer with the ratio of every ratio column. */
function table<R extends { target: TargetId }>(
  rows: R[],
  columns: Column<R>[],
  labels: Map<TargetId, string>,
  extra?: { title: string; value: (row: R) => string },
  label: (row: R) => string = (row) => labels.get(row.target) ?? row.target,
): string[] {
  const head = ["target", ...columns.map((c) => c.title), ...(extra ? [extra.title] : [])];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${[label(row), ...columns.map((c) => fmt(c.value(row), c.digits)), ...(extra ? [extra.value(row)] : [])].join(" | ")} |`);
  const ours = rows.find((r) => r.target === "caseroom");
  if (ours) {
    for (const peer of rows.filter((r) => r.target !== "caseroom")) {
      lines.push(`| *Caseroom ÷ ${labels.get(peer.target) ?? peer.target}* | ${columns.map((c) => (c.ratio === false ? "" : ratio(c.value(ours), c.value(peer)))).join(" | ")}${extra ? " | " : ""} |`);
    }
  }
  return lines;
}

export function markdown(r: CollabBenchResults): string {
  const labels = new Map(r.targets.map((t) => [t.id, t.label]));
  const out: string[] = [];
  out.push(`Pinning: ${r.machine.pinning}. Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}. Run time ${r.durationS} s.`, "");
  out.push(`Versions: ${Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(", ")}.`, "");
  out.push("| target | framing | persistence |", "|---|---|---|", ...r.targets.map((t) => `| ${t.label} | ${t.codec} | ${t.persistence} |`), "");

  if (r.correctness.length) {
    out.push("### Correctness: 3 real providers edit one doc concurrently", "", "| target | provider | result | detail |", "|---|---|---|---|");
    for (const c of r.correctness) out.push(`| ${labels.get(c.target)} | ${c.provider} | ${c.passed ? "pass" : "**FAIL**"} | ${c.detail} |`);
    out.push("");
  }

  if (r.fanOut.length) {
    const measured = Object.entries(r.settings.fanOutMeasureMs).map(([n, ms]) => `${ms / 1000} s at N = ${n}`);
    out.push(
      `### Fan-out: 1 writer at ${r.settings.fanOutRatePerSecond} updates/s → N readers, one doc (measured ${measured.join(", ")}, after ${r.settings.fanOutWarmupMs / 1000} s)`,
      "",
      "Latency: writer's send → each reader's receipt, one clock. CPU µs/delivery: the server's CPU time over the window ÷ (updates × N). Event-loop p99: the server's, over the window. Other CPU: what processes other than the server and the load generator used meanwhile (a measurement above 25% is taken again).",
      "",
    );
    for (const n of [...new Set(r.fanOut.map((f) => f.readers))]) {
      out.push(`N = ${n}`, "");
      out.push(
        ...table(
          r.fanOut.filter((f) => f.readers === n),
          [
            { title: "p50 ms", value: (f) => f.p50Ms },
            { title: "p95 ms", value: (f) => f.p95Ms },
            { title: "p99 ms", value: (f) => f.p99Ms },
            { title: "max ms", value: (f) => f.maxMs },
            { title: "rate updates/s", value: (f) => f.updatesPerSecond, digits: 1 },
            { title: "CPU µs/delivery", value: (f) => f.cpuUsPerDelivery },
            { title: "RSS MB", value: (f) => f.rssMB, digits: 0 },
            { title: "event-loop p99 ms", value: (f) => f.loopP99Ms },
            { title: "delivered", value: (f) => f.deliveries, digits: 0, ratio: false },
            { title: "generator CPU %", value: (f) => f.generatorCpuPct, digits: 0, ratio: false },
            { title: "other CPU %", value: (f) => f.otherCpuPct, digits: 0, ratio: false },
          ],
          labels,
        ),
        "",
      );
    }
  }

  if (r.throughput.length) {
    out.push(
      `### Throughput: R rooms × 5 clients, each 1 update/s; R raised (${r.settings.throughputRooms.join(", ")}) until p99 > 100 ms or event-loop p99 > 50 ms (${r.settings.throughputMeasureMs / 1000} s measured per step)`,
      "",
    );
    out.push(
      ...table(
        r.throughput,
        [
          { title: "max sustained updates/s", value: (t) => t.maxSustainedUpdatesPerSecond, digits: 0 },
          { title: "at R", value: (t) => t.rooms, digits: 0, ratio: false },
          { title: "p50 ms", value: (t) => t.p50Ms },
          { title: "p95 ms", value: (t) => t.p95Ms },
          { title: "p99 ms", value: (t) => t.p99Ms },
          { title: "max ms", value: (t) => t.maxMs },
          { title: "CPU µs/update", value: (t) => t.cpuUsPerUpdate },
          { title: "RSS MB", value: (t) => t.rssMB, digits: 0 },
          { title: "event-loop p99 ms", value: (t) => t.loopP99Ms },
        ],
        labels,
        { title: "ramp stopped by", value: (t) => t.stoppedBy },
      ),
      "",
    );
    const equal = r.throughputAtEqualLoad;
    if (equal.rooms !== null) {
      out.push(
        `At equal load: R = ${equal.rooms} (${fmt(equal.rooms * 5, 0)} clients, ${fmt(equal.rooms * 5, 0)} updates/s offered), the largest R every target sustained:`,
        "",
        ...table(
          equal.steps,
          [
            { title: "updates/s in", value: (s) => s.updatesPerSecond, digits: 0 },
            { title: "p50 ms", value: (s) => s.p50Ms },
            { title: "p95 ms", value: (s) => s.p95Ms },
            { title: "p99 ms", value: (s) => s.p99Ms },
            { title: "max ms", value: (s) => s.maxMs },
            { title: "CPU µs/update", value: (s) => s.cpuUsPerUpdate },
            { title: "server CPU %", value: (s) => s.serverCpuPct, digits: 0 },
            { title: "RSS MB", value: (s) => s.rssMB, digits: 0 },
            { title: "event-loop p99 ms", value: (s) => s.loopP99Ms },
          ],
          labels,
        ),
        "",
      );
    }
    out.push(
      "Every step (a step outside the limits with the server under 85% CPU is measured once more; the generator's own event-loop stalls show in its loop max and add to the latency of every target alike):",
      "",
      "| target | R | clients | updates/s in | deliveries/s | delivered % | p50 ms | p99 ms | max ms | CPU µs/update | server CPU % | event-loop p99 ms | event-loop max ms | RSS MB | generator CPU % | generator loop max ms | other CPU % | within limits |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const t of r.throughput) {
      for (const s of [...t.steps].sort((a, b) => a.rooms - b.rooms)) {
        out.push(
          `| ${labels.get(s.target)} | ${s.rooms} | ${s.clients} | ${fmt(s.updatesPerSecond, 0)} | ${fmt(s.deliveriesPerSecond, 0)} | ${fmt(s.deliveredPct)} | ${fmt(s.p50Ms)} | ${fmt(s.p99Ms)} | ${fmt(s.maxMs)} | ${fmt(s.cpuUsPerUpdate)} | ${fmt(s.serverCpuPct, 0)} | ${fmt(s.loopP99Ms)} | ${fmt(s.loopMaxMs)} | ${fmt(s.rssMB, 0)} | ${fmt(s.generatorCpuPct, 0)} | ${fmt(s.generatorLoopMaxMs)} | ${fmt(s.otherCpuPct, 0)} | ${s.withinLimits ? "yes" : "no"} |`,
        );
      }
    }
    out.push("");
  }

  if (r.coldLoad.length) {
    out.push(
      `### Cold load of a doc with a ${r.settings.historyUpdates.toLocaleString("en-GB")}-update history (time from opening the WebSocket to the SyncStep2 covering it)`,
      "",
      "The history: one Y.Doc, one single-character insert per update, stored before the server starts. Timed from the start of the client's opening handshake (Caseroom loads the doc before completing the upgrade, so timing from the open event would hide the load). Second joiner: a client joining while the first is connected.",
      "",
    );
    const applicable = r.coldLoad.filter((c) => c.applicable);
    out.push(
      ...table(
        applicable,
        [
          { title: "first client synced ms", value: (c) => c.firstSyncMs },
          { title: "of which after WS open ms", value: (c) => c.firstOpenToSyncMs },
          { title: "second joiner (warm) ms", value: (c) => c.secondSyncMs },
          { title: "SyncStep2 KB", value: (c) => c.syncStep2KB, digits: 0, ratio: false },
          { title: "server CPU ms", value: (c) => c.serverCpuMs },
          { title: "RSS MB", value: (c) => c.rssMB, digits: 0 },
        ],
        labels,
        { title: "history stored as", value: (c) => `${c.storedAs}${c.complete ? "" : " — **SyncStep2 incomplete**"}` },
        (c) => `${labels.get(c.target)}${c.variant === "snapshot" ? " (from a snapshot)" : ""}`,
      ),
    );
    for (const c of r.coldLoad.filter((x) => !x.applicable)) out.push(`| ${labels.get(c.target)} | ${c.storedAs} | | | | | | |`);
    out.push("");
  }

  if (r.memory.length) {
    const m0 = r.memory[0];
    out.push(
      `### Memory per loaded idle doc: ${m0?.docs} empty docs with one idle client each, after forced GC, minus the baseline; per-connection cost from 1 doc × ${m0?.connections} connections`,
      "",
      "Per doc = (heap with the docs loaded − settled baseline) ÷ docs, which includes each doc's one connection; per connection = the same for one doc with as many connections; beyond its connection = the difference. Unloaded: heap (after GC, polled every 2 s) back within 10% of what the docs added.",
      "",
    );
    out.push(
      ...table(
        r.memory,
        [
          { title: "heap KB/doc", value: (m) => m.heapKBPerDoc },
          { title: "RSS KB/doc", value: (m) => m.rssKBPerDoc },
          { title: "heap KB/connection", value: (m) => m.heapKBPerConnection },
          { title: "RSS KB/connection", value: (m) => m.rssKBPerConnection },
          { title: "heap KB/doc beyond its connection", value: (m) => m.heapKBPerDocBeyondConnection },
          { title: "unloaded after s", value: (m) => m.unloadedAfterS, digits: 1 },
        ],
        labels,
        { title: "after the last client left", value: (m) => m.unloadNote },
      ),
      "",
    );
  }

  if (r.reconnectStorm.length) {
    const s0 = r.reconnectStorm[0];
    out.push(
      `### Reconnect storm: ${s0?.clients} clients on ${s0?.docs} docs with content, all dropped from the client side and reconnected at once`,
      "",
      "Resynced: the client has its SyncStep2. One writer per doc keeps its Y.Doc across the storm (as a browser would); the others are raw readers. Stale SyncStep2s: readers whose first SyncStep2 lacked the doc's content (a server that drops a doc when its last client leaves and has no persistence serves it empty until the writer sends it back). Docs changed / extra characters: each doc read afterwards by a fresh client, compared with before (duplication shows as extra characters).",
      "",
    );
    out.push(
      ...table(
        r.reconnectStorm,
        [
          { title: "all resynced ms", value: (s) => s.allResyncedMs, digits: 0 },
          { title: "p50 resync ms", value: (s) => s.p50ResyncMs, digits: 0 },
          { title: "resynced", value: (s) => s.resynced, digits: 0, ratio: false },
          { title: "stale SyncStep2s", value: (s) => s.staleResyncs, digits: 0, ratio: false },
          { title: "docs changed", value: (s) => s.docsChanged, digits: 0, ratio: false },
          { title: "extra characters", value: (s) => s.extraCharacters, digits: 0, ratio: false },
          { title: "server CPU ms", value: (s) => s.serverCpuMs, digits: 0 },
          { title: "RSS MB", value: (s) => s.rssMB, digits: 0 },
          { title: "event-loop max ms", value: (s) => s.loopMaxMs },
        ],
        labels,
      ),
      "",
    );
  }

  if (r.caseroomTargets.length) {
    out.push("### Caseroom against the issue's targets", "", "| target | measured | goal | |", "|---|---|---|---|");
    for (const c of r.caseroomTargets) out.push(`| ${c.target} | ${c.measured} | ${c.goal} | ${c.met === null ? "–" : c.met ? "met" : "**missed**"} |`);
    out.push("");
  }

  if (r.errors.length) {
    out.push("Errors:", "", ...r.errors.map((e) => `- ${labels.get(e.target)} / ${e.workload}: ${e.message}`), "");
  }

  if (r.profile) {
    out.push(`### Caseroom CPU profile (--cpu-prof; ${r.profile.file}): top self time per workload`, "");
    for (const w of r.profile.workloads) {
      out.push(`${w.workload}: ${w.busyMs} ms busy`, "", "| function | where | self ms | % of busy |", "|---|---|---|---|");
      for (const row of w.rows) out.push(`| ${row.fn} | ${row.location} | ${fmt(row.selfMs, 1)} | ${fmt(row.selfPct, 1)} |`);
      out.push("");
    }
  }
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const list = (name: string) => arg(name)?.split(",").filter(Boolean);
  const results = await runCollabBench((line) => process.stderr.write(`${line}\n`), {
    targets: list("targets") as TargetId[] | undefined,
    workloads: list("workloads") as WorkloadId[] | undefined,
    profileCaseroom: process.argv.includes("--cpu-prof"),
    settings: arg("rooms") ? { throughputRooms: (list("rooms") ?? []).map(Number) } : undefined,
  });
  const json = arg("json");
  if (json) fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${markdown(results)}\n`);
  process.exit(results.errors.length > 0 ? 1 : 0);
}
