import * as assert from "uvu/assert";
import type { Locator, Page } from "playwright-core";
import * as Y from "yjs";
import { browserSuite, openPage } from "../helpers/browser.ts";
import type { TestServer } from "../helpers/test-server.ts";

const test = browserSuite("case notes edited together in Chromium");

const CASE = "case-0001";
const NOTES = `/cases/${CASE}/notes`;
const PROSECUTION_DOC = `case/${CASE}/notes/shared/prosecution`;
const REYES_DOC = `case/${CASE}/notes/shared/defence:reyes-law`;

async function signInTo(page: Page, server: TestServer, name: string, returnTo: string) {
  await page.goto(`${server.url}/auth/saml/login?returnTo=${returnTo}`);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await page.waitForURL(`${server.url}${returnTo}`);
}

/** A notes panel by its doc, once its doc has synced with the server. */
async function syncedPanel(page: Page, docName: string): Promise<Locator> {
  const panel = page.locator(`.app-notes-panel[data-doc="${docName}"]`);
  await panel.and(page.locator('[data-synced="true"]')).waitFor();
  return panel;
}

/** What the store holds for a doc, as text. */
async function storedText(server: TestServer, docName: string): Promise<string> {
  const { snapshot, updates } = await server.deps.store.collab.load(docName);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const { update } of updates) Y.applyUpdate(doc, update);
  const text = doc.getText("text").toString();
  doc.destroy();
  return text;
}

test("two parties edit their own notes live; the other party's are read-only; Saved only after the store has them", async ({ server, browser }) => {
  const patContext = await browser.newContext();
  const danContext = await browser.newContext();
  const pat = await openPage(patContext);
  const dan = await openPage(danContext);
  await signInTo(pat.page, server, "Pat Cole", NOTES);
  await signInTo(dan.page, server, "Dan Reyes", NOTES);

  // The tab is there, and current.
  const notesTab = pat.page.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Notes" });
  assert.is(await notesTab.getAttribute("aria-current"), "page");
  assert.match(await pat.page.title(), /^Notes – case 97CB0418326 – Caseroom$/);

  const patOwn = await syncedPanel(pat.page, PROSECUTION_DOC);
  const danView = await syncedPanel(dan.page, PROSECUTION_DOC);
  const danOwn = await syncedPanel(dan.page, REYES_DOC);
  const patViewOfDan = await syncedPanel(pat.page, REYES_DOC);
  const patBox = pat.page.getByRole("textbox", { name: "Notes shared by the prosecution" });
  const danBox = dan.page.getByRole("textbox", { name: "Notes shared by the prosecution" });
  assert.is(await patBox.getAttribute("readonly"), null, "Pat may write the prosecution's notes");
  assert.is(await danBox.getAttribute("readonly"), "", "Dan may only read them");
  assert.is(await danView.locator(".app-collab-status").textContent(), "Read only");

  // Pat's status, each time it changes, from here on.
  await patOwn.locator(".app-collab-status").evaluate((status) => {
    const seen: string[] = [];
    (window as unknown as { statusSeen: string[] }).statusSeen = seen;
    new MutationObserver(() => seen.push(status.getAttribute("data-status") ?? "")).observe(status, { attributes: true });
  });

  const typed = "PTPH: prosecution ready, 6 witnesses";
  await patBox.click();
  await patBox.pressSequentially(typed);
  const typedAt = Date.now();
  await dan.page.waitForFunction((expected) => (document.querySelector(`.app-notes-panel[data-doc="case/case-0001/notes/shared/prosecution"] textarea`) as HTMLTextAreaElement | null)?.value === expected, typed, { timeout: 1000 });
  assert.ok(Date.now() - typedAt <= 1000, "Dan sees Pat's notes within a second");

  // "Saved" only once the store holds the text: whenever it is seen, the store already has it.
  const patStatus = patOwn.locator(".app-collab-status");
  await patOwn.locator('.app-collab-status[data-status="saved"]').waitFor({ timeout: 5000 });
  assert.is(await patStatus.textContent(), "Saved");
  assert.is(await storedText(server, PROSECUTION_DOC), typed);
  const seen = await pat.page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
  assert.ok(seen.includes("saving"), `Pat's panel said Saving… while typing (${seen.join(" → ")})`);
  assert.is(seen.at(-1), "saved");

  // Dan cannot change the prosecution's notes: typing there changes nothing, here or anywhere.
  await danBox.click();
  await dan.page.keyboard.type(" defence was here");
  await dan.page.keyboard.press("Backspace");
  assert.is(await danBox.inputValue(), typed);
  await pat.page.waitForTimeout(400);
  assert.is(await patBox.inputValue(), typed);
  assert.is(await storedText(server, PROSECUTION_DOC), typed);

  // Dan writes in his own firm's shared notes, and Pat sees them (read-only for her).
  const danBoxOwn = dan.page.getByRole("textbox", { name: "Notes shared by Reyes Law LLP" });
  const patBoxOfDan = pat.page.getByRole("textbox", { name: "Notes shared by Reyes Law LLP" });
  assert.is(await danBoxOwn.getAttribute("readonly"), null);
  assert.is(await patBoxOfDan.getAttribute("readonly"), "");
  const reply = "Defence: CCTV disclosure requested";
  await danBoxOwn.click();
  await danBoxOwn.pressSequentially(reply);
  await pat.page.waitForFunction((expected) => (document.querySelector(`.app-notes-panel[data-doc="case/case-0001/notes/shared/defence:reyes-law"] textarea`) as HTMLTextAreaElement | null)?.value === expected, reply, { timeout: 2000 });
  await danOwn.locator('.app-collab-status[data-status="saved"]').waitFor({ timeout: 5000 });
  assert.is(await storedText(server, REYES_DOC), reply);
  // Pat sees that Dan is in his panel.
  await patViewOfDan.getByText("Dan Reyes is editing these notes").waitFor({ timeout: 3000 });

  // Each sees the other in "Who is here", with organisation and role; the other party's
  // whereabouts are not shown.
  const patHere = pat.page.getByRole("region", { name: "Who is here" });
  const danHere = dan.page.getByRole("region", { name: "Who is here" });
  await patHere.getByText("Dan Reyes", { exact: true }).waitFor({ timeout: 5000 });
  await danHere.getByText("Pat Cole", { exact: true }).waitFor({ timeout: 5000 });
  assert.match((await patHere.textContent()) ?? "", /Reyes Law LLP \(Defence\)/);
  assert.match((await danHere.textContent()) ?? "", /CPS Wessex \(Prosecutor\)/);
  assert.not.match((await patHere.textContent()) ?? "", /Viewing/);
  // Pat was here first: Dan's arrival was announced to her, politely.
  await patHere.locator('[aria-live="polite"]', { hasText: "Dan Reyes joined the case." }).waitFor({ state: "attached", timeout: 4000 });

  assert.equal(pat.errors, [], "no console errors for Pat");
  assert.equal(dan.errors, [], "no console errors for Dan");
  await patContext.close();
  await danContext.close();
});

test.run();
