import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoData } from "../../fixtures/demo/demo-data.ts";
import { createAuditService } from "../../server/audit/audit.service.ts";
import { createFileBlobStore } from "../../server/blobs/file-blob-store.ts";
import { createPdfInspector } from "../../server/documents/pdf-inspector.ts";
import { loadDemoData } from "../../server/demo/demo-loader.ts";
import { openSqliteStore } from "../../server/storage/sqlite/sqlite-store.ts";
import type { Store } from "../../server/storage/store.ts";
import { freePortNumber } from "./ports.ts";
import { ROOT, type ServerProcess, startServerProcess } from "./server-process.ts";

/**
 * Caseroom as the benchmark runs it: its own data folder (SQLite and files) holding the demo
 * data, `cases` more generated cases at Kingsbridge Magistrates' Court prosecuted by the demo CPS
 * area, and sessions made directly in the store (the cookie is what a signed-in browser holds),
 * started as `npm start` starts it with authentication, access control and persistence on.
 */
export type CaseroomFixture = {
  dataDir: string;
  /** Generated case ids, `bench-0000`…; each has one defendant `bench-0000-d`. */
  caseIds: string[];
  /** Cookie header of a session of Pat Cole (CPS): writes every case's prosecution notes. */
  prosecutorCookie: string;
  /** Cookie header of a session of Lee Adams (legal adviser, Kingsbridge): gives directions. */
  adviserCookie: string;
  /** One defence firm, user and session per generated case (when asked for): cookie by case id. */
  defenceCookies: Map<string, string>;
};

const PROSECUTOR = "pat.cole@cps.example";
const ADVISER = "lee.adams@court.example";
const COURT = "KBMC01";

export const SESSION_COOKIE = "caseroom_session";

export async function prepareCaseroom(options: { cases: number; defencePerCase?: boolean }): Promise<CaseroomFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "caseroom-bench-collab-"));
  const store = openSqliteStore(path.join(dataDir, "caseroom.sqlite"));
  const pdfInspector = createPdfInspector();
  try {
    const now = new Date();
    await loadDemoData({
      store,
      blobs: createFileBlobStore(path.join(dataDir, "blobs")),
      audit: createAuditService(() => now),
      pdfInspector,
      data: demoData,
      pdfDir: path.join(ROOT, "fixtures", "idpc"),
      now,
    });
    const prosecution = demoData.users.find((u) => u.id === PROSECUTOR)?.organisationId ?? "";
    const caseIds: string[] = [];
    const defenceCookies = new Map<string, string>();
    const at = now.toISOString();
    const session = async (tx: Store, userId: string) => {
      const token = randomBytes(32).toString("base64url");
      await tx.sessions.create({ idHash: createHash("sha256").update(token).digest("hex"), userId, createdAt: at, lastSeenAt: at });
      return `${SESSION_COOKIE}=${token}`;
    };
    let prosecutorCookie = "";
    let adviserCookie = "";
    await store.transaction(async (tx) => {
      for (let i = 0; i < options.cases; i++) {
        const id = `bench-${String(i).padStart(4, "0")}`;
        caseIds.push(id);
        await tx.cases.insert({ id, urn: `99KB${String(i).padStart(7, "0")}`, jurisdiction: "magistrates", courtCode: COURT, prosecutingOrganisationId: prosecution, status: "active", sentOn: null });
        await tx.defendants.insert({ id: `${id}-d`, caseId: id, firstName: "Bench", lastName: `Defendant${i}`, dateOfBirth: "1990-01-01", custody: "bail", custodyTimeLimit: null, bailConditions: null, interpreterLanguage: null });
        if (options.defencePerCase) {
          const organisationId = `bench-firm-${i}`;
          const userId = `defence-${i}@bench-firm.example`;
          await tx.organisations.upsert({ id: organisationId, name: `Bench Firm ${i}`, kind: "defence" });
          await tx.users.upsert({ id: userId, email: userId, displayName: `Bench Solicitor ${i}`, role: "defence", organisationId, courts: [] }, at);
          await tx.associations.insert({ id: `${id}-a`, defendantId: `${id}-d`, organisationId, startedAt: at, startedBy: ADVISER, endedAt: null, endedBy: null });
          defenceCookies.set(id, await session(tx, userId));
        }
      }
      prosecutorCookie = await session(tx, PROSECUTOR);
      adviserCookie = await session(tx, ADVISER);
    });
    return { dataDir, caseIds, prosecutorCookie, adviserCookie, defenceCookies };
  } finally {
    await pdfInspector.close();
    await store.close();
  }
}

export type CaseroomServer = ServerProcess & { url: string; origin: string };

/**
 * Start Caseroom on the prepared data folder (probe preloaded, pinned to core 0); `nodeArgs` go to
 * node before the script (e.g. `--cpu-prof`).
 */
export async function startCaseroom(fixture: CaseroomFixture, env: NodeJS.ProcessEnv = {}, options: { nodeArgs?: string[] } = {}): Promise<CaseroomServer> {
  const port = await freePortNumber();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServerProcess({
    args: [...(options.nodeArgs ?? []), "--import", "tsx", "server/main.ts"],
    // The workloads' hundreds of writers share one identity (Pat Cole), where in a court they would
    // be as many people: the per-user allowance (1,000 messages/s by default) is raised to match.
    env: { PORT: String(port), HOST: "127.0.0.1", BASE_URL: url, DATA_DIR: fixture.dataDir, LOG_LEVEL: "silent", DEMO_DATA: "false", COLLAB_USER_MESSAGES_PER_SECOND: "1000000", ...env },
    ready: async () => (await fetch(`${url}/readyz`)).ok,
  });
  return { ...server, url, origin: url };
}

/** The notes doc a prosecutor may write for a generated case (one room per case). */
export const caseroomRoom = (caseId: string) => `case/${caseId}/notes/team/prosecution`;
