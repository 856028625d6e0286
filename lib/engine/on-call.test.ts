import { describe, expect, test } from "vitest";
import { onCallAt, onCallHours, turnsBetween, type ApprovedSwap, type Rotation } from "@/lib/engine/on-call";

const minute = (iso: string) => Date.parse(iso) / 60000;
// Chicago: CST is UTC-6; DST starts Sunday 2027-03-14 at 02:00
const daily: Rotation = {
  id: "r1",
  name: "Nights",
  cadence: "daily",
  handoverTime: "08:00",
  timeZone: "America/Chicago",
  startsOn: "2027-03-10",
  memberIds: ["ana", "bo", "cy"],
};

describe("onCallAt", () => {
  test.each([
    ["2027-03-10T13:59:00Z", null], // 07:59 on the first day: before the rotation starts
    ["2027-03-10T14:00:00Z", "ana"], // 08:00: the first turn begins
    ["2027-03-11T13:59:00Z", "ana"], // 07:59 next morning: still Ana
    ["2027-03-11T14:00:00Z", "bo"], // 08:00: handover to Bo
    ["2027-03-13T14:00:00Z", "ana"], // the fourth turn wraps around to Ana
    ["2027-03-14T12:59:00Z", "ana"], // 07:59 CDT on the DST day (UTC-5 from 02:00)
    ["2027-03-14T13:00:00Z", "bo"], // 08:00 CDT: the handover follows the wall clock
  ])("at %s the person on call is %s", (at, who) => {
    expect(onCallAt(daily, [], minute(at))?.technicianId ?? null).toBe(who);
  });

  test("the turn across the DST change lasts 23 real hours", () => {
    const t = onCallAt(daily, [], minute("2027-03-13T20:00:00Z"))!;
    expect(t.end - t.start).toBe(23 * 60);
  });

  test("an approved swap gives that turn, and only that turn, to the other member", () => {
    const swaps: ApprovedSwap[] = [{ rotationId: "r1", turnStart: minute("2027-03-11T14:00:00Z"), fromTechnicianId: "bo", toTechnicianId: "cy" }];
    expect(onCallAt(daily, swaps, minute("2027-03-11T20:00:00Z"))).toMatchObject({ technicianId: "cy", swappedFrom: "bo" });
    expect(onCallAt(daily, swaps, minute("2027-03-12T20:00:00Z"))).toMatchObject({ technicianId: "cy", swappedFrom: null });
    expect(onCallAt(daily, swaps, minute("2027-03-13T20:00:00Z"))).toMatchObject({ technicianId: "ana" });
  });

  test("a weekly rotation hands over every seven days", () => {
    const weekly: Rotation = { ...daily, cadence: "weekly", startsOn: "2027-03-01" };
    expect(onCallAt(weekly, [], minute("2027-03-08T13:59:00Z"))?.technicianId).toBe("ana");
    expect(onCallAt(weekly, [], minute("2027-03-08T14:00:00Z"))?.technicianId).toBe("bo");
  });
});

describe("turns and hours", () => {
  test("turns in a period, and on-call hours clipped to it, add up to the period", () => {
    const from = minute("2027-03-10T14:00:00Z");
    const to = minute("2027-03-16T13:00:00Z"); // 08:00 CDT on the 16th
    const turns = turnsBetween(daily, [], from, to);
    expect(turns.map((t) => t.technicianId)).toEqual(["ana", "bo", "cy", "ana", "bo", "cy"]);
    const hours = onCallHours(daily, [], from, to);
    expect([...hours.values()].reduce((a, b) => a + b, 0)).toBe((to - from) / 60);
    expect(hours.get("ana")).toBe(24 + 23); // the 10th, and the 13th that loses an hour to DST
    expect(hours.get("bo")).toBe(24 + 24);
  });
});
