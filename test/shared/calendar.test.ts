import * as assert from "uvu/assert";
import { suite } from "uvu";
import { addBusinessDays, deemedServiceDate, isBusinessDay, londonDateTime } from "../../shared/domain/calendar.ts";

const test = suite("calendar: business days and deemed service");

test("weekends and England and Wales bank holidays are not business days", () => {
  assert.not.ok(isBusinessDay("2026-11-28"), "Saturday");
  assert.not.ok(isBusinessDay("2026-11-29"), "Sunday");
  assert.not.ok(isBusinessDay("2026-12-25"), "Christmas Day");
  assert.not.ok(isBusinessDay("2026-12-28"), "Boxing Day substitute");
  assert.ok(isBusinessDay("2026-11-27"), "Friday");
});

test("adding business days skips weekends and the Christmas holidays", () => {
  assert.is(addBusinessDays("2026-11-27", 1), "2026-11-30");
  assert.is(addBusinessDays("2026-12-24", 1), "2026-12-29");
  assert.is(addBusinessDays("2026-12-29", -1), "2026-12-24");
  assert.is(addBusinessDays("2027-03-25", 2), "2027-03-31", "Good Friday and Easter Monday 2027");
});

test("Europe/London local time follows British Summer Time", () => {
  assert.equal(londonDateTime("2026-07-01T13:30:00.000Z"), { date: "2026-07-01", time: "14:30" });
  assert.equal(londonDateTime("2026-12-01T23:30:00.000Z"), { date: "2026-12-01", time: "23:30" });
  assert.equal(londonDateTime("2026-06-30T23:30:00.000Z"), { date: "2026-07-01", time: "00:30" });
});

test("served by 14:30 London time on a business day is deemed served that day (CrimPR r.4.11)", () => {
  assert.is(deemedServiceDate("2026-11-27T14:30:00.000Z"), "2026-11-27");
  assert.is(deemedServiceDate("2026-11-27T14:31:00.000Z"), "2026-11-30", "Friday after 14:30 → Monday");
  assert.is(deemedServiceDate("2026-07-01T13:29:00.000Z"), "2026-07-01", "14:29 BST");
  assert.is(deemedServiceDate("2026-07-01T13:31:00.000Z"), "2026-07-02", "14:31 BST");
  assert.is(deemedServiceDate("2026-11-28T09:00:00.000Z"), "2026-11-30", "Saturday → Monday");
  assert.is(deemedServiceDate("2026-12-24T15:00:00.000Z"), "2026-12-29", "Christmas Eve afternoon");
});

test.run();
