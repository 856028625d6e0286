import { describe, expect, test } from "vitest";
import { SMS_MAX_LENGTH } from "@/lib/notify/notice-text";
import { composeTechnicianDay, type TechnicianDayStop } from "@/lib/notify/technician-day";

const CHICAGO = "America/Chicago";
// Monday 23 November 2026; Chicago is UTC-6 (CST).
const at = (hhmm: string, date = "2026-11-23") => {
  const [h, m] = hhmm.split(":").map(Number);
  const [y, mo, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h + 6, m)).toISOString(); // Chicago wall clock → UTC
};

describe("composeTechnicianDay", () => {
  const stops: TechnicianDayStop[] = [
    {
      start: at("10:15"),
      end: at("11:00"),
      workOrder: "WO-1043",
      customerName: "Lakeview Dental",
      address: "3100 N Broadway",
      travelMinutes: 22,
      notes: "Use the rear entrance",
      role: "helper",
      leaderName: "Ana Ruiz",
    },
    {
      start: at("08:30"),
      end: at("10:00"),
      workOrder: "WO-1042",
      customerName: "Dana Whitfield",
      address: "1450 W Lake St",
      travelMinutes: 18,
      description: "No heat",
      notes: "Dog in the yard; call on arrival",
    },
  ];
  const input = { companyName: "Acme Heating", timeZone: CHICAGO, technicianName: "Sam Ortiz", date: "2026-11-23", stops };

  test("lists the day in route order with times, addresses, drives and notes, in the company's zone", () => {
    const notice = composeTechnicianDay(input);
    expect(notice.subject).toBe("Your schedule for Monday, November 23: 2 jobs from 08:30");
    expect(notice.text).toBe(
      [
        "Hi Sam,",
        "",
        "Here is your schedule for Monday, November 23 (times in America/Chicago):",
        "",
        "1. 08:30–10:00  WO-1042 · Dana Whitfield",
        "   1450 W Lake St",
        "   Drive: 18 min from home",
        "   Job: No heat",
        "   Notes: Dog in the yard; call on arrival",
        "",
        "2. 10:15–11:00  WO-1043 · Lakeview Dental (helping Ana Ruiz)",
        "   3100 N Broadway",
        "   Drive: 22 min from the previous job",
        "   Notes: Use the rear entrance",
        "",
        "2 jobs, 2 h 15 min of work, 40 min of driving.",
        "",
        "Acme Heating",
      ].join("\n"),
    );
    expect(notice.sms).toBe(
      "Acme Heating: Your schedule for Monday, November 23, 2 jobs: 08:30 WO-1042 (1450 W Lake St); 10:15 WO-1043 (3100 N Broadway).",
    );
  });

  test("an update says it replaces the earlier notice", () => {
    const notice = composeTechnicianDay({ ...input, update: true });
    expect(notice.subject).toBe("Updated schedule for Monday, November 23: 2 jobs from 08:30");
    expect(notice.text).toContain("Your schedule for Monday, November 23 has changed. This replaces what we sent before");
    expect(notice.sms).toMatch(/^Acme Heating: UPDATED schedule/);
  });

  test.each([
    [false, "You have no jobs scheduled for Monday, November 23.", "Your schedule for Monday, November 23: no jobs"],
    [true, "Your schedule for Monday, November 23 has changed: you have no jobs that day any more.", "Updated schedule for Monday, November 23: no jobs"],
  ])("a day without jobs (update: %s)", (update, line, subject) => {
    const notice = composeTechnicianDay({ ...input, stops: [], update });
    expect(notice.text).toContain(line);
    expect(notice.subject).toBe(subject);
  });

  test("a long day's text message keeps the first stops and counts the rest", () => {
    const many: TechnicianDayStop[] = Array.from({ length: 12 }, (_, i) => ({
      start: at(`${String(7 + i).padStart(2, "0")}:00`),
      end: at(`${String(7 + i).padStart(2, "0")}:45`),
      workOrder: `WO-20${String(i).padStart(2, "0")}`,
      customerName: `Customer ${i}`,
      address: `${1000 + i} N Milwaukee Ave, Unit ${i}`,
      travelMinutes: 10,
    }));
    const { sms } = composeTechnicianDay({ ...input, stops: many });
    expect(sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(sms).toMatch(/^Acme Heating: Your schedule for Monday, November 23, 12 jobs: 07:00 WO-2000/);
    const shown = (sms.match(/WO-20\d\d/g) ?? []).length;
    expect(shown).toBeGreaterThan(2);
    expect(sms).toMatch(new RegExp(`\\+${12 - shown} more\\.$`));
  });
});
