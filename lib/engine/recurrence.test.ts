import { describe, expect, test } from "vitest";
import { describeRecurrence, occurrences, type RecurrenceRule } from "@/lib/engine/recurrence";

const rule = (r: Partial<RecurrenceRule>): RecurrenceRule => ({ frequency: "weekly", every: 1, startsOn: "2026-12-08", endsOn: null, ...r });

describe("occurrences", () => {
  test.each([
    [rule({ every: 2 }), "2026-12-01", "2027-01-10", ["2026-12-08", "2026-12-22", "2027-01-05"]],
    [rule({ every: 2 }), "2026-12-09", "2027-01-10", ["2026-12-22", "2027-01-05"]],
    [rule({ endsOn: "2026-12-20" }), "2026-12-01", "2027-01-31", ["2026-12-08", "2026-12-15"]],
    [rule({ frequency: "monthly", startsOn: "2027-01-31" }), "2027-01-01", "2027-05-31", ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]],
    [rule({ frequency: "monthly", every: 3, startsOn: "2026-11-15" }), "2026-12-01", "2027-08-31", ["2027-02-15", "2027-05-15", "2027-08-15"]],
    [rule({ frequency: "monthly_weekday" }), "2026-12-01", "2027-03-31", ["2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09"]],
    // a fifth Tuesday a month lacks becomes its last Tuesday
    [rule({ frequency: "monthly_weekday", startsOn: "2026-12-29" }), "2026-12-01", "2027-02-28", ["2026-12-29", "2027-01-26", "2027-02-23"]],
    // across the spring DST change nothing shifts: plain dates
    [rule({ startsOn: "2027-03-07" }), "2027-03-01", "2027-03-21", ["2027-03-07", "2027-03-14", "2027-03-21"]],
    [rule({ startsOn: "2027-06-01" }), "2026-12-01", "2027-01-31", []],
  ])("%o in [%s, %s]", (r, from, to, expected) => {
    expect(occurrences(r, from, to)).toEqual(expected);
  });
});

test.each([
  [rule({ every: 2 }), "every 2 weeks on Tuesday"],
  [rule({ frequency: "monthly", startsOn: "2027-01-31", endsOn: "2027-12-31" }), "every month on day 31 (or the month's last day) until 2027-12-31"],
  [rule({ frequency: "monthly_weekday", every: 3 }), "every 3 months on the second Tuesday"],
])("describes %o", (r, text) => {
  expect(describeRecurrence(r)).toBe(text);
});
