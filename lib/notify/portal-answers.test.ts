import { describe, expect, test } from "vitest";
import { composeCancellationConfirmation, composeCancellationForOffice, composeRescheduleDeclined, composeRescheduleMoved } from "@/lib/notify/portal-answers";
import { SMS_MAX_LENGTH } from "@/lib/notify/notice-text";

const base = { companyName: "Polar Air", timeZone: "America/Chicago", workOrder: "WO-1201" };
const window = { start: "2026-11-24T15:00:00Z", end: "2026-11-24T16:00:00Z" };

describe("notices about the customer's own changes", () => {
  test("a moved visit says the new window in the company's zone", () => {
    const n = composeRescheduleMoved({ ...base, window });
    expect(n.sms).toBe("Polar Air moved your visit WO-1201 as you asked: we will arrive between 09:00 and 10:00 on Tuesday, November 24.");
    expect(n.subject).toBe("Polar Air: visit WO-1201 moved");
  });

  test("a declined request carries the dispatcher's words and the kept window, and a long reason never overflows a text", () => {
    const n = composeRescheduleDeclined({ ...base, window, message: "Thursday is  full,\nsorry." });
    expect(n.sms).toBe("Polar Air could not move your visit WO-1201. We will arrive between 09:00 and 10:00 on Tuesday, November 24. Thursday is full, sorry.");
    expect(n.text).toContain("Thursday is full, sorry.");
    expect(n.text).toContain("Your visit stays as booked: we will arrive between 09:00 and 10:00 on Tuesday, November 24.");
    const long = composeRescheduleDeclined({ ...base, window, message: "x".repeat(500) });
    expect(long.sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(long.sms).toContain("We will arrive between 09:00 and 10:00");
  });

  test.each([
    ["a booked visit", window, "Polar Air cancelled your visit WO-1201 (Cooling repair) between 09:00 and 10:00 on Tuesday, November 24, as you asked. Nobody will come.", "It was booked between 09:00 and 10:00 on Tuesday, November 24; that time is free again."],
    ["a request not booked yet", null, "Polar Air cancelled your visit WO-1201 (Cooling repair), as you asked. Nobody will come.", "It was not booked yet."],
  ])("a cancellation of %s: the customer's confirmation and the office's notice", (_, w, customerSms, officeLine) => {
    const input = { ...base, service: "Cooling repair", window: w, customerName: "Dana Whitfield" };
    expect(composeCancellationConfirmation(input).sms).toBe(customerSms);
    const office = composeCancellationForOffice(input);
    expect(office.subject).toBe("WO-1201 cancelled by the customer");
    expect(office.text).toContain("Dana Whitfield cancelled WO-1201 (Cooling repair) through the tracking link.");
    expect(office.text).toContain(officeLine);
  });
});
