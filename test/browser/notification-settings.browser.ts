import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { checkPage } from "../helpers/accessibility.ts";
import { browserSuite, openPage, signInAs } from "../helpers/browser.ts";

const test = browserSuite("a signed-in user chooses how they get each kind of e-mail in Chromium");

/** The legend of each kind's choices, in the order of the page. */
const KINDS = [
  "New material served",
  "Directions given or varied",
  "Directions due soon or overdue",
  "Forms waiting for your sign-off",
  "Access to cases given or ended",
];

/** The label of the checked radio in each kind's fieldset, by legend. */
async function chosen(page: Page): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const kind of KINDS) {
    const group = page.getByRole("group", { name: kind, exact: true });
    const checked = group.locator("input[type=radio]:checked");
    assert.is(await checked.count(), 1, `one choice for ${kind}`);
    const id = await checked.getAttribute("id");
    result[kind] = ((await group.locator(`label[for="${id}"]`).textContent()) ?? "").trim();
  }
  return result;
}

test("Dan Reyes opens his e-mail settings from the header, changes two kinds, and they are kept", async ({ server, browser }) => {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await signInAs(page, server, "Dan Reyes", "/cases");

  await page.locator(".app-account").getByRole("link", { name: "E-mail settings" }).click();
  await page.waitForURL(`${server.url}/account/notifications`);
  await page.getByRole("heading", { level: 1, name: "E-mail settings" }).waitFor();
  assert.match(await page.title(), /^E-mail settings – Caseroom$/);
  await page.getByText("E-mails never contain the text of documents").waitFor();

  // Nothing chosen yet: every kind comes straight away.
  await page.getByRole("group", { name: KINDS[0], exact: true }).waitFor();
  assert.equal(await chosen(page), Object.fromEntries(KINDS.map((kind) => [kind, "Straight away"])));
  await checkPage(page, "notification-settings");

  await page.getByRole("group", { name: "New material served", exact: true }).getByLabel("In a daily summary").check();
  await page.getByRole("group", { name: "Access to cases given or ended", exact: true }).getByLabel("Do not send").check();
  const save = page.getByRole("button", { name: "Save settings" });
  // Hold the save's answer a moment to see the button disabled while it is on its way.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/api/me/notification-preferences", async (route) => {
    if (route.request().method() === "PUT") await held;
    await route.continue();
  });
  await save.click();
  await page.waitForFunction(() => document.querySelector<HTMLButtonElement>("main button[type=submit]")?.disabled === true);
  release();

  // The success banner takes the focus and says so.
  const banner = page.locator(".govuk-notification-banner--success");
  await banner.waitFor();
  assert.match((await banner.textContent()) ?? "", /Your e-mail settings have been saved/);
  await page.waitForFunction(() => document.activeElement?.classList.contains("govuk-notification-banner") === true);
  assert.is(await save.isEnabled(), true);
  await page.unroute("**/api/me/notification-preferences");
  await checkPage(page, "notification-settings-saved");

  const expected = {
    ...Object.fromEntries(KINDS.map((kind) => [kind, "Straight away"])),
    "New material served": "In a daily summary",
    "Access to cases given or ended": "Do not send",
  };
  assert.equal(await chosen(page), expected);

  // A reload reads them back from the server.
  await page.reload();
  await page.getByRole("group", { name: KINDS[0], exact: true }).waitFor();
  assert.equal(await banner.count(), 0);
  assert.equal(await chosen(page), expected);

  // And the server has them.
  const stored = await page.evaluate(async () => {
    const response = await fetch("/api/me/notification-preferences", { headers: { Accept: "application/json" } });
    return { status: response.status, body: await response.json() };
  });
  assert.equal(stored, {
    status: 200,
    body: {
      preferences: {
        "material-served": "digest",
        "direction-issued": "immediately",
        "direction-due": "immediately",
        "form-sign-off": "immediately",
        access: "off",
      },
    },
  });

  assert.equal(errors, []);
  await context.close();
});

test("signed out, the page asks the user to sign in", async ({ server, browser }) => {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(`${server.url}/account/notifications`);
  await page.getByRole("heading", { level: 1, name: "You need to sign in" }).waitFor();
  assert.is(await page.getByRole("radio").count(), 0);
  assert.is(await page.locator(".app-account").getByRole("link", { name: "E-mail settings" }).count(), 0);
  const signIn = page.locator("main").getByRole("link", { name: "Sign in" });
  assert.match((await signIn.getAttribute("href")) ?? "", /returnTo=\/account\/notifications$/);
  assert.equal(errors, []);
  await context.close();
});

test.run();
