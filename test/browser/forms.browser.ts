import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { createPdfInspector } from "../../server/documents/pdf-inspector.ts";
import { browserSuite, openPage } from "../helpers/browser.ts";
import type { TestServer } from "../helpers/test-server.ts";

const test = browserSuite("a PET prepared together in Chromium");

// case-0002 (URN 97KB2207126): magistrates', one defendant, def-0003 Jade Whitlock, represented by Reyes Law.
const CASE = "case-0002";
const FORMS = `/cases/${CASE}/forms`;
const DEFENCE = "defence:def-0003";
const TIME_ESTIMATE = "Time estimate for the prosecution case";
const REAL_ISSUES = "Real issues in the case";
const LIVE_MS = 2000;

async function signInTo(page: Page, server: TestServer, name: string, returnTo: string) {
  await page.goto(`${server.url}/auth/saml/login?returnTo=${returnTo}`);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await page.waitForURL(`${server.url}${returnTo}`);
}

/** Show a part of the form from the side navigation, and wait until its doc has synced. */
async function showPart(page: Page, title: string, key: string) {
  await page.getByRole("navigation", { name: "Parts of the form" }).getByRole("link", { name: title, exact: true }).click();
  await page.locator(`section.app-form-part[data-part="${key}"][data-synced="true"]`).waitFor();
}

/** Wait until a text field shows `expected`, and say how long that took. */
async function waitForValue(page: Page, label: string, expected: string, timeout = LIVE_MS): Promise<void> {
  const box = page.getByRole("textbox", { name: label });
  await box.waitFor();
  await page.waitForFunction(
    ([name, value]) => {
      const label = [...document.querySelectorAll("label")].find((l) => l.textContent === name);
      const input = label ? (document.getElementById(label.htmlFor) as HTMLInputElement | HTMLTextAreaElement | null) : null;
      return input?.value === value;
    },
    [label, expected] as const,
    { timeout },
  );
}

const formStatus = (page: Page) => page.locator(".app-form-status [data-form-status]");

test("the court starts a PET; both parties answer live, sign off, see changes, and the court finalises it to a PDF", async ({ server, browser }) => {
  const lee = await openPage(await browser.newContext());
  const pat = await openPage(await browser.newContext());
  const dan = await openPage(await browser.newContext());

  // Lee Adams (legal adviser) starts the PET from the Forms tab.
  await signInTo(lee.page, server, "Lee Adams", FORMS);
  const formsTab = lee.page.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Forms" });
  assert.is(await formsTab.getAttribute("aria-current"), "page");
  assert.match(await lee.page.title(), /^Forms – case 97KB2207126 – Caseroom$/);
  assert.is(await lee.page.getByRole("button", { name: "Create PTPH" }).count(), 0, "a magistrates' case uses the PET");
  await lee.page.getByRole("button", { name: "Create PET" }).click();
  await lee.page.waitForURL(new RegExp(`${FORMS}/[^/?]+$`));
  const formPath = new URL(lee.page.url()).pathname;
  const formId = formPath.split("/").at(-1) ?? "";
  await lee.page.getByRole("heading", { level: 1, name: "Preparation for effective trial" }).waitFor();
  assert.is(await formStatus(lee.page).textContent(), "Draft");
  // The court's own part is the one shown to it.
  await lee.page.locator(`section.app-form-part[data-part="court"][data-synced="true"]`).waitFor();

  // Pat Cole finds it in the list: status, completeness of each part, sign-offs; she cannot create one.
  await signInTo(pat.page, server, "Pat Cole", FORMS);
  const card = pat.page.locator(`.app-form-card[data-form="${formId}"]`);
  await card.waitFor();
  assert.is(await card.locator("[data-form-status]").textContent(), "Draft");
  assert.match((await card.locator('li[data-part="prosecution"]').textContent()) ?? "", /^Prosecution: 3 of 3 required answers$/);
  assert.match((await card.locator(`li[data-part="${DEFENCE}"]`).textContent()) ?? "", /^Defence for Jade Whitlock: 2 of 3 required answers$/);
  assert.match((await card.locator(`li[data-party="${DEFENCE}"]`).textContent()) ?? "", /Not signed off/);
  assert.is(await pat.page.getByRole("button", { name: "Create PET" }).count(), 0);
  await card.getByRole("link", { name: "Preparation for effective trial (PET)" }).click();
  await pat.page.waitForURL(`${server.url}${formPath}`);
  await pat.page.locator(`section.app-form-part[data-part="prosecution"][data-synced="true"]`).waitFor();

  await signInTo(dan.page, server, "Dan Reyes", formPath);
  await dan.page.locator(`section.app-form-part[data-part="${DEFENCE}"][data-synced="true"]`).waitFor();
  // Each party starts on its own part, pre-filled by the server, and may write it.
  assert.is(await pat.page.getByRole("textbox", { name: "Police/CPS URN" }).inputValue(), "97KB2207126");
  assert.is(await dan.page.getByRole("textbox", { name: "Defendant", exact: true }).inputValue(), "Jade Whitlock");
  assert.is(await dan.page.getByRole("textbox", { name: REAL_ISSUES }).getAttribute("readonly"), null);
  // "Required" is shown where the rule applies.
  await dan.page.locator('[data-field="realIssues"]').getByText("Required", { exact: true }).waitFor();

  // Both type at the same time, each in their own part.
  const estimate = "6 hours";
  const issues = "Identity: the defendant was not there.";
  await Promise.all([
    pat.page.getByRole("textbox", { name: TIME_ESTIMATE }).pressSequentially(estimate),
    dan.page.getByRole("textbox", { name: REAL_ISSUES }).pressSequentially(issues),
  ]);
  await pat.page.locator('section.app-form-part[data-part="prosecution"] .app-collab-status[data-status="saved"]').waitFor({ timeout: 5000 });
  await dan.page.locator(`section.app-form-part[data-part="${DEFENCE}"] .app-collab-status[data-status="saved"]`).waitFor({ timeout: 5000 });
  // The defence part's completeness follows Dan's answer at once.
  assert.is(await dan.page.locator(".app-form-part__completeness").textContent(), "3 of 3 required answers");

  // Dan reads the prosecution part (read only for him) and sees Pat's answer, then her next keystrokes live.
  await showPart(dan.page, "Prosecution", "prosecution");
  await waitForValue(dan.page, TIME_ESTIMATE, estimate);
  assert.is(await dan.page.locator('section.app-form-part[data-part="prosecution"] .app-collab-status').textContent(), "Read only");
  const patBox = pat.page.getByRole("textbox", { name: TIME_ESTIMATE });
  await patBox.click();
  await patBox.press("End");
  await patBox.pressSequentially(", 4 witnesses");
  await waitForValue(dan.page, TIME_ESTIMATE, `${estimate}, 4 witnesses`);
  // Dan sees who is in that field.
  await dan.page.locator('[data-field="prosecutionTimeEstimate"]').getByText("Pat Cole is editing").waitFor({ timeout: LIVE_MS });
  // The page asks the server for the form's state every few seconds: that never moves Pat's caret away.
  await pat.page.waitForTimeout(3500);
  assert.ok(await patBox.evaluate((element) => element === document.activeElement), "Pat is still in the field after a poll");
  assert.ok(await dan.page.locator('[data-field="prosecutionTimeEstimate"]').getByText("Pat Cole is editing").isVisible());

  // Pat reads the defence part: Dan's answer is there; she cannot change it.
  await showPart(pat.page, "Defence for Jade Whitlock", DEFENCE);
  await waitForValue(pat.page, REAL_ISSUES, issues);
  const patViewOfIssues = pat.page.getByRole("textbox", { name: REAL_ISSUES });
  assert.is(await patViewOfIssues.getAttribute("readonly"), "");
  assert.is(await pat.page.locator(`section.app-form-part[data-part="${DEFENCE}"] .app-collab-status`).textContent(), "Read only");
  assert.is(await pat.page.getByRole("button", { name: "Add a witness" }).count(), 0, "no rows to add in another party's part");
  await patViewOfIssues.click();
  await pat.page.keyboard.type(" prosecution was here");
  assert.is(await patViewOfIssues.inputValue(), issues);

  // Dan goes back to his part and adds to his answer: Pat sees it live.
  await showPart(dan.page, "Defence for Jade Whitlock", DEFENCE);
  const danBox = dan.page.getByRole("textbox", { name: REAL_ISSUES });
  await danBox.click();
  await danBox.press("End");
  await danBox.pressSequentially(" Alibi witness to follow.");
  const fullIssues = `${issues} Alibi witness to follow.`;
  await waitForValue(pat.page, REAL_ISSUES, fullIssues);
  await pat.page.locator('[data-field="realIssues"]').getByText("Dan Reyes is editing").waitFor({ timeout: LIVE_MS });
  await dan.page.locator(`section.app-form-part[data-part="${DEFENCE}"] .app-collab-status[data-status="saved"]`).waitFor({ timeout: 5000 });
  assert.is(await pat.page.getByRole("textbox", { name: REAL_ISSUES }).inputValue(), fullIssues, "Pat's attempt changed nothing");

  // Both sign off; the form is agreed.
  const signOff = async (page: Page, name: "Sign off" | "Sign off again") => {
    assert.ok(await page.getByText("Signing off covers the whole form as it is now").isVisible());
    await page.getByRole("button", { name, exact: true }).click();
    await page.getByText("You have signed off the form as it is now.").waitFor();
  };
  await signOff(pat.page, "Sign off");
  assert.is(await formStatus(pat.page).textContent(), "Draft");
  await signOff(dan.page, "Sign off");
  assert.is(await formStatus(dan.page).textContent(), "Agreed");
  await formStatus(pat.page).and(pat.page.locator('[data-form-status="agreed"]')).waitFor({ timeout: 5000 });
  await formStatus(lee.page).and(lee.page.locator('[data-form-status="agreed"]')).waitFor({ timeout: 5000 });

  // Pat changes an answer after both signed off: Dan is told, and the form is no longer agreed.
  await showPart(pat.page, "Prosecution", "prosecution");
  const patEstimate = pat.page.getByRole("textbox", { name: TIME_ESTIMATE });
  await patEstimate.click();
  await patEstimate.press("End");
  await patEstimate.pressSequentially(" (revised)");
  await dan.page.getByText("Changed since you signed off — sign off again").waitFor({ timeout: 6000 });
  assert.is(await formStatus(dan.page).textContent(), "Draft");
  await dan.page.locator(`.app-form-sign-offs [data-party="prosecution"]`).getByText("Changed since signed off").waitFor({ timeout: 5000 });
  await pat.page.getByText("Changed since you signed off — sign off again").waitFor({ timeout: 6000 });

  // Both sign off again; the court finalises the agreed form and its PDF holds Dan's answer.
  await pat.page.locator('section.app-form-part[data-part="prosecution"] .app-collab-status[data-status="saved"]').waitFor({ timeout: 5000 });
  await signOff(pat.page, "Sign off again");
  await signOff(dan.page, "Sign off again");
  await formStatus(dan.page).and(dan.page.locator('[data-form-status="agreed"]')).waitFor({ timeout: 5000 });
  assert.is(await dan.page.getByText("Changed since you signed off — sign off again").count(), 0);
  await lee.page.getByRole("button", { name: "Finalise form" }).click({ timeout: 6000 });
  const pdfLink = lee.page.getByRole("link", { name: "Download the final PDF" });
  await pdfLink.waitFor();
  assert.is(await formStatus(lee.page).textContent(), "Finalised");
  const href = (await pdfLink.getAttribute("href")) ?? "";
  assert.is(href, `/api/forms/${formId}/pdf`);
  const response = await lee.page.request.get(`${server.url}${href}`);
  assert.is(response.status(), 200);
  assert.match(response.headers()["content-type"] ?? "", /^application\/pdf/);
  const inspector = createPdfInspector();
  try {
    const { pageTexts } = await inspector.inspect(await response.body());
    const text = pageTexts.join("\n").replace(/\s+/g, " ");
    assert.ok(text.includes("Alibi witness to follow."), "the PDF holds Dan's answer");
    assert.ok(text.includes("(revised)"), "and Pat's revised one");
  } finally {
    await inspector.close();
  }
  // Once finalised, nobody can change the answers any more.
  await formStatus(dan.page).and(dan.page.locator('[data-form-status="finalised"]')).waitFor({ timeout: 5000 });
  assert.is(await dan.page.getByRole("textbox", { name: REAL_ISSUES }).getAttribute("readonly"), "");

  assert.equal(lee.errors, [], "no console errors for Lee");
  assert.equal(pat.errors, [], "no console errors for Pat");
  assert.equal(dan.errors, [], "no console errors for Dan");
  for (const { page } of [lee, pat, dan]) await page.context().close();
});

test.run();
