/**
 * Summarise a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time,
 * over the whole profile or over time windows (one per workload). Positions in TypeScript files
 * run through tsx are mapped back to the source with the source maps tsx keeps in its cache.
 */
import fs from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./server-process.ts";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type SelfTimeRow = { fn: string; location: string; selfMs: number; selfPct: number };
export type ProfileSummary = { busyMs: number; rows: SelfTimeRow[] };
/** A time window on CLOCK_MONOTONIC in µs (`process.hrtime.bigint() / 1000n`, as V8 stamps samples). */
export type ProfileWindow = { name: string; fromUs: number; toUs: number };

/** The newest source map tsx cached for each source file (tsx transforms with maps into its cache). */
function tsxSourceMaps(): Map<string, SourceMap> {
  const maps = new Map<string, { at: number; map: SourceMap }>();
  const dir = path.join(os.tmpdir(), `tsx-${os.userInfo().uid}`);
  let files: string[] = [];
  try {
    files = fs.readdirSync(dir);
  } catch {
    return new Map();
  }
  for (const file of files) {
    try {
      const full = path.join(dir, file);
      const at = fs.statSync(full).mtimeMs;
      const entry = JSON.parse(fs.readFileSync(full, "utf8")) as { map?: { sources?: string[] } };
      const source = entry.map?.sources?.[0];
      if (!entry.map || !source || (maps.get(source)?.at ?? 0) > at) continue;
      maps.set(source, { at, map: new SourceMap(entry.map as never) });
    } catch {
      // Not a transform cache entry.
    }
  }
  return new Map([...maps].map(([source, { map }]) => [source, map]));
}

function locate(frame: CallFrame, maps: Map<string, SourceMap>): string {
  if (!frame.url) return "";
  const file = frame.url.replace(/^file:\/\//, "");
  let line = frame.lineNumber + 1;
  const map = maps.get(file);
  if (map && frame.lineNumber >= 0) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalLine?: number };
    if (typeof entry.originalLine === "number") line = entry.originalLine + 1;
  }
  return `${file.startsWith(ROOT) ? path.relative(ROOT, file) : file}:${line}`;
}

export function loadCpuProfile(file: string) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const maps = tsxSourceMaps();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Sample timestamps: startTime plus the running sum of deltas (µs, CLOCK_MONOTONIC).
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) {
    t += delta;
    stamps.push(t);
  }
  const names = new Map<number, { fn: string; location: string }>();
  const nameOf = (node: ProfileNode) => {
    let named = names.get(node.id);
    if (!named) {
      named = { fn: node.callFrame.functionName || "(anonymous)", location: locate(node.callFrame, maps) };
      names.set(node.id, named);
    }
    return named;
  };

  /** Top self time inside the windows (all of the profile by default), idle time left out. */
  function summarise(top = 20, windows: { fromUs: number; toUs: number }[] = [{ fromUs: Number.NEGATIVE_INFINITY, toUs: Number.POSITIVE_INFINITY }]): ProfileSummary {
    const self = new Map<string, { fn: string; location: string; us: number }>();
    let busyUs = 0;
    profile.samples.forEach((id, i) => {
      const at = stamps[i] ?? 0;
      if (!windows.some((w) => at >= w.fromUs && at <= w.toUs)) return;
      const node = byId.get(id);
      if (!node || node.callFrame.functionName === "(idle)") return;
      const delta = profile.timeDeltas[i] ?? 0;
      busyUs += delta;
      const { fn, location } = nameOf(node);
      const key = `${fn}|${location}`;
      const entry = self.get(key) ?? { fn, location, us: 0 };
      entry.us += delta;
      self.set(key, entry);
    });
    const rows = [...self.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ fn: e.fn, location: e.location, selfMs: Number((e.us / 1000).toFixed(1)), selfPct: Number(((e.us / Math.max(1, busyUs)) * 100).toFixed(1)) }));
    return { busyMs: Number((busyUs / 1000).toFixed(0)), rows };
  }
  return { summarise };
}
