import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import * as Y from "yjs";
import { browserSuite, openPage, signInAs } from "../helpers/browser.ts";
import type { TestServer } from "../helpers/test-server.ts";

const test = browserSuite("Annotations in Chromium", { env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });

const VIEWER = "/cases/case-0001/documents/doc-0001";
const SHARED_DEFENCE = "case/case-0001/notes/shared/defence:reyes-law";
const PRIVATE_DAN = "case/case-0001/notes/private/dan.reyes@reyes-law.example";


/** What the store holds for a doc's annotations, as JSON text. */
async function storedAnnotations(server: TestServer, docName: string): Promise<string> {
  const { snapshot, updates } = await server.deps.store.collab.load(docName);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const { update } of updates) Y.applyUpdate(doc, update);
  const json = JSON.stringify(doc.getMap("annotations").toJSON());
  doc.destroy();
  return json;
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.unreachable(`timed out waiting for ${what}`);
}

async function waitForPage1Text(page: Page) {
  await page.waitForFunction(() =>
    document.querySelector('.app-pdf-page[aria-label="Page 1"] .textLayer')?.textContent?.includes("CASE SUMMARY"),
  );
}

test("private annotations stay private; shared ones reach the other party live and are stored in the shared doc only", async ({ server, browser }) => {
  const privateCanary = `PRIVATE-CANARY-${Math.random().toString(36).slice(2, 10)}`;
  const sharedNote = `SHARED-NOTE-${Math.random().toString(36).slice(2, 10)}`;
  const danContext = await browser.newContext();
  const patContext = await browser.newContext();
  const dan = await openPage(danContext);
  const pat = await openPage(patContext);
  await signInAs(dan.page, server, "Dan Reyes", VIEWER);
  await signInAs(pat.page, server, "Pat Cole", VIEWER);
  await waitForPage1Text(dan.page);
  await waitForPage1Text(pat.page);

  const danPanel = dan.page.getByRole("complementary", { name: "Annotations" });
  const patPanel = pat.page.getByRole("complementary", { name: "Annotations" });
  await danPanel.waitFor();
  await patPanel.waitFor();

  // Dan highlights the first text of page 1, only for himself.
  const quote = await dan.page.evaluate(() => {
    const span = [...document.querySelectorAll('.app-pdf-page[aria-label="Page 1"] .textLayer span')].find(
      (candidate) => (candidate.textContent ?? "").trim() !== "",
    );
    if (!span) throw new Error("no text on page 1");
    const range = document.createRange();
    range.selectNodeContents(span);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return (span.textContent ?? "").replace(/\s+/g, " ").trim();
  });
  await dan.page.waitForTimeout(50);
  await danPanel.getByRole("radio", { name: "Only me" }).check();
  await danPanel.getByRole("button", { name: "Highlight selection" }).click();
  await dan.page.locator('.app-pdf-page[aria-label="Page 1"] .app-annotation--highlight.app-annotation--private').first().waitFor();
  await danPanel.getByRole("list", { name: "Annotations on this document" }).getByText(quote).waitFor();

  // A private note, then one for everyone.
  await danPanel.getByRole("button", { name: "Add a note" }).click();
  await danPanel.getByLabel(/^Note on page \d+$/).fill(privateCanary);
  await danPanel.getByRole("button", { name: "Save note" }).click();
  await danPanel.getByText(privateCanary).waitFor();
  const privateItem = danPanel.getByRole("listitem").filter({ hasText: privateCanary });
  assert.match((await privateItem.textContent()) ?? "", /Only me – by You/);

  await danPanel.getByRole("radio", { name: "Everyone" }).check();
  await danPanel.getByRole("button", { name: "Add a note" }).click();
  await danPanel.getByLabel(/^Note on page \d+$/).fill(sharedNote);
  await danPanel.getByRole("button", { name: "Save note" }).click();
  await danPanel.getByText(sharedNote).waitFor();

  // Pat sees the shared note appear, from Reyes Law, and nothing private.
  await patPanel.getByText(sharedNote).waitFor();
  const patItem = patPanel.getByRole("listitem").filter({ hasText: sharedNote });
  assert.match((await patItem.textContent()) ?? "", /Everyone – by /);
  assert.is(await patItem.getByRole("button", { name: /Make private/ }).count(), 0, "not Pat's to move");
  // Hiding Reyes Law's shared annotations takes the note out of Pat's list; showing them brings it back.
  const reyesLaw = patPanel.getByRole("group", { name: "Show shared annotations from" }).getByRole("checkbox", { name: "Reyes Law" });
  await reyesLaw.uncheck();
  await eventually(async () => (await patPanel.getByRole("listitem").filter({ hasText: sharedNote }).count()) === 0, "the note hidden");
  await reyesLaw.check();
  await patPanel.getByRole("listitem").filter({ hasText: sharedNote }).waitFor();
  const patPanelText = (await patPanel.textContent()) ?? "";
  assert.not.ok(patPanelText.includes(privateCanary), "the private note is not in Pat's panel");
  assert.not.ok(patPanelText.includes(quote) && patPanelText.includes("Highlight on page"), "the private highlight is not listed");
  // What is rendered to read (innerText, on purpose), and what is in the DOM at all, hidden or not.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the brief asks to check
  const patBody = await pat.page.evaluate(() => document.body.innerText);
  assert.not.ok(patBody.includes(privateCanary), "the private note is nowhere on Pat's page");
  const patDom = await pat.page.evaluate(() => document.body.textContent ?? "");
  assert.not.ok(patDom.includes(privateCanary), "nor hidden in its DOM");
  assert.is(await pat.page.locator(".app-annotation--private").count(), 0);

  // What the server stored.
  await eventually(async () => (await storedAnnotations(server, SHARED_DEFENCE)).includes(sharedNote), "the shared note in the store");
  await eventually(async () => (await storedAnnotations(server, PRIVATE_DAN)).includes(privateCanary), "the private note in the store");
  const sharedStored = await storedAnnotations(server, SHARED_DEFENCE);
  assert.not.ok(sharedStored.includes(privateCanary), "the private canary never reaches the shared doc");
  const { snapshot, updates } = await server.deps.store.collab.load(SHARED_DEFENCE);
  const rawLog = Buffer.concat([...(snapshot ? [Buffer.from(snapshot)] : []), ...updates.map(({ update }) => Buffer.from(update))]);
  assert.not.ok(rawLog.includes(privateCanary), "not even in the shared doc's history");
  const privateStored = await storedAnnotations(server, PRIVATE_DAN);
  assert.ok(privateStored.includes(quote), "the highlight is in the private doc");
  assert.ok(privateStored.includes('"kind":"highlight"'));

  // Dan moves his highlight to his team: it leaves his private doc for the team doc.
  const highlightItem = danPanel.getByRole("listitem").filter({ hasText: "Highlight on page 1" });
  await highlightItem.getByRole("button", { name: /^Share with my team/ }).click();
  await danPanel.getByRole("listitem").filter({ hasText: "Highlight on page 1" }).filter({ hasText: /My team – by / }).waitFor();
  const TEAM_DEFENCE = "case/case-0001/notes/team/defence:reyes-law";
  await eventually(async () => (await storedAnnotations(server, TEAM_DEFENCE)).includes(quote), "the highlight in the team doc");
  await eventually(async () => !(await storedAnnotations(server, PRIVATE_DAN)).includes('"kind":"highlight"'), "the highlight gone from the private doc");
  assert.not.ok((await storedAnnotations(server, SHARED_DEFENCE)).includes('"kind":"highlight"'), "a move to the team shares nothing with everyone");

  assert.equal(dan.errors, []);
  assert.equal(pat.errors, []);
  await danContext.close();
  await patContext.close();
});

test("a box drawn for everyone and a reply to a shared note reach the other party live", async ({ server, browser }) => {
  const sharedNote = `BOX-TEST-NOTE-${Math.random().toString(36).slice(2, 10)}`;
  const reply = `REPLY-${Math.random().toString(36).slice(2, 10)}`;
  const danContext = await browser.newContext();
  const patContext = await browser.newContext();
  const dan = await openPage(danContext);
  const pat = await openPage(patContext);
  await signInAs(dan.page, server, "Dan Reyes", VIEWER);
  await signInAs(pat.page, server, "Pat Cole", VIEWER);
  await waitForPage1Text(dan.page);
  await waitForPage1Text(pat.page);
  const danPanel = dan.page.getByRole("complementary", { name: "Annotations" });
  const patPanel = pat.page.getByRole("complementary", { name: "Annotations" });
  await danPanel.waitFor();
  await patPanel.waitFor();
  const areasBefore = await patPanel.getByRole("listitem").filter({ hasText: "Area on page 1" }).count();

  // Dan draws a box on page 1 for everyone.
  await danPanel.getByRole("radio", { name: "Everyone" }).check();
  await danPanel.getByRole("button", { name: "Draw a box" }).click();
  const page1 = dan.page.locator('.app-pdf-page[aria-label="Page 1"]');
  await page1.scrollIntoViewIfNeeded();
  const bounds = await page1.boundingBox();
  if (!bounds) throw new Error("page 1 has no box");
  await dan.page.mouse.move(bounds.x + bounds.width * 0.2, bounds.y + 40);
  await dan.page.mouse.down();
  await dan.page.mouse.move(bounds.x + bounds.width * 0.5, bounds.y + 120, { steps: 5 });
  await dan.page.mouse.up();
  await page1.locator(".app-annotation--area.app-annotation--shared").first().waitFor();
  assert.is(await danPanel.getByRole("button", { name: "Draw a box" }).getAttribute("aria-pressed"), "false");

  // And a note for everyone, then a reply to it.
  await danPanel.getByRole("button", { name: "Add a note" }).click();
  await danPanel.getByLabel(/^Note on page \d+$/).fill(sharedNote);
  await danPanel.getByRole("button", { name: "Save note" }).click();
  const danItem = danPanel.getByRole("listitem").filter({ hasText: sharedNote });
  await danItem.waitFor();
  await danItem.locator("summary", { hasText: "Reply" }).click();
  await danItem.getByLabel("Reply to this note").fill(reply);
  await danItem.getByRole("button", { name: /^Add reply/ }).click();
  await danItem.getByText(reply).waitFor();

  // Pat sees the box and the reply live, with no way to reply in Reyes Law's doc.
  await eventually(
    async () => (await patPanel.getByRole("listitem").filter({ hasText: "Area on page 1" }).count()) > areasBefore,
    "the box in Pat's panel",
  );
  const patItem = patPanel.getByRole("listitem").filter({ hasText: sharedNote }).first();
  await patItem.getByText(reply).waitFor();
  assert.is(await patItem.getByLabel("Reply to this note").count(), 0, "not Pat's to reply to");
  await pat.page.locator('.app-pdf-page[aria-label="Page 1"] .app-annotation--area.app-annotation--shared').first().waitFor();
  await eventually(async () => {
    const stored = await storedAnnotations(server, SHARED_DEFENCE);
    return stored.includes(reply) && stored.includes('"kind":"area"');
  }, "the box and the reply in the shared doc");

  assert.equal(dan.errors, []);
  assert.equal(pat.errors, []);
  await danContext.close();
  await patContext.close();
});

test.run();
