import * as assert from "uvu/assert";
import { suite } from "uvu";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, openPage } from "../helpers/browser.ts";
import {
  createTestDatabase,
  type Instance,
  servicesMissing,
  startInstance,
  startRedis,
  stopAll,
  type TestDatabase,
  type TestRedis,
} from "../helpers/cluster.ts";

/**
 * Two instances started as `npm start` starts them, with DATABASE_URL and REDIS_URL, used
 * interchangeably in Chromium: sign in on one, carry on on the other, see each other's edits live.
 */
type Context = { a: Instance; b: Instance; redis: TestRedis; database: TestDatabase; browser: Browser };
const test = suite<Context>("two instances used interchangeably in Chromium", {} as Context);
const missing = await servicesMissing();

test.before(async (context) => {
  if (missing) return;
  context.database = await createTestDatabase();
  context.redis = await startRedis();
  context.a = await startInstance({ databaseUrl: context.database.url, redisUrl: context.redis.url });
  context.b = await startInstance({ databaseUrl: context.database.url, redisUrl: context.redis.url });
  context.browser = await launchBrowser();
});

test.after(async ({ a, b, redis, database, browser }) => {
  await browser?.close();
  await stopAll([a, b], redis, database);
});

const FORMS = "/cases/case-0002/forms";
const TIME_ESTIMATE = "Time estimate for the prosecution case";
const REAL_ISSUES = "Real issues in the case";
const DEFENCE = "defence:def-0003";

async function signInOn(page: Page, instance: Instance, name: string, returnTo: string) {
  await page.goto(`${instance.url}/auth/saml/login?returnTo=${returnTo}`);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await page.waitForURL(`${instance.url}${returnTo}`);
}

async function showPart(page: Page, title: string, key: string) {
  await page.getByRole("navigation", { name: "Parts of the form" }).getByRole("link", { name: title, exact: true }).click();
  await page.locator(`section.app-form-part[data-part="${key}"][data-synced="true"]`).waitFor();
}

const waitForValue = (page: Page, label: string, expected: string) =>
  page.waitForFunction(
    ([name, value]) => {
      const label = [...document.querySelectorAll("label")].find((l) => l.textContent === name);
      const input = label ? (document.getElementById(label.htmlFor) as HTMLInputElement | HTMLTextAreaElement | null) : null;
      return input?.value === value;
    },
    [label, expected] as const,
    { timeout: 5_000 },
  );

if (missing) {
  if (process.env.CI === "true") test("PostgreSQL and Redis are available", () => assert.unreachable(missing));
  else process.stderr.write(`scale-out browser test skipped: ${missing}\n`);
} else {
  test("a PET started on A is filled in on A and B at once; each side sees the other live, and a session works on both", async ({ a, b, browser }) => {
    const lee = await openPage(await browser.newContext());
    const pat = await openPage(await browser.newContext());
    const dan = await openPage(await browser.newContext());

    // The legal adviser starts the PET on instance A.
    await signInOn(lee.page, a, "Lee Adams", FORMS);
    await lee.page.getByRole("button", { name: "Create PET" }).click();
    await lee.page.waitForURL(new RegExp(`${FORMS}/[^/?]+$`));
    const formPath = new URL(lee.page.url()).pathname;

    // The prosecutor works on B, the defence on A.
    await signInOn(pat.page, b, "Pat Cole", formPath);
    await pat.page.locator('section.app-form-part[data-part="prosecution"][data-synced="true"]').waitFor();
    await signInOn(dan.page, a, "Dan Reyes", formPath);
    await dan.page.locator(`section.app-form-part[data-part="${DEFENCE}"][data-synced="true"]`).waitFor();

    await Promise.all([
      pat.page.getByRole("textbox", { name: TIME_ESTIMATE }).pressSequentially("2 days"),
      dan.page.getByRole("textbox", { name: REAL_ISSUES }).pressSequentially("Identity."),
    ]);
    await pat.page.locator('section.app-form-part[data-part="prosecution"] .app-collab-status[data-status="saved"]').waitFor({ timeout: 5_000 });
    await dan.page.locator(`section.app-form-part[data-part="${DEFENCE}"] .app-collab-status[data-status="saved"]`).waitFor({ timeout: 5_000 });

    // Each sees the other's part, typed through the other instance, live.
    await showPart(dan.page, "Prosecution", "prosecution");
    await waitForValue(dan.page, TIME_ESTIMATE, "2 days");
    await showPart(pat.page, "Defence for Jade Whitlock", DEFENCE);
    await waitForValue(pat.page, REAL_ISSUES, "Identity.");
    const box = pat.page.getByRole("textbox", { name: REAL_ISSUES });
    assert.is(await box.getAttribute("readonly"), "", "still read only for the prosecution on B");

    // Pat goes to instance A without signing in again and finds her answer there.
    const patOnA = await openPage(pat.page.context());
    await patOnA.page.goto(`${a.url}${formPath}`);
    await patOnA.page.locator('section.app-form-part[data-part="prosecution"][data-synced="true"]').waitFor();
    assert.is(await patOnA.page.getByRole("textbox", { name: TIME_ESTIMATE }).inputValue(), "2 days");
    // ...and carries on typing there, seen on B in her first tab.
    const onA = patOnA.page.getByRole("textbox", { name: TIME_ESTIMATE });
    await onA.click();
    await onA.press("End");
    await onA.pressSequentially(", 3 witnesses");
    await showPart(pat.page, "Prosecution", "prosecution");
    await waitForValue(pat.page, TIME_ESTIMATE, "2 days, 3 witnesses");

    for (const { errors } of [lee, pat, dan, patOnA]) assert.equal(errors, []);
  });
}

test.run();
