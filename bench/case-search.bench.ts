/**
 * Case search at scale (issue: find a case): 100,000 generated cases with 1.5 defendants each in
 * a real SQLite file, searched in-process through the case service exactly as the API does.
 * Targets: URN lookup p95 ≤ 5 ms; surname + date of birth p95 ≤ 20 ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Actor } from "../shared/policy/access-policy.ts";
import { createAuditService } from "../server/audit/audit.service.ts";
import { createCaseService } from "../server/cases/case.service.ts";
import { openSqliteStore } from "../server/storage/sqlite/sqlite-store.ts";

export type SearchBenchResult = { name: string; samples: number; p50Ms: number; p95Ms: number; p99Ms: number; targetMs: number; met: boolean };

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const SAMPLES = 2000;
const SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Walker", "Thompson", "Evans", "Roberts", "Khan", "Lewis", "Hughes", "Edwards", "Green", "Hall"];
const FIRST = ["Alex", "Sam", "Jordan", "Chris", "Jamie", "Morgan", "Taylor", "Casey", "Robin", "Avery"];

/** A deterministic pseudo-random sequence (mulberry32), so every run searches the same data. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function runCaseSearchBench(log: (line: string) => void = () => undefined): Promise<SearchBenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caseroom-bench-"));
  const store = openSqliteStore(path.join(dir, "bench.sqlite"));
  const rand = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const started = performance.now();
  const urns: string[] = [];
  const people: { surname: string; dob: string }[] = [];
  try {
    await store.transaction(async (tx) => {
      await tx.organisations.upsert({ id: "cps-bench", name: "CPS Bench", kind: "prosecution" });
      for (const code of ["BNMC01", "BNMC02", "BNCC01"]) {
        await tx.courts.upsert({ code, name: code, jurisdiction: code.includes("CC") ? "crown" : "magistrates", area: "Bench" });
      }
      for (let i = 0; i < CASES; i++) {
        const urn = `${String(10 + (i % 89)).padStart(2, "0")}BN${String(i).padStart(7, "0")}`;
        urns.push(urn);
        const caseId = `c${i}`;
        const court = pick(["BNMC01", "BNMC02", "BNCC01"]);
        await tx.cases.insert({ id: caseId, urn, jurisdiction: court === "BNCC01" ? "crown" : "magistrates", courtCode: court, prosecutingOrganisationId: "cps-bench", status: "active", sentOn: null });
        const defendants = i % 2 === 0 ? 1 : 2;
        for (let d = 0; d < defendants; d++) {
          const surname = `${pick(SURNAMES)}${pick(["", "son", "ley", "ford", "ton"])}`;
          const dob = `19${String(50 + Math.floor(rand() * 50))}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
          people.push({ surname, dob });
          await tx.defendants.insert({ id: `${caseId}-d${d}`, caseId, firstName: pick(FIRST), lastName: surname, dateOfBirth: dob, custody: "bail", custodyTimeLimit: null, bailConditions: null, interpreterLanguage: null });
        }
        const day = 1 + Math.floor(rand() * 28);
        await tx.hearings.insert({ id: `${caseId}-h`, caseId, courtCode: court, courtroom: null, date: `2027-0${1 + Math.floor(rand() * 9)}-${String(day).padStart(2, "0")}`, startTime: "10:00", type: "first-hearing" });
      }
    });
    log(`generated ${CASES} cases, ${people.length} defendants in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const cases = createCaseService({ store, clock: () => new Date("2026-11-27T10:00:00Z"), audit: createAuditService(() => new Date()) });
    const actor: Actor = { id: "p", role: "prosecutor", party: "prosecution", organisationId: "cps-bench", courts: [] };
    const measure = async (name: string, targetMs: number, query: () => Parameters<typeof cases.search>[1]) => {
      for (let i = 0; i < 100; i++) await cases.search(actor, query());
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const q = query();
        const t0 = performance.now();
        const result = await cases.search(actor, q);
        times.push(performance.now() - t0);
        if (result.cases.length === 0) throw new Error(`${name}: a search found nothing`);
      }
      times.sort((a, b) => a - b);
      const result = { name, samples: SAMPLES, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), p99Ms: percentile(times, 99), targetMs, met: percentile(times, 95) <= targetMs };
      log(`${name}: p50 ${result.p50Ms.toFixed(2)} ms, p95 ${result.p95Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms (target p95 ≤ ${targetMs} ms) ${result.met ? "met" : "MISSED"}`);
      return result;
    };
    return [
      await measure("URN lookup", 5, () => ({ urn: pick(urns) })),
      await measure("surname + date of birth", 20, () => {
        const person = pick(people);
        return { surname: person.surname, dateOfBirth: person.dob };
      }),
    ];
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
