import * as assert from "uvu/assert";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { computeDueDate, findTemplate } from "../../shared/domain/direction-templates.ts";
import { browserSuite, openPage } from "../helpers/browser.ts";
import { eventually, type TestServer } from "../helpers/test-server.ts";

const test = browserSuite("directions given and received live in Chromium");

const LIVE_MS = 5000;

type Party = { context: BrowserContext; page: Page; errors: string[] };

async function signInTo(browser: Browser, server: TestServer, name: string, returnTo: string): Promise<Party> {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(`${server.url}/auth/saml/login?returnTo=${returnTo}`);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await page.waitForURL(`${server.url}${returnTo}`);
  return { context, page, errors };
}

/** "2 January 2027", as the client and the server write a due date. */
function longDate(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

/** The ISO date a GOV.UK date input (found by its legend) holds. */
async function dateOf(page: Page, legend: string): Promise<string> {
  const group = page.getByRole("group", { name: legend });
  const part = async (label: string) => (await group.getByLabel(label, { exact: true }).inputValue()).padStart(2, "0");
  return `${await part("Year")}-${await part("Month")}-${await part("Day")}`;
}

function card(page: Page, text: string): Locator {
  return page.locator("article.app-direction", { has: page.getByRole("heading", { name: text, exact: true }) });
}

/** Marks the page, so that a test can tell it was never reloaded. */
async function mark(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
}
async function wasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
}

test("the legal adviser's directions reach the prosecution and the defence live; the defence's acknowledgement reaches the court", async ({ server, browser }) => {
  const TAB = "/cases/case-0002/directions";
  const pat = await signInTo(browser, server, "Pat Cole", TAB);
  const dan = await signInTo(browser, server, "Dan Reyes", TAB);
  for (const party of [pat, dan]) {
    await party.page.getByText("The court has not given any directions in this case yet.").waitFor();
    const tab = party.page.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Directions" });
    assert.is(await tab.getAttribute("aria-current"), "page");
    assert.is(await party.page.getByRole("link", { name: "Give directions" }).count(), 0, "only the court gives directions");
    await mark(party.page);
  }
  assert.match(await pat.page.title(), /^Directions – case 97KB2207126 – Caseroom$/);

  const lee = await signInTo(browser, server, "Lee Adams", TAB);
  await lee.page.getByRole("link", { name: "Give directions" }).click();
  await lee.page.waitForURL(`${server.url}${TAB}/new`);
  await lee.page.getByRole("heading", { level: 1, name: "Give directions" }).waitFor();

  // Nothing chosen: the error summary says so, and takes focus.
  await lee.page.getByRole("button", { name: "Give directions" }).click();
  const summary = lee.page.locator(".govuk-error-summary");
  await summary.getByText("Select a standard direction, or give a direction in your own words").waitFor();
  assert.ok(await summary.evaluate((el) => el === document.activeElement));
  assert.match(await lee.page.title(), /^Error: Give directions – case 97KB2207126 – Caseroom$/);

  // The standard directions of the magistrates' court, each with its placeholders shown.
  await lee.page.getByRole("group", { name: "Directions to the prosecution" }).waitFor();
  assert.is(await lee.page.getByLabel(/^Stage 1:/).count(), 0, "no Crown Court stages in the magistrates' court");
  await lee.page.getByLabel("The prosecution must serve the evidence on which it intends to rely by [due date].").check();
  await lee.page.getByLabel("Any defence statement must be served by [due date].").check();

  // The due dates follow from the dates the time limits run from (today unless changed).
  const notGuiltyPlea = await dateOf(lee.page, "Date of not guilty plea");
  const initialDisclosure = await dateOf(lee.page, "Date of initial disclosure");
  const evidenceDue = computeDueDate(findTemplate("mc-prosecution-evidence")!.due, { notGuiltyPlea }, { inCustody: false });
  const statementDue = computeDueDate(findTemplate("mc-defence-statement")!.due, { initialDisclosure }, { inCustody: false });
  assert.ok(evidenceDue && statementDue);
  const evidenceText = `The prosecution must serve the evidence on which it intends to rely by ${longDate(evidenceDue)}.`;
  const statementText = `Any defence statement must be served by ${longDate(statementDue)}.`;
  const preview = lee.page.locator(".app-direction-preview");
  await preview.getByText(evidenceText).waitFor();
  await preview.getByText(statementText).waitFor();
  // Each due date is shown, and can be changed, in its own date input.
  const evidenceChoice = lee.page.locator("#template-mc-prosecution-evidence-conditional");
  assert.is(await evidenceChoice.getByLabel("Year").inputValue(), evidenceDue.slice(0, 4));
  assert.is(await evidenceChoice.getByLabel("Who must comply").inputValue(), "prosecution");
  assert.is(await lee.page.locator("#template-mc-defence-statement-party").inputValue(), "defence");
  assert.equal(await lee.page.locator("#template-mc-defence-statement-party option").allTextContents(), [
    "Prosecution",
    "Defence (all defendants)",
    "Defence of Jade Whitlock",
    "All parties",
    "Court",
  ]);

  // A direction in the court's own words, left empty, is an error against each field.
  await lee.page.getByLabel("Give a direction in your own words").check();
  await lee.page.getByRole("button", { name: "Give directions" }).click();
  await summary.getByRole("link", { name: "Enter the direction" }).waitFor();
  await summary.getByRole("link", { name: "Select who must comply" }).waitFor();
  await lee.page.getByLabel("Give a direction in your own words").uncheck();

  const givenAt = Date.now();
  await lee.page.getByRole("button", { name: "Give directions" }).click();
  await lee.page.waitForURL(`${server.url}${TAB}`);
  await lee.page.getByText("2 directions given").waitFor();

  // Both directions reach the prosecution and the defence at once, without a reload.
  for (const party of [pat, dan]) {
    const evidence = card(party.page, evidenceText);
    const statement = card(party.page, statementText);
    await evidence.waitFor({ timeout: LIVE_MS });
    await statement.waitFor({ timeout: LIVE_MS });
    assert.match((await evidence.textContent()) ?? "", `Due ${longDate(evidenceDue)}`);
    assert.match((await evidence.textContent()) ?? "", "Prosecution");
    assert.match((await evidence.textContent()) ?? "", "CrimPR 2020 r.3.16");
    assert.match((await statement.textContent()) ?? "", `Due ${longDate(statementDue)}`);
    assert.match((await statement.textContent()) ?? "", "Defence (all defendants)");
    assert.ok(await wasNotReloaded(party.page));
    // The news shows too, linking to the case's directions.
    const news = party.page.locator(".app-direction-news");
    await news.getByText(`New direction in 97KB2207126: ${evidenceText}`).waitFor();
  }
  assert.ok(Date.now() - givenAt < LIVE_MS + 5000);
  // Earliest due first.
  const order = await pat.page.locator("article.app-direction h3").allTextContents();
  assert.equal(order, statementDue <= evidenceDue ? [statementText, evidenceText] : [evidenceText, statementText]);

  // Each client's receipt is recorded.
  await eventually(async () => {
    const receipts = await server.deps.store.directions.receipts("case-0002");
    const users = new Set(receipts.map((r) => r.userId));
    return users.has("pat.cole@cps.example") && users.has("dan.reyes@reyes-law.example") && receipts.length >= 4 ? true : undefined;
  });

  // The prosecution must comply with the evidence direction, not with the defence statement.
  await card(pat.page, evidenceText).getByText("Mark as complied with").first().waitFor();
  assert.is(await card(pat.page, statementText).getByText("Mark as complied with").count(), 0);

  // Dan acknowledges the defence statement; Lee sees it without a reload.
  await mark(lee.page);
  const danStatement = card(dan.page, statementText);
  await danStatement.getByRole("button", { name: `Acknowledge the direction: ${statementText}` }).click();
  await danStatement.getByText(/^Acknowledged by Reyes Law LLP on \d{1,2} \w+ \d{4} at /).waitFor();
  assert.is(await danStatement.getByRole("button", { name: /^Acknowledge/ }).count(), 0);
  const leeStatement = card(lee.page, statementText);
  await leeStatement.getByText(/^Acknowledged by Reyes Law LLP on \d{1,2} \w+ \d{4} at /).waitFor({ timeout: LIVE_MS });
  assert.ok(await wasNotReloaded(lee.page));
  // The court acknowledges nothing; the prosecution has not acknowledged yet.
  assert.is(await lee.page.getByRole("button", { name: /^Acknowledge/ }).count(), 0);
  assert.is(await card(pat.page, statementText).getByRole("button", { name: /^Acknowledge/ }).count(), 1);
  await card(pat.page, statementText).getByText(/^Acknowledged by Reyes Law LLP/).waitFor({ timeout: LIVE_MS });

  // The prosecution says it has complied; the court sees it at once.
  const patEvidence = card(pat.page, evidenceText);
  await patEvidence.getByText("Mark as complied with").first().click();
  await patEvidence.getByRole("button", { name: "Mark as complied with" }).click();
  await pat.page.locator(".govuk-error-summary").getByRole("link", { name: "Enter what was done to comply with the direction" }).waitFor();
  await patEvidence.getByLabel("What was done to comply").fill("Served the evidence bundle on the defence by CJSM.");
  await patEvidence.getByRole("button", { name: "Mark as complied with" }).click();
  await patEvidence.locator(".govuk-tag", { hasText: "Complied" }).waitFor();
  assert.is(await pat.page.locator(".govuk-error-summary").count(), 0);
  const leeEvidence = card(lee.page, evidenceText);
  await leeEvidence.getByText(/^Complied with by CPS Wessex on /).waitFor({ timeout: LIVE_MS });
  await leeEvidence.getByText("Served the evidence bundle on the defence by CJSM.").waitFor();

  for (const party of [pat, dan, lee]) {
    assert.equal(party.errors, []);
    await party.context.close();
  }
});

test("the judge gives the Stage 1 direction in the Crown Court: 50 days from sending with a defendant in custody", async ({ server, browser }) => {
  const TAB = "/cases/case-0001/directions";
  const pat = await signInTo(browser, server, "Pat Cole", TAB);
  await pat.page.getByText("The court has not given any directions in this case yet.").waitFor();
  await mark(pat.page);

  const judge = await signInTo(browser, server, "HHJ Morgan", `${TAB}/new`);
  await judge.page.getByLabel("Stage 1: the prosecution must serve its case and comply with initial disclosure by [due date].").check();
  // The date it runs from is the sending, from the case.
  assert.is(await dateOf(judge.page, "Date sent to the Crown Court"), "2026-11-13");
  assert.is(computeDueDate(findTemplate("cc-stage-1")!.due, { sending: "2026-11-13" }, { inCustody: true }), "2027-01-02");
  const text = "Stage 1: the prosecution must serve its case and comply with initial disclosure by 2 January 2027.";
  await judge.page.locator(".app-direction-preview").getByText(text).waitFor();
  await judge.page.getByRole("button", { name: "Give directions" }).click();
  await judge.page.waitForURL(`${server.url}${TAB}`);
  await judge.page.getByText("1 direction given").waitFor();

  const stage1 = card(pat.page, text);
  await stage1.waitFor({ timeout: LIVE_MS });
  assert.match((await stage1.textContent()) ?? "", "Due 2 January 2027");
  assert.ok(await wasNotReloaded(pat.page));
  await pat.page.locator(".app-direction-news").getByText(`New direction in 97CB0418326: ${text}`).waitFor();

  for (const party of [pat, judge]) {
    assert.equal(party.errors, []);
    await party.context.close();
  }
});

test.run();
