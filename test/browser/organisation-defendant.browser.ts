import * as assert from "uvu/assert";
import { addCalendarDays, londonDateTime } from "../../shared/domain/calendar.ts";
import { checkPage } from "../helpers/accessibility.ts";
import { browserSuite, expectErrorSummary, fillDateInput, openCreateCase, openPage, signInAs } from "../helpers/browser.ts";

/**
 * A defendant may be an organisation (a company, a council, a partnership): court staff create a
 * case against one, list its first hearing and correct its name; the defence then gets access to
 * it with the URN, the organisation's name and the date of its first hearing, as on the summons.
 */
const test = browserSuite("an organisation is a defendant, in Chromium");

const URN = "52KB0099927";
const NAME = "Acme Haulage Ltd";
const RENAMED = "Acme Haulage (Kingsbridge) Ltd";
const HEARING_DATE = addCalendarDays(londonDateTime(new Date()).date, 7);


test("court staff create a case against an organisation, and the defence gets access with its name and first hearing date", async ({ server, browser }) => {
  const { page, errors } = await openCreateCase(browser, server);

  // A person by default; choosing Organisation asks its name instead of a person's details.
  const kind = page.getByRole("group", { name: "Is the defendant a person or an organisation?" });
  assert.ok(await kind.getByRole("radio", { name: "Person" }).isChecked());
  await kind.getByRole("radio", { name: "Organisation" }).check();
  await page.getByLabel("Organisation name").waitFor();
  for (const id of ["firstName", "lastName", "dateOfBirth-day", "custody"]) {
    assert.is(await page.locator(`#defendants-0-${id}`).count(), 0, `no ${id} for an organisation`);
  }
  await checkPage(page, "organisation-defendant-create");

  await page.getByLabel("Unique reference number (URN)").fill(URN);
  // The prosecutors and courts are offered by name (court staff: any prosecutor, at their own courts).
  const prosecutor = page.getByLabel("Prosecuting authority");
  await prosecutor.locator("option", { hasText: "CPS Mercia" }).waitFor({ state: "attached" });
  assert.equal(await prosecutor.locator("option").allTextContents(), ["CPS Mercia", "CPS Wessex"]);
  await prosecutor.selectOption({ label: "CPS Wessex" });
  // The courts are those of the jurisdiction chosen.
  const jurisdiction = page.getByRole("group", { name: "Jurisdiction" });
  await jurisdiction.getByRole("radio", { name: "Crown Court" }).check();
  assert.equal(await page.locator("#courtCode option").allTextContents(), ["Castlebury Crown Court"]);
  await jurisdiction.getByRole("radio", { name: "Magistrates' court" }).check();
  assert.equal(await page.locator("#courtCode option").allTextContents(), ["Avonford Magistrates' Court", "Kingsbridge Magistrates' Court"]);
  await page.locator("#courtCode").selectOption({ label: "Kingsbridge Magistrates' Court" });
  const offence = (name: string) => page.locator(`#defendants-0-offences-0-${name}`);
  await offence("code").fill("RT88191");
  await offence("title").fill("Using a vehicle in a dangerous condition");
  await offence("wording").fill("On 3 November 2026 at Kingsbridge used a goods vehicle with defective brakes.");
  await offence("legislation").fill("Road Traffic Act 1988, s.40A");
  await fillDateInput(page, "defendants-0-offences-0-startDate", "2026-11-03");
  await offence("modeOfTrial").check();
  await fillDateInput(page, "hearing-date", HEARING_DATE);
  await page.locator("#hearing-startTime").fill("10:00");
  await page.getByRole("button", { name: "Create case" }).click();

  // The missing name: an error summary that takes focus and links to the field.
  await expectErrorSummary(page, ["Enter the organisation name"], "defendants-0-organisationName", "organisation-defendant-create-errors");

  await page.locator("#defendants-0-organisationName").fill(NAME);
  await page.getByRole("button", { name: "Create case" }).click();
  await page.waitForURL(/\/cases\/(?!new)[^/]+$/);
  const caseUrl = page.url();
  assert.is(await page.getByRole("heading", { level: 1 }).textContent(), URN);
  const defendant = (name: string) => page.locator("section", { has: page.getByRole("heading", { level: 2, name }) });
  await defendant(NAME).waitFor();
  // It says what it is, and has no date of birth, custody status or bail.
  const row = (name: string) => defendant(NAME).locator(".govuk-summary-list__row", { has: page.locator("dt", { hasText: name }) });
  assert.is(await row("Type").locator("dd").textContent(), "Organisation");
  for (const label of ["Date of birth", "Custody status", "Custody time limit", "Bail conditions"]) {
    assert.is(await row(label).count(), 0, `no ${label} row for an organisation`);
  }
  assert.not.match((await page.locator("main").textContent()) ?? "", /null|Invalid Date/);

  // Its first hearing is on the court list, under its name.
  await page.getByRole("link", { name: "Court list" }).click();
  await page.waitForURL(`${server.url}/court-list`);
  await fillDateInput(page, "date", HEARING_DATE);
  await page.getByRole("button", { name: "Show hearings" }).click();
  await page.waitForURL(`${server.url}/court-list?date=${HEARING_DATE}`);
  const listing = page.locator("main table tr", { hasText: URN });
  await listing.waitFor();
  assert.match((await listing.textContent()) ?? "", new RegExp(NAME));

  // The case list names it, says it is an organisation, and gives no date of birth.
  await page.goto(`${server.url}/cases?urn=${URN}`);
  const found = page.locator("main table tr", { hasText: URN });
  await found.waitFor();
  const foundText = (await found.textContent()) ?? "";
  assert.match(foundText, new RegExp(`${NAME}Organisation`));
  assert.not.match(foundText, /Date of birth|null|Invalid Date/);

  // Edit case details: an organisation has its name to correct, and no person's details.
  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Edit case details" }).click();
  await page.waitForURL(`${caseUrl}/edit`);
  await page.getByRole("heading", { level: 1, name: "Edit case details" }).waitFor();
  const organisationName = page.locator("#defendants-0-organisationName");
  assert.is(await organisationName.inputValue(), NAME);
  for (const id of ["firstName", "dateOfBirth-day", "custody", "custodyTimeLimit-day", "bailConditions"]) {
    assert.is(await page.locator(`#defendants-0-${id}`).count(), 0, `no ${id} to edit for an organisation`);
  }
  await checkPage(page, "organisation-defendant-edit");
  await organisationName.fill(RENAMED);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(caseUrl);
  await defendant(RENAMED).waitFor();
  assert.equal(errors, []);
  await page.context().close();

  // The defence gets access with the organisation's details, as on the summons.
  const dan = await browser.newContext();
  const defence = await openPage(dan);
  await signInAs(defence.page, server, "Dan Reyes", "/cases/access");
  const access = defence.page;
  await access.getByRole("heading", { level: 1, name: "Get access to a case" }).waitFor();
  const accessKind = access.getByRole("group", { name: "Is the defendant a person or an organisation?" });
  await accessKind.getByRole("radio", { name: "Organisation" }).check();
  await access.getByLabel("Organisation name").waitFor();
  assert.is(await access.getByLabel("Defendant's surname").count(), 0);
  assert.is(await access.getByRole("group", { name: "Defendant's date of birth" }).count(), 0);
  await checkPage(access, "organisation-defendant-access");

  // Nothing but the URN: the organisation's questions are the ones asked.
  await access.getByLabel("URN", { exact: true }).fill(URN);
  await access.getByRole("button", { name: "Get access" }).click();
  const problems = access.locator(".govuk-error-summary");
  await problems.waitFor();
  assert.equal(await problems.locator("li").allTextContents(), ["Enter the organisation's name", "Enter the date of the first hearing"]);
  assert.ok(await problems.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)));
  await checkPage(access, "organisation-defendant-access-errors");
  await problems.getByRole("link", { name: "Enter the date of the first hearing" }).click();
  assert.ok(await access.locator("#hearingDate-day").evaluate((el) => el === document.activeElement));
  // Asked about a person instead, those problems go with the organisation's questions.
  await accessKind.getByRole("radio", { name: "Person" }).check();
  await access.getByLabel("Defendant's surname").waitFor();
  await problems.waitFor({ state: "detached" });
  await accessKind.getByRole("radio", { name: "Organisation" }).check();

  // A date with no hearing in the case: the neutral message, which reveals nothing.
  await access.getByLabel("Organisation name").fill(RENAMED.toUpperCase());
  await fillDateInput(access, "hearingDate", addCalendarDays(HEARING_DATE, 1));
  await access.getByRole("button", { name: "Get access" }).click();
  await problems.filter({ hasText: "could not match those details" }).waitFor();
  assert.match((await problems.textContent()) ?? "", /organisation's name and the hearing date/);
  assert.ok(await problems.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)));
  assert.is(access.url(), `${server.url}/cases/access`);

  await fillDateInput(access, "hearingDate", HEARING_DATE);
  await access.getByRole("button", { name: "Get access" }).click();
  await access.waitForURL(caseUrl);
  await access.getByText("You now have access to this case").waitFor();
  const section = access.locator("section", { has: access.getByRole("heading", { level: 2, name: RENAMED }) });
  await section.waitFor();
  assert.is(await section.locator("dt", { hasText: "Date of birth" }).count(), 0);
  await section.locator("dd", { hasText: "Reyes Law LLP" }).waitFor();
  // Only the expected 404 of the wrong hearing date reached the console.
  assert.equal(defence.errors.filter((e) => !/status of 404 .*\/api\/associations/.test(e)), []);
  await dan.close();
});

test.run();
