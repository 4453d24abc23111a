import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { addCalendarDays, londonDateTime } from "../../shared/domain/calendar.ts";
import { checkPage } from "../helpers/accessibility.ts";
import { browserSuite, openPage, signInAs } from "../helpers/browser.ts";

const test = browserSuite("court staff import cases from a file in Chromium");

const TODAY = londonDateTime(new Date()).date;

/** A new magistrates' case at Sam Ortiz's court, as `POST /api/cases` (and so an import) takes it. */
function newCase(urn: string, lastName: string, dateOfBirth = "1991-05-23") {
  return {
    urn,
    prosecutingOrganisationId: "cps-wessex",
    jurisdiction: "magistrates",
    courtCode: "KBMC01",
    defendants: [
      {
        firstName: "Rhian",
        lastName,
        dateOfBirth,
        custody: "bail",
        offences: [
          {
            code: "TH68010",
            title: "Theft from a shop",
            wording: "Stole food worth £12.",
            legislation: "Theft Act 1968, s.1",
            startDate: addCalendarDays(TODAY, -20),
            modeOfTrial: "either-way",
          },
        ],
      },
    ],
    hearings: [{ date: addCalendarDays(TODAY, 14), startTime: "10:00", type: "first-hearing" }],
  };
}

/** An import file as the user would pick it: `{"cases":[…]}`, pretty-printed so each case starts a line. */
function casesFile(name: string, cases: unknown[]) {
  const text = JSON.stringify({ cases }, null, 2);
  return { text, file: { name, mimeType: "application/json", buffer: Buffer.from(text) } };
}

/** Whether the signed-in user's case search finds a case with this URN. */
async function caseExists(page: Page, urn: string): Promise<boolean> {
  return page.evaluate(async (wanted) => {
    const response = await fetch(`/api/cases?urn=${wanted}`);
    const body = (await response.json()) as { cases: unknown[] };
    return body.cases.length > 0;
  }, urn);
}

const isDryRun = (url: URL) => url.pathname === "/api/imports" && url.searchParams.get("dryRun") === "true";

test("court staff check a file of two new cases, see what it would create, import it and open a case", async ({ server, browser }) => {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await signInAs(page, server, "Sam Ortiz", "/court-list");
  await page.getByRole("link", { name: "Import cases or a court list" }).click();
  await page.waitForURL(`${server.url}/imports`);
  await page.getByRole("heading", { level: 1, name: "Import cases or a court list" }).waitFor();

  const urns = ["71KB0000001", "71KB0000002"];
  const { file } = casesFile("new-cases.json", [newCase(urns[0] ?? "", "Pellow"), newCase(urns[1] ?? "", "Tregear")]);
  await page.getByLabel("Upload a file").setInputFiles(file);

  // The dry run is held back so the page can be seen while it runs.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    isDryRun,
    async (route) => {
      await held;
      await route.continue();
    },
    { times: 1 },
  );
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("status").filter({ hasText: "Checking the file…" }).waitFor();
  assert.ok(await page.getByRole("button", { name: "Check the file" }).isDisabled());
  release();

  await page.getByRole("heading", { level: 1, name: "Check what the import will change" }).waitFor();
  const count = (label: string) => page.locator(".govuk-summary-list__row", { hasText: label }).locator("dd").textContent();
  assert.equal([await count("Cases to create"), await count("Cases to update"), await count("Cases that will not change")], ["2", "0", "0"]);
  for (const urn of urns) {
    assert.is(await page.locator("main table tr", { hasText: urn }).locator("td").textContent(), "Will be created");
  }
  assert.is(await caseExists(page, urns[0] ?? ""), false, "a dry run creates nothing");
  await checkPage(page, "import-preview");

  await page.getByRole("button", { name: "Import the file" }).click();
  const banner = page.getByRole("alert").filter({ hasText: "The file has been imported" });
  await banner.waitFor();
  assert.match((await banner.textContent()) ?? "", /2 cases created.*0 cases updated.*0 cases not changed/);
  for (const urn of urns) {
    assert.is(await page.locator("main table tr", { hasText: urn }).locator("td").textContent(), "Created");
  }
  await checkPage(page, "import-done");

  await page.getByRole("link", { name: urns[0] }).click();
  await page.waitForURL(/\/cases\/[^/]+$/);
  assert.is(await page.getByRole("heading", { level: 1 }).textContent(), urns[0]);
  await page.getByRole("heading", { level: 2, name: "Rhian Pellow" }).waitFor();
  assert.ok(await caseExists(page, urns[1] ?? ""));
  assert.equal(errors, []);
  await context.close();
});

test("a file with one bad case is refused whole, its problem shown by line and field; a .txt file is refused before sending", async ({ server, browser }) => {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await signInAs(page, server, "Sam Ortiz", "/imports");
  await page.getByRole("heading", { level: 1, name: "Import cases or a court list" }).waitFor();

  const { text, file } = casesFile("bad-cases.json", [newCase("72KB0000001", "Pellow"), newCase("72KB0000002", "Tregear", addCalendarDays(TODAY, 30))]);
  const secondCaseLine = text.split("\n").flatMap((line, i) => (line === "    {" ? [i + 1] : []))[1];
  await page.getByLabel("Upload a file").setInputFiles(file);
  await page.getByRole("button", { name: "Check the file" }).click();

  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  const message = "The file has 1 problem. Nothing has been imported.";
  assert.equal(await summary.locator("li").allTextContents(), [message]);
  assert.ok(await summary.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)));
  const problems = page.locator("main table", { hasText: "Problems in the file" });
  assert.equal(await problems.locator("tbody tr").first().locator("td").allTextContents(), [
    String(secondCaseLine),
    "defendants[0].dateOfBirth",
    "date of birth cannot be in the future",
  ]);
  assert.is(await problems.locator("tbody tr").count(), 1);
  assert.match((await page.locator("#import-file-error").textContent()) ?? "", message);
  await checkPage(page, "import-problems");
  await summary.getByRole("link", { name: message }).click();
  assert.ok(await page.locator("#import-file").evaluate((el) => el === document.activeElement));
  assert.is(await caseExists(page, "72KB0000001"), false, "nothing of a refused file is imported");
  assert.is(await caseExists(page, "72KB0000002"), false);

  let sent = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/imports") sent += 1;
  });
  await page.getByLabel("Upload a file").setInputFiles({ name: "cases.txt", mimeType: "text/plain", buffer: Buffer.from("not a court list") });
  await page.getByRole("button", { name: "Check the file" }).click();
  const refusal = "The selected file must be a JSON or CSV file";
  await summary.getByRole("link", { name: refusal }).waitFor();
  assert.match((await page.locator("#import-file-error").textContent()) ?? "", refusal);
  assert.is(await problems.count(), 0, "the last file's problems are gone");
  assert.is(sent, 0, "the file never left the browser");
  // The one 400 is the refused import, which Chromium logs as a failed resource.
  assert.equal(errors.filter((e) => !/status of 400 .*\[400 \/api\/imports\]/.test(e)), []);
  await context.close();
});

test.run();
