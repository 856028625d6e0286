import { describe, expect, test } from "vitest";
import { composePortalConfirmation } from "@/lib/notify/portal-messages";

describe("portal confirmation", () => {
  const base = { companyName: "Polar Air", timeZone: "America/Chicago", customerName: "Dana  Whitfield", workOrder: "WO-1201", trackingUrl: "https://crew.example/track/abc" };

  test("a scheduled request says the window and the tracking link", () => {
    const n = composePortalConfirmation({ ...base, window: { start: "2026-11-23T15:30:00Z", end: "2026-11-23T17:30:00Z" } });
    expect(n.text).toContain("We will arrive between 09:30 and 11:30 on Monday, November 23.");
    expect(n.text).toContain("Hello Dana Whitfield,");
    expect(n.sms).toContain("https://crew.example/track/abc");
    expect(n.subject).toBe("Polar Air: request WO-1201 received");
  });

  test("a request left for a person says they will call", () => {
    expect(composePortalConfirmation({ ...base, window: null }).sms).toBe(
      "Polar Air received your request WO-1201. We'll call you to schedule the visit. Follow it: https://crew.example/track/abc",
    );
  });
});
