/** `npm run bench`: every benchmark, figures printed and written to bench/results/<date>.{md,json}. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runAnnotationLayerBench } from "./annotation-layer.bench.ts";
import { runCaseSearchBench } from "./case-search.bench.ts";
import { markdown as collabMarkdown, runCollabBench } from "./collab/collab.bench.ts";
import { pinLoadGenerator, pinning } from "./collab/server-process.ts";
import { directionPushMarkdown, runDirectionPushBench } from "./direction-push.bench.ts";
import { idleConnectionsMarkdown, runIdleConnectionsBench } from "./idle-connections.bench.ts";
import { runBundleBench } from "./idpc-bundle.bench.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = (line: string) => process.stdout.write(`${line}\n`);
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
out(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);

const started = Date.now();
// Servers under test run on core 0; this process (the load generator) on core 1.
pinLoadGenerator();
out(`Pinning: ${pinning}`);
const collab = await runCollabBench(out);
const directionPush = await runDirectionPushBench(out);
const idleConnections = await runIdleConnectionsBench(out);
// The other benchmarks start their own servers and a browser: give this process both cores back.
spawnSync("taskset", ["-pc", `0-${os.cpus().length - 1}`, String(process.pid)], { stdio: "ignore" });
const search = await runCaseSearchBench(out);
const bundles = await runBundleBench(out);
const annotationLayer = await runAnnotationLayerBench(out);
const minutes = (Date.now() - started) / 60_000;

const date = new Date().toISOString().slice(0, 10);
const dir = path.join(root, "bench", "results");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, `${date}.json`), `${JSON.stringify({ date, machine, pinning, minutes, collab, directionPush, idleConnections, caseSearch: search, idpcBundles: bundles, annotationLayer }, null, 2)}\n`);
const rows = search.map((r) => `| ${r.name} | ${r.samples} | ${r.p50Ms.toFixed(2)} | ${r.p95Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ≤ ${r.targetMs} | ${r.met ? "met" : "missed"} |`);
fs.writeFileSync(
  path.join(dir, `${date}.md`),
  [`# Benchmarks ${date}`, "", `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}. ${pinning}. Whole run: ${minutes.toFixed(1)} min.`, "", collabMarkdown(collab), "", directionPushMarkdown(directionPush), "", idleConnectionsMarkdown(idleConnections), "", "## Case search, 100,000 cases on SQLite (in-process)", "", "| search | samples | p50 ms | p95 ms | p99 ms | target p95 ms | |", "|---|---|---|---|---|---|---|", ...rows, "", "## IDPC bundles: 100 documents, 2,000 pages (server in its own process)", "", "| measure | value | target | |", "|---|---|---|---|", ...bundles.map((b) => `| ${b.name} | ${b.value.toFixed(0)} ${b.unit} | ≤ ${b.target} ${b.unit} | ${b.met ? "met" : "missed"} |`),
    "",
    "## Annotation layer: 1,000 annotations on a 300-page document, 30 page turns in Chromium",
    "",
    "| measure | samples | p50 ms | p95 ms | max ms | target p95 ms | |",
    "|---|---|---|---|---|---|---|",
    ...annotationLayer.map((r) => `| ${r.name} | ${r.samples} | ${r.p50Ms.toFixed(2)} | ${r.p95Ms.toFixed(2)} | ${r.maxMs.toFixed(2)} | ${r.targetMs === undefined ? "(for information)" : `≤ ${r.targetMs}`} | ${r.targetMs === undefined ? "" : r.met ? "met" : "missed"} |`),
    "",
  ].join("\n"),
);
out(`Written bench/results/${date}.md and .json`);
const collabMet = collab.caseroomTargets.every((t) => t.met !== false) && collab.errors.length === 0;
process.exit([...search, ...bundles, ...annotationLayer].every((r) => r.met) && collabMet && directionPush.met ? 0 : 1);
