import * as assert from "uvu/assert";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { assertReflows, checkPage } from "../helpers/accessibility.ts";
import { browserSuite, openPage, signInAs } from "../helpers/browser.ts";
import { makePdf } from "../helpers/pdf-factory.ts";
import type { TestServer } from "../helpers/test-server.ts";

/*
 * The main journey of each role, end to end, with the other parties in their own browser contexts.
 * Every page a journey shows is checked with axe-core (WCAG 2.2 AA) and screenshotted as
 * `<role>-<page>` in test-results/screenshots.
 */
const test = browserSuite("the journeys of the prosecution, the legal adviser and the judge in Chromium", {
  env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" },
});

const LIVE_MS = 6000;

type Party = { context: BrowserContext; page: Page; errors: string[] };

async function signedIn(browser: Browser, server: TestServer, name: string, returnTo: string): Promise<Party> {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await signInAs(page, server, name, returnTo);
  return { context, page, errors };
}

/** WCAG 1.4.10: at 320 CSS pixels wide the page reflows without scrolling sideways. */
async function reflowsAt320(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  await assertReflows(page, name);
  if (viewport) await page.setViewportSize(viewport);
}

async function done(...parties: Party[]): Promise<void> {
  for (const party of parties) {
    assert.equal(party.errors, [], "no console errors");
    await party.context.close();
  }
}

const sections = (page: Page) => page.getByRole("navigation", { name: "Case sections" });
const formStatus = (page: Page, status: string) => page.locator(`.app-form-status [data-form-status="${status}"]`);
const part = (page: Page, key: string) => page.locator(`section.app-form-part[data-part="${key}"][data-synced="true"]`);
const saved = (page: Page, key: string) =>
  page.locator(`section.app-form-part[data-part="${key}"] .app-collab-status[data-status="saved"]`).waitFor({ timeout: LIVE_MS });

/** Show a part of the form from its side navigation, as synced. */
async function showPart(page: Page, title: string, key: string): Promise<void> {
  await page.getByRole("navigation", { name: "Parts of the form" }).getByRole("link", { name: title, exact: true }).click();
  await part(page, key).waitFor();
}

/** Sign off the whole form, as it is now, from the form editor. */
async function signOff(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign off", exact: true }).click();
  await page.getByText("You have signed off the form as it is now.").waitFor();
}

/** Poll `check` until it holds (for state a locator cannot wait on, such as an input's value). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = LIVE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.unreachable(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForPageText(page: Page, pageNumber: number, text: string): Promise<void> {
  await page.waitForFunction(
    ([n, expected]) => document.querySelector(`.app-pdf-page[aria-label="Page ${n}"] .textLayer`)?.textContent?.includes(expected as string),
    [pageNumber, text] as const,
  );
}

test("prosecution: serves IDPC material (errors first), then answers and signs off the PET the legal adviser starts", async ({ server, browser }) => {
  // case-0002 (URN 97KB2207126): magistrates' court at Kingsbridge, Jade Whitlock, represented by Reyes Law.
  const CASE = "/cases/case-0002";
  const [pat, lee] = await Promise.all([
    signedIn(browser, server, "Pat Cole", `${CASE}/documents`),
    signedIn(browser, server, "Lee Adams", `${CASE}/documents`),
  ]);
  for (const [party, name] of [[pat, "prosecution-documents"], [lee, "legal-adviser-documents"]] as const) {
    await party.page.getByRole("link", { name: "MG5 case summary", exact: true }).waitFor();
    await checkPage(party.page, name);
  }

  // The serve page; sent empty, the error summary takes focus and each of its links goes to its field.
  await pat.page.getByRole("link", { name: "Serve a document" }).click();
  await pat.page.waitForURL(`${server.url}${CASE}/documents/serve`);
  await pat.page.getByRole("heading", { level: 1, name: "Serve a document" }).waitFor();
  await checkPage(pat.page, "prosecution-serve-document");
  await reflowsAt320(pat.page, "prosecution-serve-document");
  await pat.page.getByRole("button", { name: "Serve document" }).click();
  const summary = pat.page.locator(".govuk-error-summary");
  await summary.getByRole("heading", { name: "There is a problem" }).waitFor();
  assert.ok(await summary.evaluate((element) => element === document.activeElement), "the error summary has the focus");
  assert.match(await pat.page.title(), /^Error: Serve a document – case 97KB2207126 – Caseroom$/);
  const expected = [
    ["Select a section", "section"],
    ["Enter a title", "title"],
    ["Select who can see the document", "visibility"],
    ["Select a PDF", "file"],
  ] as const;
  const links = summary.getByRole("link");
  assert.equal(await links.allTextContents(), expected.map(([message]) => message));
  for (const [message, id] of expected) {
    assert.is(await summary.getByRole("link", { name: message }).getAttribute("href"), `#${id}`);
    assert.ok(await pat.page.locator(`#${id}`).evaluate((element) => element.matches("input, select, textarea")), `#${id} is a field`);
    // The field says what is wrong too.
    await pat.page.locator(`#${id}-error`).getByText(message).waitFor();
  }
  await summary.getByRole("link", { name: "Enter a title" }).click();
  assert.ok(await pat.page.getByRole("textbox", { name: "Title" }).evaluate((element) => element === document.activeElement));
  await checkPage(pat.page, "prosecution-serve-document-errors");

  // Served for real: a PDF made here, for all parties.
  const title = "MG11 statement of PC 4410 Dana Pryce";
  await pat.page.getByLabel("Section").selectOption({ label: "Witness statements" });
  await pat.page.getByRole("textbox", { name: "Title" }).fill(title);
  await pat.page.getByRole("radio", { name: "All parties" }).check();
  const pdf = await makePdf({ pages: 2, text: "Statement of PC 4410 Dana Pryce" });
  await pat.page.getByLabel("Upload a file").setInputFiles({ name: "pryce.pdf", mimeType: "application/pdf", buffer: pdf });
  await pat.page.getByRole("button", { name: "Serve document" }).click();
  await pat.page.waitForURL(`${server.url}${CASE}/documents`);
  await pat.page.getByRole("heading", { name: `${title} served` }).waitFor();
  const row = pat.page.getByRole("row", { name: new RegExp(title) });
  await row.getByRole("link", { name: title, exact: true }).waitFor();
  assert.match((await row.textContent()) ?? "", /Version 1/);
  await checkPage(pat.page, "prosecution-document-served");
  // The court, on the documents tab, sees it arrive without a reload.
  await lee.page.getByRole("link", { name: title, exact: true }).waitFor({ timeout: LIVE_MS });

  // Lee Adams starts the PET from the Forms tab.
  await sections(lee.page).getByRole("link", { name: "Forms" }).click();
  await lee.page.waitForURL(`${server.url}${CASE}/forms`);
  await lee.page.getByText("No case management form has been started for this case.").waitFor();
  await checkPage(lee.page, "legal-adviser-forms");
  await lee.page.getByRole("button", { name: "Create PET" }).click();
  await lee.page.waitForURL(new RegExp(`${CASE}/forms/[^/?]+$`));
  const formPath = new URL(lee.page.url()).pathname;
  await lee.page.getByRole("heading", { level: 1, name: "Preparation for effective trial" }).waitFor();
  await part(lee.page, "court").waitFor();
  await checkPage(lee.page, "legal-adviser-pet");

  // Pat finds it on her Forms tab and answers the prosecution part.
  await sections(pat.page).getByRole("link", { name: "Forms" }).click();
  await pat.page.getByRole("link", { name: "Preparation for effective trial (PET)" }).click();
  await pat.page.waitForURL(`${server.url}${formPath}`);
  await part(pat.page, "prosecution").waitFor();
  assert.is(await pat.page.getByRole("textbox", { name: "Police/CPS URN" }).inputValue(), "97KB2207126");
  await pat.page.getByRole("textbox", { name: "Time estimate for the prosecution case" }).fill("5 hours, 3 witnesses");
  await pat.page.getByRole("group", { name: "Will the prosecution rely on CCTV or other recorded media?" }).getByRole("radio", { name: "Yes" }).check();
  await saved(pat.page, "prosecution");
  await checkPage(pat.page, "prosecution-pet");
  await reflowsAt320(pat.page, "prosecution-pet");

  // She signs it off; the court sees the prosecution's sign-off.
  await signOff(pat.page);
  await checkPage(pat.page, "prosecution-pet-signed-off");
  await lee.page.locator('.app-form-sign-offs [data-party="prosecution"]').getByText("Signed off", { exact: true }).waitFor({ timeout: LIVE_MS });
  assert.ok(await formStatus(lee.page, "draft").isVisible(), "still a draft until the defence signs off");

  await done(pat, lee);
});

test("legal adviser: gives directions in a hearing that the parties receive live, then presents a document they follow", async ({ server, browser }) => {
  // case-0002 again: the only magistrates' case of Lee Adams's courts with a defence firm and an IDPC.
  const CASE = "/cases/case-0002";
  const [pat, dan] = await Promise.all([
    signedIn(browser, server, "Pat Cole", `${CASE}/directions`),
    signedIn(browser, server, "Dan Reyes", `${CASE}/directions`),
  ]);
  for (const party of [pat, dan]) await party.page.getByText("The court has not given any directions in this case yet.").waitFor();
  await checkPage(pat.page, "prosecution-directions");

  // Lee Adams, in court, opens the case and gives a direction.
  const lee = await signedIn(browser, server, "Lee Adams", CASE);
  await lee.page.getByRole("table", { name: "Hearings" }).waitFor();
  await checkPage(lee.page, "legal-adviser-case-overview");
  await sections(lee.page).getByRole("link", { name: "Directions" }).click();
  await lee.page.getByRole("link", { name: "Give directions" }).click();
  await lee.page.waitForURL(`${server.url}${CASE}/directions/new`);
  await lee.page.getByRole("heading", { level: 1, name: "Give directions" }).waitFor();
  await checkPage(lee.page, "legal-adviser-give-directions");
  await reflowsAt320(lee.page, "legal-adviser-give-directions");
  await lee.page.getByRole("button", { name: "Give directions" }).click();
  await lee.page.locator(".govuk-error-summary").getByText("Select a standard direction, or give a direction in your own words").waitFor();
  await checkPage(lee.page, "legal-adviser-give-directions-errors");
  await lee.page.getByLabel("Give a direction in your own words").check();
  const direction = "The prosecution must serve the body-worn footage of the arrest by 4pm on Friday.";
  await lee.page.getByRole("textbox", { name: "Direction" }).fill(direction);
  await lee.page.getByRole("combobox", { name: "Who must comply" }).selectOption({ label: "Prosecution" });
  await lee.page.getByRole("button", { name: "Give directions" }).click();
  await lee.page.waitForURL(`${server.url}${CASE}/directions`);
  await lee.page.getByText("1 direction given").waitFor();
  await checkPage(lee.page, "legal-adviser-directions-given");

  // The prosecution and the defence see it arrive without reloading.
  for (const party of [pat, dan]) {
    await party.page.locator("article.app-direction").getByRole("heading", { name: direction }).waitFor({ timeout: LIVE_MS });
  }
  await checkPage(dan.page, "defence-direction-received");

  // Lee presents the MG5; Dan follows her from page to page.
  await sections(lee.page).getByRole("link", { name: "Documents" }).click();
  await lee.page.getByRole("link", { name: "MG5 case summary", exact: true }).click();
  await lee.page.waitForURL(/\/documents\/doc-0006$/);
  await waitForPageText(lee.page, 1, "CASE SUMMARY");
  await lee.page.getByRole("button", { name: "Present this document" }).click();
  await lee.page.getByRole("button", { name: "You are presenting — stop presenting" }).waitFor();
  await checkPage(lee.page, "legal-adviser-presenting");

  const banner = dan.page.getByRole("region", { name: "Presentation" });
  await banner.getByText("Lee Adams is presenting MG5 case summary").waitFor({ timeout: LIVE_MS });
  await checkPage(dan.page, "defence-presentation-banner");
  await banner.getByRole("button", { name: "Follow", exact: true }).click();
  await dan.page.waitForURL(`${server.url}${CASE}/documents/doc-0006`);
  await banner.getByRole("button", { name: "Stop following" }).waitFor();
  await waitForPageText(dan.page, 1, "CASE SUMMARY");
  await checkPage(dan.page, "defence-following-presentation");
  const pageBox = (page: Page) => page.getByRole("group", { name: "Document tools" }).getByRole("textbox", { name: "Page", exact: true });
  await lee.page.getByRole("button", { name: "Next page" }).click();
  await until(async () => (await pageBox(dan.page).inputValue()) === "2", "Dan's viewer follows Lee to page 2");

  await lee.page.getByRole("button", { name: "You are presenting — stop presenting" }).click();
  await banner.waitFor({ state: "detached", timeout: LIVE_MS });

  await done(lee, pat, dan);
});

test("judge: fills Part B of a PTPH, and finalises it once both parties have signed off", async ({ server, browser }) => {
  // case-0013 (URN 97CB0533826): Castlebury Crown Court, Nadia Kersey in custody, represented by Hart Defence.
  const CASE = "/cases/case-0013";
  const DEFENCE = "defence:def-0014";
  const morgan = await signedIn(browser, server, "HHJ Morgan", `${CASE}/forms`);
  await morgan.page.getByText("No case management form has been started for this case.").waitFor();
  await checkPage(morgan.page, "judge-forms");
  assert.is(await morgan.page.getByRole("button", { name: "Create PET" }).count(), 0, "the Crown Court uses the PTPH form");
  await morgan.page.getByRole("button", { name: "Create PTPH" }).click();
  await morgan.page.waitForURL(new RegExp(`${CASE}/forms/[^/?]+$`));
  const formPath = new URL(morgan.page.url()).pathname;
  const formId = formPath.split("/").at(-1) ?? "";
  await morgan.page.getByRole("heading", { level: 1, name: "Plea and trial preparation hearing" }).waitFor();

  // Part B, the court's part (the judicial orders), is the one shown to the judge, and hers to answer.
  await part(morgan.page, "court").waitFor();
  await morgan.page.getByRole("heading", { level: 2, name: "Plea and Trial Preparation Hearing Judicial Orders" }).waitFor();
  const orders = "Trial to be listed for 3 days. Defence statement to address the identification issue.";
  await morgan.page.getByRole("textbox", { name: "Court case progression officer" }).fill("Sam Ortiz");
  await morgan.page.getByRole("group", { name: "Listing" }).getByRole("radio", { name: "Warned list" }).check();
  await morgan.page.getByRole("textbox", { name: "Time estimate", exact: true }).fill("3 days");
  await morgan.page.getByRole("textbox", { name: "Further orders" }).fill(orders);
  await morgan.page.getByRole("checkbox", { name: "Initial disclosure", exact: true }).check();
  await saved(morgan.page, "court");
  await checkPage(morgan.page, "judge-ptph-part-b");
  await reflowsAt320(morgan.page, "judge-ptph-part-b");

  // The prosecution and the defence answer their parts of Part A in their own contexts, then sign off.
  const [pat, amy] = await Promise.all([signedIn(browser, server, "Pat Cole", formPath), signedIn(browser, server, "Amy Hart", formPath)]);
  await part(pat.page, "prosecution").waitFor();
  await part(amy.page, DEFENCE).waitFor();
  assert.is(await pat.page.getByRole("textbox", { name: "PTI URN" }).inputValue(), "97CB0533826");
  await pat.page.getByRole("textbox", { name: "Officer in the case" }).fill("DC 5120 Rhys Vaughan");
  await amy.page.getByRole("textbox", { name: "Real issues" }).fill("Identity: the defendant was not at Orchard Mews.");
  await saved(pat.page, "prosecution");
  await saved(amy.page, DEFENCE);
  await checkPage(pat.page, "prosecution-ptph-part-a");
  await checkPage(amy.page, "defence-ptph-part-a");
  await signOff(pat.page);
  await signOff(amy.page);
  await formStatus(amy.page, "agreed").waitFor();

  // The judge sees the form agreed and finalises it.
  await formStatus(morgan.page, "agreed").waitFor({ timeout: LIVE_MS });
  await morgan.page.getByRole("button", { name: "Finalise form" }).click();
  const pdfLink = morgan.page.getByRole("link", { name: "Download the final PDF" });
  await pdfLink.waitFor();
  await formStatus(morgan.page, "finalised").waitFor();
  assert.ok(await morgan.page.locator(".app-form-finalised").evaluate((element) => element === document.activeElement), "the reader goes on at the PDF");
  // The judge stays on Part B, where she was (see `partShownOnFinalising`, asserted at the end).
  const partShownOnFinalising = await morgan.page.locator("section.app-form-part").getAttribute("data-part");
  if (partShownOnFinalising !== "court") await showPart(morgan.page, "Plea and Trial Preparation Hearing Judicial Orders", "court");
  await morgan.page.getByText("This form has been finalised. Its answers can no longer be changed.").waitFor();
  assert.is(await morgan.page.getByRole("textbox", { name: "Further orders" }).getAttribute("readonly"), "");
  assert.ok(await morgan.page.getByRole("checkbox", { name: "Initial disclosure", exact: true }).isDisabled());
  assert.is(await morgan.page.getByRole("button", { name: "Finalise form" }).count(), 0);
  await checkPage(morgan.page, "judge-ptph-finalised");

  // Its PDF (whose content forms.browser.ts checks) is downloadable, and filed in the case's documents.
  assert.is(await pdfLink.getAttribute("href"), `/api/forms/${formId}/pdf`);
  const response = await morgan.page.request.get(`${server.url}/api/forms/${formId}/pdf`);
  assert.is(response.status(), 200);
  assert.match(response.headers()["content-type"] ?? "", /^application\/pdf/);
  assert.is((await response.body()).subarray(0, 5).toString("latin1"), "%PDF-");
  await formStatus(pat.page, "finalised").waitFor({ timeout: LIVE_MS });
  assert.is(await pat.page.getByRole("textbox", { name: "Officer in the case" }).getAttribute("readonly"), "");
  await morgan.page.goto(`${server.url}${CASE}/documents`);
  await morgan.page.getByRole("heading", { level: 2, name: "Case management" }).waitFor();
  await morgan.page.getByRole("link", { name: "Plea and trial preparation hearing", exact: true }).waitFor();
  await checkPage(morgan.page, "judge-documents");

  await done(morgan, pat, amy);
  // Finalising must not move the judge from the part she was reading to another one.
  assert.is(partShownOnFinalising, "court", "the part shown is still Part B after finalising");
});

test.run();
