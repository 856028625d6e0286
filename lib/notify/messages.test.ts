import { describe, expect, test } from "vitest";
import {
  SMS_MAX_LENGTH,
  chooseCustomerChannel,
  composeArrivalWindow,
  composeReschedule,
  composeTechnicianDay,
  formatDayLabel,
  formatWindow,
  normalizePhone,
  type CustomerVisit,
  type TechnicianDayStop,
} from "@/lib/notify/messages";

const CHICAGO = "America/Chicago";
// Monday 23 November 2026; Chicago is UTC-6 (CST).
const at = (hhmm: string, date = "2026-11-23") => {
  const [h, m] = hhmm.split(":").map(Number);
  const [y, mo, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h + 6, m)).toISOString(); // Chicago wall clock → UTC
};

const visit: CustomerVisit = {
  companyName: "Acme Heating",
  timeZone: CHICAGO,
  customerName: "Dana Whitfield",
  workOrder: "WO-1042",
  address: "1450 W Lake St, Chicago",
  description: "No heat, furnace short-cycling",
  technicianName: "Sam Ortiz",
  contactPhone: "312-555-0100",
};

describe("formatWindow", () => {
  test.each([
    [{ start: at("09:30"), end: at("11:30") }, CHICAGO, "between 09:30 and 11:30 on Monday, November 23"],
    [{ start: "2026-11-23T15:30:00Z", end: "2026-11-23T17:30:00Z" }, "UTC", "between 15:30 and 17:30 on Monday, November 23"],
    [{ start: at("22:00"), end: at("01:00", "2026-11-24") }, CHICAGO, "between 22:00 on Monday, November 23 and 01:00 on Tuesday, November 24"],
    [{ start: at("22:00"), end: at("00:00", "2026-11-24") }, CHICAGO, "between 22:00 and 00:00 on Monday, November 23"],
    // 23:30 UTC on the 23rd is already the 24th in Berlin
    [{ start: "2026-11-23T23:30:00Z", end: "2026-11-24T01:30:00Z" }, "Europe/Berlin", "between 00:30 and 02:30 on Tuesday, November 24"],
  ])("%o in %s reads %s", (window, tz, expected) => {
    expect(formatWindow(window, tz)).toBe(expected);
  });

  test("the day is the company's, not UTC's", () => {
    expect(formatDayLabel("2026-11-24T03:00:00Z", CHICAGO)).toBe("Monday, November 23");
  });
});

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

describe("composeArrivalWindow", () => {
  const window = { start: at("09:30"), end: at("11:30") };

  test.each([
    {
      change: "new" as const,
      subject: "Your Acme Heating visit: Monday, November 23, 09:30–11:30",
      opening: "Acme Heating will arrive between 09:30 and 11:30 on Monday, November 23 for your service visit.",
      sms: "Acme Heating: your visit (WO-1042) is scheduled between 09:30 and 11:30 on Monday, November 23. Technician: Sam Ortiz. Reply or call 312-555-0100 if that does not work.",
    },
    {
      change: "changed" as const,
      subject: "New arrival window for your Acme Heating visit: Monday, November 23, 09:30–11:30",
      opening:
        "The arrival window for your service visit has changed. Acme Heating will now arrive between 09:30 and 11:30 on Monday, November 23.",
      sms: "Acme Heating: NEW TIME for your visit (WO-1042): between 09:30 and 11:30 on Monday, November 23. Technician: Sam Ortiz. Reply or call 312-555-0100 if that does not work.",
    },
  ])("a $change visit", ({ change, subject, opening, sms }) => {
    const notice = composeArrivalWindow({ ...visit, window, change });
    expect(notice.subject).toBe(subject);
    expect(notice.text).toBe(
      [
        "Hello Dana Whitfield,",
        "",
        opening,
        "",
        "Work order: WO-1042",
        "Address: 1450 W Lake St, Chicago",
        "Work: No heat, furnace short-cycling",
        "Technician: Sam Ortiz",
        "",
        "If this time does not suit you, reply to this message or call us at 312-555-0100.",
        "",
        "Acme Heating",
      ].join("\n"),
    );
    expect(notice.sms).toBe(sms);
  });

  test("leaves out what is not known", () => {
    const notice = composeArrivalWindow({
      companyName: "Acme Heating",
      timeZone: CHICAGO,
      customerName: "Dana",
      workOrder: "WO-7",
      window,
      change: "new",
    });
    expect(notice.text).not.toMatch(/Address|Technician|Work:|call us/);
    expect(notice.sms).toBe("Acme Heating: your visit (WO-7) is scheduled between 09:30 and 11:30 on Monday, November 23. Reply if that does not work.");
  });
});

describe("composeReschedule", () => {
  const from = { start: at("09:30"), end: at("11:30") };

  test.each([
    {
      name: "moved later the same day",
      to: { start: at("13:00"), end: at("15:00") },
      line: "Your service visit has moved from between 09:30 and 11:30 to between 13:00 and 15:00 on Monday, November 23.",
      subject: "Your Acme Heating visit has moved to Monday, November 23, 13:00–15:00",
    },
    {
      name: "moved to another day",
      to: { start: at("08:00", "2026-11-24"), end: at("10:00", "2026-11-24") },
      line: "Your service visit has moved from between 09:30 and 11:30 on Monday, November 23 to between 08:00 and 10:00 on Tuesday, November 24.",
      subject: "Your Acme Heating visit has moved to Tuesday, November 24, 08:00–10:00",
    },
    {
      name: "removed from the schedule",
      to: null,
      line: "Your service visit planned between 09:30 and 11:30 on Monday, November 23 has been removed from the schedule; we will contact you to rebook.",
      subject: "Your Acme Heating visit on Monday, November 23 needs a new time",
    },
  ])("$name", ({ to, line, subject }) => {
    const notice = composeReschedule({ ...visit, from, to, reason: "an emergency call nearby" });
    expect(notice.subject).toBe(subject);
    expect(notice.text.split("\n")).toContain(line);
    expect(notice.text).toContain("This is because of an emergency call nearby.");
    expect(notice.sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(notice.sms).toContain(line.replace("Your service visit", "your visit (WO-1042)").replace(/\.$/, ""));
  });

  test("a removed visit does not name a technician who will not come", () => {
    const notice = composeReschedule({ ...visit, from, to: null });
    expect(notice.text).not.toContain("Sam Ortiz");
    expect(notice.sms).toBe(
      "Acme Heating: your visit (WO-1042) planned between 09:30 and 11:30 on Monday, November 23 has been removed from the schedule; we will contact you to rebook. Questions: 312-555-0100.",
    );
  });
});

describe("text messages stay within two segments", () => {
  const long = "Very Long Name ".repeat(20);
  const big: CustomerVisit = { ...visit, companyName: long, customerName: long, address: long, technicianName: long, contactPhone: "312-555-0100" };
  const window = { start: at("09:30"), end: at("11:30") };
  test.each([
    ["arrival", () => composeArrivalWindow({ ...big, window, change: "new" }).sms],
    ["reschedule", () => composeReschedule({ ...big, from: window, to: window, reason: long }).sms],
    ["removal", () => composeReschedule({ ...big, from: window, to: null }).sms],
    ["technician day", () => composeTechnicianDay({ companyName: long, timeZone: CHICAGO, technicianName: long, date: "2026-11-23", stops: [] }).sms],
  ])("%s", (_, sms) => {
    const text = sms();
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(text).not.toContain("\n");
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("chooseCustomerChannel", () => {
  test.each([
    [{ phone: "+1 (312) 555-0100", email: "dana@example.com" }, "sms", { channel: "sms", recipient: "+13125550100" }],
    [{ phone: "+1 (312) 555-0100", email: "dana@example.com" }, "email", { channel: "email", recipient: "dana@example.com" }],
    [{ phone: null, email: " dana@example.com " }, "sms", { channel: "email", recipient: "dana@example.com" }],
    [{ phone: "312.555.0100", email: null }, "email", { channel: "sms", recipient: "3125550100" }],
    [{ phone: "  ", email: "" }, "sms", null],
    [{ phone: "n/a", email: "not an address" }, "email", null],
    [{}, "sms", null],
  ] as const)("%o preferring %s → %o", (contact, prefer, expected) => {
    expect(chooseCustomerChannel(contact, prefer)).toEqual(expected);
  });
});

describe("normalizePhone", () => {
  test.each([
    ["+44 20 7946 0958", "+442079460958"],
    ["(312) 555-0100", "3125550100"],
    ["555", null],
    ["", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
});
