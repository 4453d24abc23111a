import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { browserSuite, openPage } from "../helpers/browser.ts";
import type { TestServer } from "../helpers/test-server.ts";

const test = browserSuite("find a case and get access in Chromium");

async function signInAs(page: Page, server: TestServer, name: string) {
  await page.goto(`${server.url}/auth/saml/login?returnTo=/cases`);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await page.waitForURL(`${server.url}/cases`);
  await page.getByRole("heading", { level: 1 }).waitFor();
}

async function fillDate(page: Page, group: string, iso: string) {
  const [year, month, day] = iso.split("-");
  const fields = page.getByRole("group", { name: group });
  await fields.getByLabel("Day").fill(String(Number(day)));
  await fields.getByLabel("Month").fill(String(Number(month)));
  await fields.getByLabel("Year").fill(year ?? "");
}

test("the defence finds an unrepresented defendant's case, gets access and reads the overview; the other firm cannot", async ({ server, browser }) => {
  const dan = await browser.newContext();
  const { page, errors } = await openPage(dan);
  await signInAs(page, server, "Dan Reyes");

  // Searching by URN before access finds nothing, and says so without saying whether it exists.
  await page.getByLabel("URN", { exact: true }).fill("97kb 1234526");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("status").filter({ hasText: "No cases match your search" }).waitFor({ state: "attached" });
  assert.ok(await page.locator("main p.govuk-body", { hasText: "No cases match your search" }).isVisible());

  await page.getByRole("link", { name: "Get access to a case" }).click();
  await page.waitForURL(`${server.url}/cases/access`);
  await page.getByLabel("URN", { exact: true }).fill("97KB1234526");
  await page.getByLabel("Defendant's surname").fill("Quill");
  await fillDate(page, "Defendant's date of birth", "1990-02-15");
  await page.getByRole("button", { name: "Get access" }).click();
  // A wrong date of birth: the neutral message, in an error summary that takes focus.
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.match((await summary.textContent()) ?? "", /could not match those details/);
  assert.ok(await summary.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)));

  await fillDate(page, "Defendant's date of birth", "1990-02-14");
  await page.getByRole("button", { name: "Get access" }).click();
  await page.waitForURL(`${server.url}/cases/case-0004`);
  await page.getByText("You now have access to this case").waitFor();
  assert.is(await page.getByRole("heading", { level: 1 }).textContent(), "97KB1234526");
  await page.getByRole("heading", { level: 2, name: "Rowan Quill" }).waitFor();
  assert.match((await page.locator("main").textContent()) ?? "", /Reyes Law LLP/);
  // Only the expected 404 of the wrong date of birth reached the console.
  assert.equal(errors.filter((e) => !/status of 404 .*\/api\/associations/.test(e)), []);
  await dan.close();

  const amy = await browser.newContext();
  const other = await openPage(amy);
  await signInAs(other.page, server, "Amy Hart");
  // Her list of cases loads, and the case Dan just joined is not in it.
  await other.page.locator("main table").waitFor();
  assert.ok((await other.page.locator("main table a").count()) > 0);
  assert.is(await other.page.getByRole("link", { name: "97KB1234526" }).count(), 0);
  await other.page.goto(`${server.url}/cases/case-0004`);
  await other.page.getByRole("heading", { level: 1, name: "Case not found" }).waitFor();
  await amy.close();
});

test("the case search form is usable with the keyboard alone", async ({ server, browser }) => {
  const context = await browser.newContext();
  const { page } = await openPage(context);
  await signInAs(page, server, "Pat Cole");
  await page.getByLabel("Defendant's surname").focus();
  await page.keyboard.type("quill");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "97KB1234526" }).waitFor();
  await page.getByRole("link", { name: "97KB1234526" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(`${server.url}/cases/case-0004`);
  await context.close();
});

test.run();
