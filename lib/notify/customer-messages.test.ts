import { describe, expect, test } from "vitest";
import { SMS_MAX_LENGTH } from "@/lib/notify/notice-text";
import { composeArrivalWindow, composeReschedule, type CustomerVisit } from "@/lib/notify/customer-messages";
import { composeTechnicianDay } from "@/lib/notify/technician-day";

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
