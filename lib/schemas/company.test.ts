import { describe, expect, test } from "vitest";
import { CompanySettingsSchema } from "@/lib/schemas/company";

const good = {
  name: "Polar Air Mechanical",
  timeZone: "America/Chicago",
  travelSpeedKmh: "40",
  roadFactor: "1.35",
  travelBufferMin: "5",
  capacityThresholdPercent: "85",
  snapMinutes: "15",
  rescheduleNoticeEnabled: true,
  autoDispatchEnabled: true,
  urgentRequiresAdmin: false,
  timeOffNeedsApproval: true,
  visitReminderMinutes: "30",
  eveningSummaryAt: "18:00",
  weights: { travel: "1", skill: "10", workload: "40", preference: "25" },
};

describe("CompanySettingsSchema", () => {
  test("form values become numbers", () => {
    const r = CompanySettingsSchema.safeParse(good);
    expect(r.success && r.data).toMatchObject({ travelSpeedKmh: 40, roadFactor: 1.35, capacityThresholdPercent: 85, snapMinutes: 15, visitReminderMinutes: 30, eveningSummaryAt: "18:00" });
  });
  test.each([
    [{ timeZone: "Mars/Olympus" }, "timeZone", "Choose a time zone such as America/Chicago."],
    [{ roadFactor: "0.5" }, "roadFactor", "The road factor is between 1 and 3."],
    [{ capacityThresholdPercent: "120" }, "capacityThresholdPercent", "The capacity threshold is between 10 and 100."],
    [{ travelBufferMin: "2.5" }, "travelBufferMin", "Whole minutes."],
    [{ snapMinutes: "7" }, "snapMinutes", "Snap to 5, 10, 15, 30 or 60 minutes."],
    [{ name: "  " }, "name", "The company needs a name."],
    [{ visitReminderMinutes: "300" }, "visitReminderMinutes", "The reminder lead time is between 0 and 240."],
    [{ visitReminderMinutes: "12.5" }, "visitReminderMinutes", "Whole minutes."],
    [{ visitReminderMinutes: "soon" }, "visitReminderMinutes", "Enter the reminder lead time as a number."],
    [{ eveningSummaryAt: "6pm" }, "eveningSummaryAt", "Enter the summary time like 18:00 (24-hour clock)."],
    [{ eveningSummaryAt: "24:00" }, "eveningSummaryAt", "Enter the summary time like 18:00 (24-hour clock)."],
  ])("%j is refused on %s", (change, field, message) => {
    const r = CompanySettingsSchema.safeParse({ ...good, ...change });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});
