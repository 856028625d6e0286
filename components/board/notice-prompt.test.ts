import { describe, expect, it } from "vitest";
import { needsNoticePrompt, noticeChannel, noticeOutcome } from "@/components/board/notice-prompt";

const m = (iso: string) => Date.parse(iso) / 60000;
const now = m("2026-11-23T14:00:00Z");
const published = { start: "2026-11-23T16:00:00Z", end: "2026-11-23T17:00:00Z", publishedAt: "2026-11-22T20:00:00Z" };
const later = { start: "2026-11-23T19:00:00Z", end: "2026-11-23T20:00:00Z" };
const on = { rescheduleNoticeEnabled: true };

describe("needsNoticePrompt", () => {
  it("asks when a published visit within 24 hours moves", () => {
    expect(needsNoticePrompt({ company: on, current: published, next: later, now })).toBe(true);
  });

  it("asks when a published visit within 24 hours is unscheduled", () => {
    expect(needsNoticePrompt({ company: on, current: published, next: null, now })).toBe(true);
  });

  it.each([
    ["the visit was never published", { company: on, current: { ...published, publishedAt: null }, next: later, now }],
    ["the job is new to the board", { company: on, current: undefined, next: later, now }],
    ["the company switched the rule off", { company: { rescheduleNoticeEnabled: false }, current: published, next: later, now }],
    [
      "the visit is days away",
      { company: on, current: { ...published, start: "2026-11-26T16:00:00Z", end: "2026-11-26T17:00:00Z" }, next: { start: "2026-11-27T16:00:00Z", end: "2026-11-27T17:00:00Z" }, now },
    ],
  ])("does not ask when %s", (_why, input) => expect(needsNoticePrompt(input)).toBe(false));
});

describe("noticeChannel", () => {
  it.each([
    [{ customerPhone: "+1555", customerEmail: "a@b.c" }, "SMS (or email)"],
    [{ customerPhone: "+1555", customerEmail: null }, "SMS"],
    [{ customerPhone: null, customerEmail: "a@b.c" }, "email"],
  ])("names how the customer is reached", (job, text) => expect(noticeChannel(job)).toBe(text));
});

describe("noticeOutcome", () => {
  it.each([
    ["queued", "Customer notified"],
    ["declined", "Customer not notified"],
    ["not_needed", null],
  ] as const)("%s reads %s", (result, text) => expect(noticeOutcome(result)).toBe(text));
});
