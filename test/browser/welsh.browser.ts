import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { cy } from "../../shared/i18n/messages.cy.ts";
import { en } from "../../shared/i18n/messages.en.ts";
import { demoData } from "../../fixtures/demo/demo-data.ts";
import { checkPage } from "../helpers/accessibility.ts";
import { browserSuite, openPage } from "../helpers/browser.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";

/**
 * The defence's journey in Welsh, in Chromium: choose Cymraeg in the header, sign in at the
 * (Welsh) development IdP, find a case, get access to one, read its IDPC, answer the defence's
 * part of the PET and acknowledge a direction the court gives, shown in Welsh with a Welsh date.
 * Every page is checked for English left untranslated (any English catalogue text whose Welsh
 * differs) and for catalogue keys shown instead of words; three pages are audited with axe-core.
 */
const test = browserSuite("the defence's journey in Welsh, in Chromium", { env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });

const LEE = "lee.adams@court.example";
/** case-0004: Rowan Quill, magistrates' court, no firm yet (the access demo). */
const ACCESS_CASE = { id: "case-0004", urn: "97KB1234526", surname: "Quill", day: "14", month: "2", year: "1990" };
/** case-0002: Jade Whitlock, magistrates' PET case, represented by Reyes Law. */
const PET_CASE = { id: "case-0002", urn: "97KB2207126" };
const DUE_ON = "2027-03-12";
/** The mc-defence-statement template in Welsh, with its due date as Welsh readers write it. */
const DIRECTION_CY = "Rhaid cyflwyno unrhyw ddatganiad amddiffyn erbyn 12 Mawrth 2027.";
const DIRECTION_EN = "Any defence statement must be served by 12 March 2027.";
/** What the direction's Welsh says before its date, to find it by whatever the date looks like. */
const DIRECTION_CY_START = cy.directions.templates["mc-defence-statement"].split("{{dueOn}}")[0] ?? "";
/** A Welsh-speaking solicitor answers in Welsh. */
const REAL_ISSUES = "Hunaniaeth: roedd y diffynnydd yn rhywle arall.";

// ---------------------------------------------------------------------------------------------
// What English left on a Welsh page looks like, worked out from the two catalogues.

type Catalogue = { readonly [key: string]: string | Catalogue };

/** `namespace.path.to.key` → text, for every string of a catalogue. */
function flatten(tree: Catalogue, prefix = "", into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") into.set(path, value);
    else flatten(value, path, into);
  }
  return into;
}

const EN = flatten(en as unknown as Catalogue);
const CY = flatten(cy as unknown as Catalogue);
const PLACEHOLDER = /\{\{[^}]*\}\}/;
const words = (text: string) => text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;

/**
 * Data this journey shows that is English by nature and contains English catalogue text: it is
 * taken out of the page's text before the check, so the same words elsewhere are still caught.
 */
const DATA = [
  // The courts' names: only a court in Wales has a Welsh name ("Castlebury Crown Court" holds the
  // jurisdiction's "Crown Court", which the jurisdiction column must still show as "Llys y Goron").
  ...demoData.courts.filter((court) => !court.welshName).map((court) => court.name),
];

function fragmentsOf(from: Map<string, string>, other: Map<string, string>): string[] {
  const otherText = [...other.values()].join("\n");
  const found = new Set<string>();
  for (const [key, text] of from) {
    if (other.get(key) === text) continue;
    for (const raw of text.split(PLACEHOLDER)) {
      const fragment = raw.replace(/\s+/g, " ").trim();
      if (words(fragment) < 2 && fragment.length < 12) continue;
      if (otherText.includes(fragment)) continue;
      found.add(fragment);
    }
  }
  return [...found];
}

/** English catalogue text that must not appear on a Welsh page. */
const ENGLISH_FRAGMENTS = fragmentsOf(EN, CY);
/** Welsh catalogue text that must not appear on an English page. */
const WELSH_FRAGMENTS = fragmentsOf(CY, EN);

/** Every way i18next could show a key it has no text for: with or without its namespace, plural base. */
const CATALOGUE_KEYS = new Set<string>();
for (const path of EN.keys()) {
  const base = path.replace(/_(zero|one|two|few|many|other)$/, "");
  const [namespace, ...rest] = base.split(".");
  for (const key of [base, rest.join("."), `${namespace}:${rest.join(".")}`]) if (key.includes(".")) CATALOGUE_KEYS.add(key);
}
const KEY_LIKE = /\b[a-zA-Z]+(?:[.:][\w-]+)+/g;
const NAMESPACE_PREFIX = new RegExp(`\\b(?:${Object.keys(en).join("|")}):[\\w-]`, "g");
const MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December";
/** A date written with an English month, as en-GB ("12 March 2027") or en-US ("March 12, 2027") write it. */
const ENGLISH_DATE = new RegExp(`\\b(?:\\d{1,2} (?:${MONTHS_EN}) \\d{4}|(?:${MONTHS_EN}) \\d{1,2}, \\d{4})\\b`, "g");
const WELSH_MONTHS = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"];

const count = (text: string, fragment: string) => text.split(fragment).length - 1;
/** Where a fragment first occurs, with some words either side, for the failure message. */
const around = (text: string, fragment: string) => {
  const at = text.indexOf(fragment);
  return text.slice(Math.max(0, at - 40), at + fragment.length + 40);
};

/**
 * What the reader of the page reads: the body's text (visually hidden text included, as a screen
 * reader reads it) and the document's title. The text layers of a PDF (the served document
 * itself, English by nature) are returned apart, so that text found only there is not counted.
 */
async function readPage(page: Page): Promise<{ text: string; pdfText: string }> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const { title, body, labels, pdf } = await page.evaluate(() => ({
    title: document.title,
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered to read, on purpose (not hidden templates or scripts).
    body: document.body.innerText,
    labels: [...document.body.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")].flatMap((el) =>
      ["aria-label", "title", "placeholder", "alt"].map((name) => el.getAttribute(name) ?? ""),
    ),
    // biome-ignore lint/performance/useDomNodeTextContent: measured as the body's text is, to be subtracted from it.
    pdf: [...document.querySelectorAll<HTMLElement>(".textLayer")].map((el) => el.innerText),
  }));
  const squash = (s: string) => s.replace(/\s+/g, " ");
  const text = DATA.reduce((rest, data) => rest.split(data).join(" · "), `${squash(title)} ${squash(body)} ${labels.map(squash).join(" · ")}`);
  return { text, pdfText: pdf.map(squash).join(" ") };
}

/**
 * The page is in Welsh: `<html lang="cy">` (asserted now), and no English catalogue text, raw key
 * or English date (added to `findings`, asserted at the end, so one run lists every page's).
 */
async function checkWelsh(page: Page, name: string, findings: string[]): Promise<void> {
  assert.is(await page.locator("html").getAttribute("lang"), "cy", `${name}: <html lang="cy">`);
  const { text, pdfText } = await readPage(page);
  const where = `${name} (${new URL(page.url()).pathname})`;
  findings.push(...untranslated(text, pdfText).map((problem) => `${where}: ${problem}`));
}

/** What in a Welsh page's text is not Welsh; what is only in the PDF's own text does not count. */
function untranslated(text: string, pdfText = ""): string[] {
  const notInPdf = (found: string) => count(text, found) > count(pdfText, found);
  const unique = (matches: IterableIterator<RegExpMatchArray>) => [...new Set([...matches].map((m) => m[0]))];
  return [
    ...ENGLISH_FRAGMENTS.filter(notInPdf).map((f) => `English "${f}" in "…${around(text, f)}…"`),
    ...unique(text.matchAll(KEY_LIKE))
      .filter((key) => CATALOGUE_KEYS.has(key))
      .map((k) => `catalogue key ${k}`),
    ...unique(text.matchAll(NAMESPACE_PREFIX)).map((p) => `namespaced key ${p}…`),
    ...unique(text.matchAll(ENGLISH_DATE))
      .filter(notInPdf)
      .map((d) => `English date "${d}" in "…${around(text, d)}…"`),
  ];
}

/** The page is in English again: `<html lang="en">` and no Welsh catalogue text. */
async function assertEnglish(page: Page, name: string): Promise<void> {
  assert.is(await page.locator("html").getAttribute("lang"), "en", `${name}: <html lang="en">`);
  const { text } = await readPage(page);
  assert.equal(
    WELSH_FRAGMENTS.filter((fragment) => text.includes(fragment)),
    [],
    `${name} (${page.url()}) shows Welsh text`,
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A text the journey shows must read as expected (a finding, not a stop, when it does not). */
function expectText(findings: string[], name: string, actual: string, expected: string): void {
  if (actual.trim() !== expected) findings.push(`${name}: reads "${actual.trim()}", not "${expected}"`);
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? "");

test("the check finds English, raw keys and English dates, and passes Welsh and data", () => {
  for (const fragment of ["Skip to main content", "Case sections", "Get access to a case", "Any defence statement must be served by"]) {
    assert.ok(ENGLISH_FRAGMENTS.includes(fragment), `"${fragment}" is checked for`);
  }
  assert.not.ok(ENGLISH_FRAGMENTS.includes("URN"), "text the same in both languages is not English left behind");
  assert.equal(untranslated(`${cy.app.cases.search.title} ${DIRECTION_CY} URN 97KB1234526 MG5 case summary`), []);
  const found = untranslated(`${cy.app.cases.search.title} Case sections · cases.search.noMatch.title · errors:auth.required · erbyn March 12, 2027.`);
  assert.equal(
    found.map((f) => f.split(" ")[0]),
    ["English", "catalogue", "catalogue", "namespaced", "English"],
    found.join("\n"),
  );
  // What only the served PDF says is the document's own English, not the page's.
  assert.equal(untranslated("Case sections", "Case sections"), []);
});

test("a user completes the defence journey in Welsh: switch, sign in, find, get access, read, answer the PET, acknowledge a direction", async ({ server, browser }) => {
  // The court starts the PET of case-0002 (through the API, as Lee Adams, in English).
  const lee = apiAs(server, await signIn(server, LEE));
  const created = await lee.post(`/api/cases/${PET_CASE.id}/forms`, { type: "PET" });
  assert.is(created.status, 201, created.text);

  const findings: string[] = [];
  const dan = await openPage(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
  const { page } = dan;
  // Bounded: a step that does not happen fails in seconds, not at the 30-second default.
  page.setDefaultTimeout(10_000);
  const main = page.locator("main");
  const sections = page.getByRole("navigation", { name: cy.app.cases.workspace.navigation.label });

  // The start page, in English; the header's "Cymraeg" brings the same page back in Welsh.
  await page.goto(`${server.url}/`);
  await page.getByRole("heading", { level: 1, name: en.app.home.title }).waitFor();
  assert.is(await page.locator("html").getAttribute("lang"), "en");
  const cymraeg = page.getByRole("link", { name: en.app.layout.language.toWelsh });
  assert.is(await cymraeg.locator('[aria-hidden="true"]').textContent(), "Cymraeg", "the link reads Cymraeg");
  await cymraeg.click();
  await page.waitForURL(`${server.url}/`);
  await page.getByRole("heading", { level: 1, name: cy.app.home.title }).waitFor();
  await checkWelsh(page, "home", findings);

  // Sign in: the development IdP's chooser is in Welsh too.
  await main.getByRole("link", { name: cy.app.home.signIn }).click();
  await page.getByRole("heading", { level: 1, name: cy.idp.title }).waitFor();
  await checkWelsh(page, "dev-idp", findings);
  await page.getByRole("button", { name: fill(cy.idp.signInAs, { name: "Dan Reyes" }) }).click();
  await page.waitForURL(`${server.url}/cases`);
  await main.locator("table").waitFor();
  await checkWelsh(page, "cases", findings);

  // Find a case: Rowan Quill's is not Reyes Law's yet, so a search by URN finds nothing.
  await main.getByLabel(cy.app.cases.search.urn.label, { exact: true }).fill(ACCESS_CASE.urn);
  await main.getByRole("button", { name: cy.app.cases.search.submit, exact: true }).click();
  await page.getByRole("status").filter({ hasText: cy.app.cases.search.noMatch.title }).waitFor({ state: "attached" });
  await checkWelsh(page, "cases-no-match", findings);

  // Get access with the URN, surname and date of birth; sent empty first, the errors are Welsh.
  await main.getByRole("link", { name: cy.app.cases.search.getAccess.link }).click();
  await page.waitForURL(`${server.url}/cases/access`);
  await page.getByRole("heading", { level: 1, name: cy.app.cases.access.title }).waitFor();
  await checkWelsh(page, "get-access", findings);
  await main.getByRole("button", { name: cy.app.cases.access.submit, exact: true }).click();
  const summary = page.locator(".govuk-error-summary");
  await summary.getByText(cy.app.cases.access.errors.urnRequired).waitFor();
  await checkWelsh(page, "get-access-errors", findings);
  await checkPage(page, "welsh-get-access-errors");
  await main.getByLabel(cy.app.cases.access.urn.label, { exact: true }).fill(ACCESS_CASE.urn);
  await main.getByLabel(cy.app.cases.access.surname.label).fill(ACCESS_CASE.surname);
  const dateOfBirth = main.getByRole("group", { name: cy.app.cases.access.dateOfBirth.legend });
  await dateOfBirth.getByLabel(cy.app.dateInput.day).fill(ACCESS_CASE.day);
  await dateOfBirth.getByLabel(cy.app.dateInput.month).fill(ACCESS_CASE.month);
  await dateOfBirth.getByLabel(cy.app.dateInput.year).fill(ACCESS_CASE.year);
  await main.getByRole("button", { name: cy.app.cases.access.submit, exact: true }).click();
  await page.waitForURL(`${server.url}/cases/${ACCESS_CASE.id}`);
  await page.getByText(cy.app.cases.access.granted.heading).waitFor();
  await page.getByRole("heading", { level: 2, name: "Rowan Quill" }).waitFor();
  await checkWelsh(page, "case-overview", findings);

  // Read the IDPC: the documents tab, then the first document in the viewer.
  await sections.getByRole("link", { name: cy.app.cases.workspace.navigation.documents }).click();
  await page.waitForURL(`${server.url}/cases/${ACCESS_CASE.id}/documents`);
  const firstDocument = main.locator("table tbody th a").first();
  await firstDocument.waitFor();
  await checkWelsh(page, "documents", findings);
  const title = (await firstDocument.textContent()) ?? "";
  await firstDocument.click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.locator(`.app-pdf-page[aria-label="${fill(cy.app.documents.viewer.page, { page: "1" })}"] .textLayer span`).first().waitFor();
  await checkWelsh(page, "document-viewer", findings);

  // Open the PET of 97KB2207126 from the case list and answer the defence's part.
  await page.getByRole("navigation", { name: cy.app.layout.navigation }).getByRole("link", { name: cy.app.navigation.cases, exact: true }).click();
  await page.waitForURL(`${server.url}/cases`);
  await main.getByRole("link", { name: PET_CASE.urn }).click();
  await page.waitForURL(`${server.url}/cases/${PET_CASE.id}`);
  await sections.getByRole("link", { name: cy.app.cases.workspace.navigation.forms }).click();
  await page.waitForURL(`${server.url}/cases/${PET_CASE.id}/forms`);
  const petLink = main.getByRole("link", { name: fill(cy.app.caseForms.cardTitle, { title: cy.forms.pet.title, type: "PET" }) });
  await petLink.waitFor();
  await checkWelsh(page, "forms", findings);
  await petLink.click();
  await page.waitForURL(new RegExp(`/cases/${PET_CASE.id}/forms/[^/?]+$`));
  await page.getByRole("heading", { level: 1, name: cy.forms.pet.title }).waitFor();
  await main.locator('section.app-form-part[data-synced="true"]').waitFor();
  await main.getByRole("textbox", { name: cy.forms.pet.defence.realIssues.label }).fill(REAL_ISSUES);
  await main.locator('section.app-form-part .app-collab-status[data-status="saved"]').waitFor({ timeout: 5000 });
  await main.locator("section.app-form-part .app-collab-status").getByText(cy.app.caseForms.editor.status.saved, { exact: true }).waitFor();
  await checkWelsh(page, "pet", findings);
  await checkPage(page, "welsh-pet");

  // The court gives a standard direction to the defence; its news reaches Dan, in Welsh.
  const given = await lee.post(`/api/cases/${PET_CASE.id}/directions`, {
    directions: [{ templateId: "mc-defence-statement", responsibleParty: "defence", dueOn: DUE_ON }],
  });
  assert.is(given.status, 201, given.text);
  // Found by the Welsh words before the date; the whole text, date included, is checked apart.
  const news = page.locator(".app-direction-news").getByText(fill(cy.app.directions.news.heading, { urn: PET_CASE.urn, text: DIRECTION_CY_START }));
  await news.waitFor({ timeout: 5000 });
  expectText(findings, "pet-direction-news", (await news.textContent()) ?? "", fill(cy.app.directions.news.heading, { urn: PET_CASE.urn, text: DIRECTION_CY }));
  await checkWelsh(page, "pet-direction-news", findings);
  await page.getByRole("link", { name: new RegExp(`^${escapeRegExp(cy.app.directions.news.link)}`) }).click();
  await page.waitForURL(`${server.url}/cases/${PET_CASE.id}/directions`);
  const direction = main.locator("article.app-direction").filter({ hasText: DIRECTION_CY_START });
  const heading = direction.getByRole("heading", { name: DIRECTION_CY_START });
  await heading.waitFor();
  expectText(findings, "directions", (await heading.textContent()) ?? "", DIRECTION_CY);
  await checkWelsh(page, "directions", findings);
  await checkPage(page, "welsh-directions");

  // Acknowledge it: the button names the direction in Welsh, and the acknowledgement is Welsh.
  const acknowledgeName = `${cy.app.directions.acknowledge} ${fill(cy.app.directions.acknowledgeOf, { text: DIRECTION_CY_START })}`;
  const acknowledge = direction.getByRole("button", { name: new RegExp(`^${escapeRegExp(acknowledgeName)}`) });
  await acknowledge.click();
  const acknowledged = direction.getByText(`${cy.app.directions.acknowledgedBy.split("{{organisation}}")[0]}Reyes Law LLP`);
  await acknowledged.waitFor();
  assert.is(await acknowledge.count(), 0, "acknowledged once, the button goes");
  const acknowledgement = ((await acknowledged.textContent()) ?? "").trim();
  if (!WELSH_MONTHS.some((month) => acknowledgement.includes(` ${month} `))) findings.push(`directions-acknowledged: no Welsh month in "${acknowledgement}"`);
  await checkWelsh(page, "directions-acknowledged", findings);

  // Back to English with the header's "English": the same page, in English.
  const english = page.getByRole("link", { name: cy.app.layout.language.toEnglish });
  assert.is(await english.locator('[aria-hidden="true"]').textContent(), "English", "the link reads English");
  await english.click();
  await page.waitForURL(`${server.url}/cases/${PET_CASE.id}/directions`);
  await page.getByRole("heading", { level: 2, name: en.app.directions.heading, exact: true }).waitFor();
  await main.locator("article.app-direction").getByRole("heading", { name: DIRECTION_EN }).waitFor();
  await assertEnglish(page, "directions-in-english");

  assert.equal(dan.errors, [], "no console errors in the Welsh journey");
  assert.equal(findings, [], "every page of the journey is in Welsh");
  await page.context().close();
});

test.run();
