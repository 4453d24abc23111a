import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { addCalendarDays, londonDateTime } from "../../shared/domain/calendar.ts";
import { checkPage } from "../helpers/accessibility.ts";
import { browserSuite, expectErrorSummary, fillDateInput, openCreateCase, openPage, signInAs } from "../helpers/browser.ts";

const test = browserSuite("court staff create a case in Chromium and list it");

const URN = "52KB0099926";
const HEARING_DATE = addCalendarDays(londonDateTime(new Date()).date, 7);


type Person = { firstName: string; lastName: string; dateOfBirth: string; offence: { code: string; title: string } };

async function fillDefendant(page: Page, index: number, person: Person) {
  const id = (name: string) => `#defendants-${index}-${name}`;
  await page.locator(id("firstName")).fill(person.firstName);
  await page.locator(id("lastName")).fill(person.lastName);
  await fillDateInput(page, `defendants-${index}-dateOfBirth`, person.dateOfBirth);
  await page.locator(id("custody")).check();
  const offence = (name: string) => id(`offences-0-${name}`);
  await page.locator(offence("code")).fill(person.offence.code);
  await page.locator(offence("title")).fill(person.offence.title);
  await page.locator(offence("wording")).fill("On 3 November 2026 at Kingsbridge stole food worth £12.");
  await page.locator(offence("legislation")).fill("Theft Act 1968, s.1");
  await fillDateInput(page, `defendants-${index}-offences-0-startDate`, "2026-11-03");
  await page.locator(offence("modeOfTrial")).check();
}

test("court staff create a case with two defendants, find it on the court list, edit its details, and the defence gets access", async ({ server, browser }) => {
  const { page, errors } = await openCreateCase(browser, server);
  await checkPage(page, "case-intake-create");

  await page.getByLabel("Unique reference number (URN)").fill(URN);
  await fillDefendant(page, 0, { firstName: "Tamsin", lastName: "Vellacott", dateOfBirth: "1994-07-19", offence: { code: "TH68010", title: "Theft from a shop" } });
  await page.getByRole("button", { name: "Add another defendant" }).click();
  await fillDefendant(page, 1, { firstName: "Owen", lastName: "", dateOfBirth: "1990-02-14", offence: { code: "th68010", title: "Theft from a shop" } });
  await fillDateInput(page, "hearing-date", HEARING_DATE);
  await page.locator("#hearing-startTime").fill("10:00");
  await page.locator("#hearing-courtroom").fill("2");
  await page.getByRole("button", { name: "Create case" }).click();

  // The missing surname: an error summary that takes focus and links to the field.
  await expectErrorSummary(page, ["Enter the last name"], "defendants-1-lastName", "case-intake-create-errors");

  await page.locator("#defendants-1-lastName").fill("Brannock");
  await page.getByRole("button", { name: "Create case" }).click();
  await page.waitForURL(/\/cases\/(?!new)[^/]+$/);
  const caseUrl = page.url();
  assert.is(await page.getByRole("heading", { level: 1 }).textContent(), URN);
  await page.getByRole("heading", { level: 2, name: "Tamsin Vellacott" }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Owen Brannock" }).waitFor();

  // A hearing listed elsewhere (here straight through the API): the open overview shows it on
  // the server's `case:updated`, without a reload.
  const caseId = new URL(caseUrl).pathname.split("/").pop() ?? "";
  const hearings = page.locator("main table", { hasText: "First hearing" });
  assert.is(await hearings.locator("tbody tr").count(), 1);
  const status = await page.evaluate(async ([id, date]) => {
    const response = await fetch(`/api/cases/${id}/hearings`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Requested-With": "caseroom" },
      body: JSON.stringify({ date, startTime: "14:00", type: "trial" }),
    });
    return response.status;
  }, [caseId, addCalendarDays(HEARING_DATE, 28)] as const);
  assert.is(status, 201);
  await hearings.locator("tbody tr", { hasText: "Trial" }).waitFor();

  await page.getByRole("link", { name: "Court list" }).click();
  await page.waitForURL(`${server.url}/court-list`);
  await fillDateInput(page, "date", HEARING_DATE);
  await page.getByRole("button", { name: "Show hearings" }).click();
  await page.waitForURL(`${server.url}/court-list?date=${HEARING_DATE}`);
  const row = page.locator("main table tr", { hasText: URN });
  await row.waitFor();
  assert.match((await row.textContent()) ?? "", /Tamsin Vellacott, Owen Brannock/);
  await checkPage(page, "case-intake-court-list");
  await row.getByRole("link", { name: URN }).click();
  await page.waitForURL(caseUrl);
  await page.getByRole("heading", { level: 2, name: "Owen Brannock" }).waitFor();

  // Edit case details: Owen is bailed with conditions, and the overview shows it.
  await page.getByRole("link", { name: "Edit case details" }).click();
  await page.waitForURL(`${caseUrl}/edit`);
  await page.getByRole("heading", { level: 1, name: "Edit case details" }).waitFor();
  await checkPage(page, "case-intake-edit");
  await page.locator("#defendants-1-custody-2").check();
  await page.getByLabel("Bail conditions (optional)").nth(1).fill("Reside at 4 Quay Street, Kingsbridge.");
  await page.getByLabel("Plea to Theft from a shop").first().selectOption("not-guilty");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(caseUrl);
  const owen = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Owen Brannock" }) });
  await owen.getByText("Reside at 4 Quay Street, Kingsbridge.").waitFor();
  await owen.getByText("On bail").waitFor();
  const tamsin = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Tamsin Vellacott" }) });
  await tamsin.locator("td", { hasText: "Not guilty" }).waitFor();

  // Someone else changes Tamsin's record while Sam edits it: his save is refused as stale, the
  // form shows the latest details, and nothing of his is written over theirs.
  await page.getByRole("link", { name: "Edit case details" }).click();
  await page.getByLabel("Interpreter language (optional)").first().fill("Polish");
  const patched = await page.evaluate(async (id) => {
    const detail = await (await fetch(`/api/cases/${id}`)).json();
    const defendant = detail.defendants.find((d: { lastName: string }) => d.lastName === "Vellacott");
    const response = await fetch(`/api/defendants/${defendant.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "X-Requested-With": "caseroom", "If-Match": `"${defendant.version}"` },
      body: JSON.stringify({ interpreterLanguage: "Welsh" }),
    });
    return response.status;
  }, caseId);
  assert.is(patched, 200);
  await page.getByRole("button", { name: "Save changes" }).click();
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.match((await summary.textContent()) ?? "", /Someone else changed the details of Tamsin Vellacott/);
  assert.is(await page.getByLabel("Interpreter language (optional)").first().inputValue(), "Welsh");
  await page.getByRole("link", { name: "Cancel" }).click();
  await page.waitForURL(caseUrl);
  await tamsin.getByText("Welsh").waitFor();
  // The stale save is the one failed request the browser reports.
  assert.equal(errors.length, 1);
  assert.match(errors[0] ?? "", /status of 412 .*\/api\/defendants\//);
  await page.context().close();

  const dan = await browser.newContext();
  const defence = await openPage(dan);
  await signInAs(defence.page, server, "Dan Reyes", "/cases/access");
  await defence.page.getByLabel("URN", { exact: true }).fill(URN);
  await defence.page.getByLabel("Defendant's surname").fill("Brannock");
  await fillDateInput(defence.page, "dateOfBirth", "1990-02-14");
  await defence.page.getByRole("button", { name: "Get access" }).click();
  await defence.page.waitForURL(caseUrl);
  await defence.page.getByText("You now have access to this case").waitFor();
  await defence.page.getByRole("heading", { level: 2, name: "Owen Brannock" }).waitFor();
  assert.equal(defence.errors, []);
  await dan.close();
});

test.run();
