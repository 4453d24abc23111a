import * as assert from "uvu/assert";
import { suite } from "uvu";
import { computeDueDate, DIRECTION_TEMPLATES, findTemplate } from "../../shared/domain/direction-templates.ts";

const test = suite("direction templates: due dates");
const due = (id: string, triggers: Record<string, string>, inCustody = false) => {
  const template = findTemplate(id);
  if (!template) throw new Error(id);
  return computeDueDate(template.due, triggers, { inCustody });
};

test("every template has a catalogue-style id, a legal basis and a valid rule", () => {
  for (const t of DIRECTION_TEMPLATES) {
    assert.match(t.id, /^[a-z]+(-[a-z0-9]+)+$/);
    assert.ok(t.legalBasis.length > 5, t.id);
  }
});

test("calendar days run across weekends and bank holidays", () => {
  assert.is(due("mc-prosecution-evidence", { notGuiltyPlea: "2026-11-27" }), "2026-12-25", "28 calendar days, even onto Christmas Day");
  assert.is(due("mc-witnesses-required", { notGuiltyPlea: "2026-11-27" }), "2026-12-04");
  assert.is(due("mc-defence-statement", { initialDisclosure: "2026-12-18" }), "2027-01-01");
});

test("business days skip weekends and England and Wales bank holidays", () => {
  // 20 business days from Fri 27 Nov 2026: skips weekends, Christmas Day and the Boxing Day substitute.
  assert.is(due("mc-bad-character-prosecution", { notGuiltyPlea: "2026-11-27" }), "2026-12-29");
  assert.is(due("mc-bad-character-prosecution", { notGuiltyPlea: "2027-03-04" }), "2027-04-05", "Good Friday and Easter Monday 2027");
  assert.is(due("mc-interpreter", { trialDate: "2027-02-10" }), "2027-02-03", "5 business days before the trial");
});

test("Crown Court stages run from sending: 50 days in custody, 70 on bail, then +28, +14, +14", () => {
  assert.is(due("cc-stage-1", { sending: "2026-11-13" }, true), "2027-01-02");
  assert.is(due("cc-stage-1", { sending: "2026-11-13" }, false), "2027-01-22");
  assert.is(due("cc-stage-2", { sending: "2026-11-13" }, true), "2027-01-30");
  assert.is(due("cc-stage-3", { sending: "2026-11-13" }, true), "2027-02-13");
  assert.is(due("cc-stage-4", { sending: "2026-11-13" }, false), "2027-03-19");
  assert.is(due("cc-trial-readiness", { trialDate: "2027-03-08" }), "2027-02-08");
  assert.is(due("cc-dismissal", { initialDisclosure: "2026-12-21" }), "2027-01-21", "20 business days over Christmas and New Year");
});

test("a rule whose trigger is unknown, or a fixed date, computes nothing", () => {
  assert.is(due("cc-stage-1", {}), null);
  assert.is(due("any-fixed-date", { notGuiltyPlea: "2026-11-27" }), null);
});

test.run();
