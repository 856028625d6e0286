import { expect, test } from "vitest";
import { composeCancellation } from "@/lib/notify/cancellation";
import { SMS_MAX_LENGTH } from "@/lib/notify/notice-text";

test("says what was cancelled and why, by email and SMS", () => {
  const n = composeCancellation({ companyName: "Acme Heating", customerName: "Dana Whitfield", workOrder: "WO-1042", reason: "Parts on\nback order", address: "1 Lake St" });
  expect(n.subject).toBe("Your Acme Heating visit WO-1042 is cancelled");
  expect(n.text).toContain("Reason: Parts on back order");
  expect(n.text).toContain("Address: 1 Lake St");
  expect(n.sms).toBe("Acme Heating: your visit (WO-1042) is cancelled: Parts on back order. Reply to arrange a new one.");
});

test("a long reason is shortened so the text fits one SMS", () => {
  const n = composeCancellation({ companyName: "Acme Heating", customerName: "Dana", workOrder: "WO-1", reason: "x".repeat(600), contactPhone: "+1 312 555 0100" });
  expect(n.sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
  expect(n.sms).toMatch(/…\. Call \+1 312 555 0100 to arrange a new one\.$/);
});
