import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { suite, type Test } from "uvu";
import * as assert from "uvu/assert";
import { checkPage } from "./accessibility.ts";
import { startTestServer, type TestServer } from "./test-server.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The system Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

const SIGNED_OUT_PROBES = new Set(["/api/me"]);

/**
 * A page that records console errors and uncaught page errors for the test to assert on.
 * Chromium logs every 4xx response as a console error; the one 401 it expects while signed out
 * (the client asking `/api/me` who is signed in) is matched to that response and not counted.
 */
export async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  let expected401s = 0;
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 401 && SIGNED_OUT_PROBES.has(new URL(response.url()).pathname)) expected401s += 1;
    else if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (/status of 401/.test(text) && expected401s > 0) {
      expected401s -= 1;
      return;
    }
    errors.push(/Failed to load resource/.test(text) && failed.length ? `${text} [${failed.join(", ")}]` : text);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

/**
 * A uvu suite with a real server on loopback and one Chromium for all its tests, both stopped at
 * the end. `serverOptions` go to `startTestServer`.
 */
export function browserSuite(name: string, serverOptions: Parameters<typeof startTestServer>[0] = {}): Test<{ server: TestServer; browser: Browser }> {
  const test = suite<{ server: TestServer; browser: Browser }>(name, {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
  });
  test.before(async (context) => {
    context.server = await startTestServer(serverOptions);
    context.browser = await launchBrowser();
  });
  test.after(async ({ server, browser }) => {
    await browser?.close();
    await server?.close();
  });
  return test;
}

/** Sign in as a demo user through the development IdP's chooser, landing on `returnTo`. */
export async function signInAs(page: Page, server: TestServer, name: string, returnTo: string): Promise<void> {
  await page.goto(`${server.url}/auth/saml/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await page.waitForURL(`${server.url}${returnTo}`);
}

/** Fill the GOV.UK date input whose inputs are `<id>-day`, `<id>-month` and `<id>-year`. */
export async function fillDateInput(page: Page, id: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split("-");
  await page.locator(`#${id}-day`).fill(String(Number(day)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year ?? "");
}

/**
 * The GOV.UK error summary a refused form shows: it lists exactly `messages`, has the focus, passes
 * the accessibility checks (as `pageName`), and its first link moves the focus to `fieldId`.
 */
export async function expectErrorSummary(page: Page, messages: string[], fieldId: string, pageName: string): Promise<void> {
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.equal(await summary.locator("li").allTextContents(), messages);
  assert.ok(await summary.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)), "the summary has the focus");
  await checkPage(page, pageName);
  await summary.getByRole("link", { name: messages[0] }).click();
  assert.ok(await page.locator(`#${fieldId}`).evaluate((el) => el === document.activeElement), `the link moves the focus to #${fieldId}`);
}

/** Sam Ortiz (court staff) signed in, on "Create a case" reached from the cases page, as a user gets there. */
export async function openCreateCase(browser: Browser, server: TestServer): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(await browser.newContext());
  await signInAs(opened.page, server, "Sam Ortiz", "/cases");
  await opened.page.getByRole("link", { name: "Create a case" }).click();
  await opened.page.waitForURL(`${server.url}/cases/new`);
  await opened.page.getByRole("heading", { level: 1, name: "Create a case" }).waitFor();
  return opened;
}
