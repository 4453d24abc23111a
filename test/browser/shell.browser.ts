import * as assert from "uvu/assert";
import { browserSuite, openPage } from "../helpers/browser.ts";

const test = browserSuite("client shell in Chromium");

test("the start page renders the GOV.UK shell with no console errors", async ({ server, browser }) => {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(`${server.url}/`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  assert.match((await page.locator("header").textContent()) ?? "", /Caseroom/);
  assert.ok(await page.locator("link[rel=stylesheet], style").count(), "styles loaded");
  const fontFamily = await page.evaluate(() => getComputedStyle(document.querySelector("h1") as Element).fontFamily);
  assert.match(fontFamily, /GDS Transport/);
  assert.ok(await page.getByRole("link", { name: /sign in/i }).first().isVisible());
  assert.equal(errors, []);
  await context.close();
});

test("the case list asks a signed-out user to sign in", async ({ server, browser }) => {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(`${server.url}/cases`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  const signIn = page.locator('main a[href^="/auth/saml/login"]');
  await signIn.first().waitFor();
  assert.match((await signIn.first().getAttribute("href")) ?? "", /returnTo=%2Fcases|returnTo=\/cases/);
  // The case list's own 401 is shown to the user as a message; it is the only error logged.
  assert.equal(errors, ["Failed to load resource: the server responded with a status of 401 (Unauthorized) [401 /api/cases]"]);
  await context.close();
});

test.run();
