import * as assert from "uvu/assert";
import type { Locator, Page } from "playwright-core";
import { assertReflows, checkPage, tabTo } from "../helpers/accessibility.ts";
import { browserSuite, openPage, signInAs } from "../helpers/browser.ts";

/**
 * The defence's whole journey with the keyboard alone, in a case it has no access to yet, while
 * the court works alongside it: sign in, find the case by URN, get access (through the error
 * summary first), read the IDPC, annotate it, answer its part of the PET, acknowledge a direction
 * the instant it is given, and download the bundle. Every page is checked with axe-core and
 * photographed; then each is checked again at 320 px wide and at 200% zoom.
 */
const test = browserSuite("the defence's journey, keyboard only, in Chromium");

// case-0004: magistrates' case at Kingsbridge (Lee Adams's court), Rowan Quill, unrepresented.
const CASE = "/cases/case-0004";
const URN = "97KB1234526";
const REAL_ISSUES = "Real issues in the case";
const NOTE = "Check the time on the CCTV against the 999 call.";
const ISSUES = "Identity: the defendant was elsewhere.";

/** Tab to `target` and press Enter, as a keyboard user follows a link or presses a button. */
async function activate(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press("Enter");
}

/** Tab to a text box and type into it. */
async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

/** The pages the journey visited, and what shows each is ready, to visit again at other sizes. */
const visited: { name: string; path: string; ready: string }[] = [];

async function visit(page: Page, name: string, ready = "main h1"): Promise<void> {
  await checkPage(page, name);
  visited.push({ name, path: new URL(page.url()).pathname + new URL(page.url()).search, ready });
}

const FIRST_PAGE_TEXT = '.app-pdf-page[aria-label="Page 1"] .textLayer span';

let formPath = "";

test("the court starts a PET on the case (the form the defence will answer)", async ({ server, browser }) => {
  const lee = await openPage(await browser.newContext());
  await signInAs(lee.page, server, "Lee Adams", `${CASE}/forms`);
  await lee.page.getByRole("button", { name: "Create PET" }).click();
  await lee.page.waitForURL(new RegExp(`${CASE}/forms/[^/?]+$`));
  formPath = new URL(lee.page.url()).pathname;
  assert.equal(lee.errors, []);
  await lee.page.context().close();
});

test("the defence signs in, finds, gets access, reads, annotates, answers, acknowledges and downloads with the keyboard alone", async ({ server, browser }) => {
  const dan = await openPage(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
  const { page } = dan;

  // Sign in at the (development) identity provider.
  await page.goto(`${server.url}/auth/saml/login?returnTo=/cases`);
  await checkPage(page, "defence-sign-in");
  await activate(page, page.getByRole("button", { name: "Sign in as Dan Reyes" }));
  await page.waitForURL(`${server.url}/cases`);
  await page.locator("main table").waitFor();
  await visit(page, "defence-cases");

  // The case is not his yet: a search by URN finds nothing, and says so.
  await typeInto(page, page.getByLabel("URN", { exact: true }), URN);
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "No cases match your search" }).waitFor({ state: "attached" });
  await visit(page, "defence-case-search-no-results");

  // Get access: submitting nothing shows the GOV.UK error summary, which takes the focus and
  // whose links take the focus to each field.
  await activate(page, page.getByRole("link", { name: "Get access to a case" }));
  await page.waitForURL(`${server.url}/cases/access`);
  await visit(page, "defence-get-access");
  await activate(page, page.getByRole("button", { name: "Get access" }));
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.ok(await summary.evaluate((el) => el === document.activeElement), "the error summary has the focus");
  await checkPage(page, "defence-get-access-errors");
  const firstError = summary.getByRole("link").first();
  await activate(page, firstError);
  assert.is(await page.evaluate(() => document.activeElement?.id), "urn", "the first error's link focuses the URN field");
  await page.keyboard.type(URN);
  await typeInto(page, page.getByLabel("Defendant's surname"), "Quill");
  const dateOfBirth = page.getByRole("group", { name: "Defendant's date of birth" });
  await typeInto(page, dateOfBirth.getByLabel("Day"), "14");
  await typeInto(page, dateOfBirth.getByLabel("Month"), "2");
  await typeInto(page, dateOfBirth.getByLabel("Year"), "1990");
  await page.keyboard.press("Enter");
  await page.waitForURL(`${server.url}${CASE}`);
  await page.getByText("You now have access to this case").waitFor();
  await page.getByRole("heading", { level: 2, name: "Rowan Quill" }).waitFor();
  await visit(page, "defence-case-overview");

  // Read the IDPC.
  const sections = page.getByRole("navigation", { name: "Case sections" });
  await activate(page, sections.getByRole("link", { name: "Documents" }));
  await page.waitForURL(`${server.url}${CASE}/documents`);
  const firstDocument = page.locator("main table tbody th a").first();
  await firstDocument.waitFor();
  await visit(page, "defence-documents");
  const title = (await firstDocument.textContent()) ?? "";
  await activate(page, firstDocument);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.locator(FIRST_PAGE_TEXT).first().waitFor();

  // Annotate it: a note on this page for the team.
  const panel = page.getByRole("complementary", { name: "Annotations" });
  await tabTo(page, panel.getByRole("radio", { name: "Only me" }));
  await page.keyboard.press("ArrowDown");
  assert.ok(await panel.getByRole("radio", { name: "My team" }).isChecked(), "arrow keys choose who sees the note");
  await activate(page, panel.getByRole("button", { name: "Add a note" }));
  await typeInto(page, panel.getByLabel(/^Note on page \d+$/), NOTE);
  await activate(page, panel.getByRole("button", { name: "Save note" }));
  await panel.getByRole("listitem").filter({ hasText: NOTE }).waitFor();
  await visit(page, "defence-document-viewer", FIRST_PAGE_TEXT);

  // Answer the defence's part of the PET, from the Forms tab.
  await activate(page, page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Documents" }));
  await page.waitForURL(`${server.url}${CASE}/documents`);
  await activate(page, sections.getByRole("link", { name: "Forms" }));
  await page.waitForURL(`${server.url}${CASE}/forms`);
  const formLink = page.getByRole("link", { name: "Preparation for effective trial (PET)" });
  await formLink.waitFor();
  await visit(page, "defence-forms");
  await activate(page, formLink);
  await page.waitForURL(`${server.url}${formPath}`);
  await page.locator('section.app-form-part[data-synced="true"]').waitFor();
  await typeInto(page, page.getByRole("textbox", { name: REAL_ISSUES }), ISSUES);
  await page.locator('section.app-form-part .app-collab-status[data-status="saved"]').waitFor({ timeout: 5000 });
  await visit(page, "defence-pet");

  // The court gives a direction; it reaches the defence while it is on another page.
  const lee = await openPage(await browser.newContext());
  await signInAs(lee.page, server, "Lee Adams", `${CASE}/directions/new`);
  const direction = "Any defence statement must be served by [due date].";
  await lee.page.getByLabel(direction).check();
  await lee.page.getByRole("button", { name: "Give directions" }).click();
  await lee.page.waitForURL(`${server.url}${CASE}/directions`);
  const news = page.locator(".app-direction-news");
  await news.waitFor({ timeout: 5000 });
  // The banner is above the form: back up to its link with Shift+Tab.
  await tabTo(page, news.getByRole("link", { name: /^Go to the directions/ }), { backwards: true });
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`${CASE}/directions`));
  const acknowledge = page.getByRole("button", { name: /^Acknowledge the direction: Any defence statement must be served by/ });
  await acknowledge.waitFor();
  await visit(page, "defence-directions");
  await activate(page, acknowledge);
  await page.locator("article.app-direction").getByText(/Acknowledged by Reyes Law/).first().waitFor();
  assert.is(await acknowledge.count(), 0);

  // Download the IDPC as one bundle.
  await activate(page, sections.getByRole("link", { name: "Documents" }));
  const bundle = page.getByRole("button", { name: "Download all as one PDF" });
  await bundle.waitFor();
  const download = page.waitForEvent("download");
  await activate(page, bundle);
  const file = await download;
  assert.ok(file.suggestedFilename().endsWith(".pdf"), file.suggestedFilename());
  assert.ok(await file.path(), "the bundle was saved");

  assert.equal(dan.errors, [], "no console errors in the defence's journey");
  assert.equal(lee.errors, []);
  await lee.page.context().close();
  await page.context().close();
});

test("every page of the journey reflows at 320 px wide and works at 200% zoom", async ({ server, browser }) => {
  assert.ok(visited.length >= 7, "the journey visited its pages");
  // 200% zoom of a 1280 × 800 screen is a 640 × 400 CSS viewport at two device pixels per pixel.
  for (const [label, options] of [
    ["320", { viewport: { width: 320, height: 640 } }],
    ["zoom-200", { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
  ] as const) {
    const dan = await openPage(await browser.newContext(options));
    await signInAs(dan.page, server, "Dan Reyes", "/cases");
    for (const { name, path, ready } of visited) {
      await dan.page.goto(`${server.url}${path}`);
      const heading = dan.page.getByRole("heading", { level: 1 });
      await heading.waitFor();
      await dan.page.locator(ready).first().waitFor();
      await assertReflows(dan.page, `${name}-${label}`);
      await checkPage(dan.page, `${name}-${label}`);
      // The page's heading and its primary action are reachable without scrolling sideways.
      const box = await heading.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= (label === "320" ? 320 : 640) + 1, `${name}: heading within the width`);
    }
    assert.equal(dan.errors, [], `no console errors at ${label}`);
    await dan.page.context().close();
  }
});

test.run();
