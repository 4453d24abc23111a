import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { browserSuite, openPage, signInAs } from "../helpers/browser.ts";

const test = browserSuite("Presenting a document in Chromium", { env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });

const VIEWER = "/cases/case-0001/documents/doc-0001";


async function waitForPage1Text(page: Page) {
  await page.waitForFunction(() =>
    document.querySelector('.app-pdf-page[aria-label="Page 1"] .textLayer')?.textContent?.includes("CASE SUMMARY"),
  );
}

/** The viewer's "Page" box (the annotations panel has a "Page" filter too). */
const pageInput = (page: Page) =>
  page.getByRole("group", { name: "Document tools" }).getByRole("textbox", { name: "Page", exact: true });

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.unreachable(`timed out waiting for ${what}`);
}

const showsPage = (page: Page, number: number) => async () => (await pageInput(page).inputValue()) === String(number);

test("the judge presents; the parties follow page by page until they stop; a party cannot take over", async ({ server, browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [morgan, dan, pat] = await Promise.all(contexts.map((context) => openPage(context)));
  if (!morgan || !dan || !pat) throw new Error("pages not opened");

  await signInAs(dan.page, server, "Dan Reyes", "/cases/case-0001");
  await signInAs(pat.page, server, "Pat Cole", "/cases/case-0001/documents");
  await signInAs(morgan.page, server, "HHJ Morgan", VIEWER);
  await waitForPage1Text(morgan.page);

  await morgan.page.getByRole("button", { name: "Present this document" }).click();
  await morgan.page.getByRole("button", { name: "You are presenting — stop presenting" }).waitFor();
  // The presenter gets no banner about their own presentation.
  assert.is(await morgan.page.getByRole("region", { name: "Presentation" }).count(), 0);

  for (const follower of [dan, pat]) {
    const banner = follower.page.getByRole("region", { name: "Presentation" });
    await banner.getByText("HHJ Morgan is presenting MG5 case summary").waitFor();
    await banner.getByRole("button", { name: "Follow", exact: true }).click();
    await follower.page.waitForURL(`${server.url}${VIEWER}`);
    await waitForPage1Text(follower.page);
    await banner.getByRole("button", { name: "Stop following" }).waitFor();
  }

  // Morgan goes to page 3: both followers' viewers follow.
  await pageInput(morgan.page).fill("3");
  await pageInput(morgan.page).press("Enter");
  await eventually(showsPage(morgan.page, 3), "Morgan on page 3");
  await eventually(showsPage(dan.page, 3), "Dan's viewer on page 3");
  await eventually(showsPage(pat.page, 3), "Pat's viewer on page 3");
  await dan.page.getByRole("group", { name: "Page 3" }).waitFor();

  // Zoom travels too.
  await morgan.page.getByRole("button", { name: "Zoom in" }).click();
  const morganZoom = await morgan.page.locator(".app-pdf-toolbar__zoom").textContent();
  await eventually(async () => (await pat.page.locator(".app-pdf-toolbar__zoom").textContent()) === morganZoom, `Pat's zoom at ${morganZoom}`);

  // Moving by hand does not stop following: the presenter's next move brings Pat back.
  await pageInput(pat.page).fill("1");
  await pageInput(pat.page).press("Enter");
  await eventually(showsPage(pat.page, 1), "Pat on page 1 by hand");
  await pat.page.getByRole("region", { name: "Presentation" }).getByRole("button", { name: "Stop following" }).waitFor();

  // Dan stops following; Morgan goes to page 2: Pat follows to 2, Dan stays on 3.
  await dan.page.getByRole("button", { name: "Stop following" }).click();
  await dan.page.getByRole("region", { name: "Presentation" }).getByRole("button", { name: "Follow", exact: true }).waitFor();
  await morgan.page.getByRole("button", { name: "Previous page" }).click();
  await eventually(showsPage(morgan.page, 2), "Morgan on page 2");
  await eventually(showsPage(pat.page, 2), "Pat's viewer on page 2 with Morgan");
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.is(await pageInput(dan.page).inputValue(), "3", "Dan, no longer following, stays on page 3");

  // Pat (prosecution) cannot take over from the court.
  await pat.page.getByRole("button", { name: "Present this document" }).click();
  await pat.page.getByText("Someone else is presenting in this case. Only the court can take over.").waitFor();
  await pat.page.getByRole("region", { name: "Presentation" }).getByText("HHJ Morgan is presenting MG5 case summary").waitFor();

  // Morgan stops: the banners go.
  await morgan.page.getByRole("button", { name: "You are presenting — stop presenting" }).click();
  await morgan.page.getByRole("button", { name: "Present this document" }).waitFor();
  await dan.page.getByRole("region", { name: "Presentation" }).waitFor({ state: "detached" });
  await pat.page.getByRole("region", { name: "Presentation" }).waitFor({ state: "detached" });

  assert.equal(morgan.errors, []);
  assert.equal(dan.errors, []);
  assert.equal(pat.errors, []);
  await Promise.all(contexts.map((context) => context.close()));
});

test("the court takes over from a party; a presenter who leaves ends the presentation", async ({ server, browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [pat, morgan] = await Promise.all(contexts.map((context) => openPage(context)));
  if (!pat || !morgan) throw new Error("pages not opened");
  await signInAs(pat.page, server, "Pat Cole", VIEWER);
  await signInAs(morgan.page, server, "HHJ Morgan", VIEWER);
  await waitForPage1Text(pat.page);
  await waitForPage1Text(morgan.page);

  await pat.page.getByRole("button", { name: "Present this document" }).click();
  await morgan.page.getByRole("region", { name: "Presentation" }).getByText("Pat Cole is presenting MG5 case summary").waitFor();

  await morgan.page.getByRole("button", { name: "Present this document" }).click();
  await morgan.page.getByRole("button", { name: "You are presenting — stop presenting" }).waitFor();
  await pat.page.getByRole("region", { name: "Presentation" }).getByText("HHJ Morgan is presenting MG5 case summary").waitFor();
  await pat.page.getByRole("button", { name: "Present this document" }).waitFor();

  // Morgan closes the tab: the presentation ends.
  await morgan.page.close();
  await pat.page.getByRole("region", { name: "Presentation" }).waitFor({ state: "detached" });

  assert.equal(pat.errors, []);
  assert.equal(morgan.errors, []);
  await Promise.all(contexts.map((context) => context.close()));
});

test("the annotations panel names who made each team and shared annotation, and when", async ({ server, browser }) => {
  const note = `AUTHOR-NOTE-${Math.random().toString(36).slice(2, 10)}`;
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [dan, pat] = await Promise.all(contexts.map((context) => openPage(context)));
  if (!dan || !pat) throw new Error("pages not opened");
  await signInAs(dan.page, server, "Dan Reyes", VIEWER);
  await signInAs(pat.page, server, "Pat Cole", VIEWER);
  await waitForPage1Text(dan.page);
  await waitForPage1Text(pat.page);
  const danPanel = dan.page.getByRole("complementary", { name: "Annotations" });
  const patPanel = pat.page.getByRole("complementary", { name: "Annotations" });

  await danPanel.getByRole("radio", { name: "Everyone" }).check();
  await danPanel.getByRole("button", { name: "Add a note" }).click();
  await danPanel.getByLabel(/^Note on page \d+$/).fill(note);
  await danPanel.getByRole("button", { name: "Save note" }).click();
  const byDan = /Everyone – by Dan Reyes, \d{1,2} \w+ \d{4} at \d{1,2}(:\d{2})?(am|pm)/;
  await danPanel.getByRole("listitem").filter({ hasText: note }).filter({ hasText: byDan }).waitFor({ timeout: 10_000 });
  await patPanel.getByRole("listitem").filter({ hasText: note }).filter({ hasText: byDan }).waitFor({ timeout: 10_000 });

  assert.equal(dan.errors, []);
  assert.equal(pat.errors, []);
  await Promise.all(contexts.map((context) => context.close()));
});

test.run();
