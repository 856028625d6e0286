import { describe, expect, test } from "vitest";
import { arrivalWindow, rescheduleNoticeApplies } from "@/lib/engine/customer-notice";

const m = (iso: string) => Date.parse(iso) / 60000;
const now = m("2026-11-23T14:00:00Z");
const at = (startIso: string, minutes = 60) => ({ start: m(startIso), end: m(startIso) + minutes });

describe("rescheduleNoticeApplies", () => {
  test.each([
    ["published visit moved, due in 3 hours", { published: true, previous: at("2026-11-23T17:00:00Z"), next: at("2026-11-23T19:00:00Z") }, true],
    ["published visit unassigned, due in 3 hours", { published: true, previous: at("2026-11-23T17:00:00Z"), next: null }, true],
    ["published visit due in 23 h 59 min", { published: true, previous: at("2026-11-24T13:59:00Z"), next: at("2026-11-25T13:59:00Z") }, true],
    ["published visit due in 2 days, moved to 2 days and 1 hour", { published: true, previous: at("2026-11-25T14:00:00Z"), next: at("2026-11-25T15:00:00Z") }, false],
    ["published visit next week pulled forward to tomorrow morning", { published: true, previous: at("2026-11-30T14:00:00Z"), next: at("2026-11-24T09:00:00Z") }, true],
    ["never published", { published: false, previous: at("2026-11-23T17:00:00Z"), next: at("2026-11-23T19:00:00Z") }, false],
    ["visit already over", { published: true, previous: at("2026-11-23T10:00:00Z"), next: at("2026-11-23T11:00:00Z") }, false],
    ["visit under way", { published: true, previous: at("2026-11-23T13:30:00Z"), next: at("2026-11-23T15:00:00Z") }, true],
  ])("%s → %s", (_name, change, expected) => {
    expect(rescheduleNoticeApplies({ ...change, now, ruleEnabled: true })).toBe(expected);
  });

  test("the company can switch the rule off", () => {
    expect(rescheduleNoticeApplies({ published: true, previous: at("2026-11-23T17:00:00Z"), next: null, now, ruleEnabled: false })).toBe(false);
  });
});

describe("arrivalWindow", () => {
  test.each([
    ["2026-11-23T14:10:00Z", "2026-11-23T14:00:00.000Z", "2026-11-23T16:00:00.000Z"],
    ["2026-11-23T14:30:00Z", "2026-11-23T14:30:00.000Z", "2026-11-23T16:30:00.000Z"],
    ["2026-11-23T14:59:00Z", "2026-11-23T14:30:00.000Z", "2026-11-23T16:30:00.000Z"],
  ])("a visit at %s is promised %s–%s", (start, from, to) => {
    const w = arrivalWindow(m(start));
    expect(new Date(w.start * 60000).toISOString()).toBe(from);
    expect(new Date(w.end * 60000).toISOString()).toBe(to);
  });
});
