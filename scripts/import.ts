/**
 * `npm run import -- FILE [--dry-run] [--as USER_ID]`: bulk-import cases (FILE.json, `{"cases":[…]}`)
 * or a court list of hearings (FILE.csv) into the store the server is configured with, as
 * `POST /api/imports` does, all or nothing. Acts as the operator (recorded in the audit as
 * `operator:import`) unless `--as` names a user, whose access then applies. Prints the summary, or
 * every problem. Exit 0 imported, 1 problems, 2 bad usage or configuration. Connected browsers
 * hear of the changes when they next load the case (the CLI has no socket server).
 */
import fs from "node:fs";
import { translator } from "../shared/i18n/i18n.ts";
import { problemText } from "../shared/i18n/problem-text.ts";
import { randomUUID } from "node:crypto";
import { partyOf } from "../shared/policy/party.ts";
import { IMPORT_MAX_BYTES } from "../shared/schemas/import.schema.ts";
import { createAuditService } from "../server/audit/audit.service.ts";
import { createImportService } from "../server/cases/import.service.ts";
import { loadConfig } from "../server/config.ts";
import { openConfiguredStore } from "../server/operations/configured-store.ts";
import { OperationError } from "../server/operations/operation-error.ts";
import { parseCommandLine, runOperation, say } from "../server/operations/operation-runner.ts";

const USAGE = "npm run import -- FILE.json|FILE.csv [--dry-run] [--as USER_ID]";

await runOperation("import", async () => {
  const { values, positionals } = parseCommandLine(
    { options: { "dry-run": { type: "boolean", default: false }, as: { type: "string" } }, allowPositionals: true },
    USAGE,
  );
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new OperationError(`Name one file.\nUsage: ${USAGE}`, 2);
  const isCsv = /\.csv$/i.test(file);
  if (!isCsv && !/\.json$/i.test(file)) throw new OperationError(`The file must end in .json or .csv.\nUsage: ${USAGE}`, 2);
  if (!fs.existsSync(file)) throw new OperationError(`No file at ${file}.`, 2);
  if (fs.statSync(file).size > IMPORT_MAX_BYTES) throw new OperationError(`The file is larger than ${IMPORT_MAX_BYTES} bytes.`, 2);
  const text = fs.readFileSync(file, "utf8");

  const opened = await openConfiguredStore(loadConfig());
  try {
    const store = opened.store;
    let authority = { actor: { id: "operator:import", role: "court-staff" as const, party: "court" as const, organisationId: "operator", courts: [] as string[] }, isOperator: true };
    if (values.as !== undefined) {
      const user = await store.users.get(values.as);
      if (!user) throw new OperationError(`No user ${values.as} has signed in to this Caseroom.`, 2);
      authority = { actor: { id: user.id, role: user.role, party: partyOf(user), organisationId: user.organisationId, courts: user.courts } as typeof authority.actor, isOperator: false };
    }
    const clock = () => new Date();
    const imports = createImportService({
      store,
      clock,
      ids: randomUUID,
      audit: createAuditService(clock),
      realtime: { caseUpdated: () => undefined, accessChanged: async () => undefined },
    });
    const work = { isDryRun: values["dry-run"] === true };
    const result = isCsv ? await imports.importHearings(authority, text, work) : await imports.importCases(authority, text, work);
    if (!result.isValid) {
      say(`${result.problems.length} problem(s); nothing was imported:`);
      for (const p of result.problems) {
        const where = [p.line === undefined ? "" : `line ${p.line}`, p.index === undefined ? "" : `case ${p.index}`, p.urn ?? ""].filter(Boolean).join(", ");
        say(`  ${where || "file"}: ${p.field || "(file)"}: ${problemText(translator("en"), p.message, p.values)}`);
      }
      return 1;
    }
    const { summary } = result;
    say(`${summary.isDryRun ? "Dry run (nothing written): would create" : "Created"} ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}.`);
    for (const c of summary.cases) say(`  ${c.urn} ${c.outcome} ${c.caseId}`);
    return 0;
  } finally {
    await opened.close();
  }
});
