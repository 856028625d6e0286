import { describe, expect, test } from "vitest";
import { UrgentIntakeSchema } from "@/lib/schemas/urgent";

const base = {
  workOrder: "URG-1",
  customerId: "7b0c9a52-5d1e-4f7a-9d3c-2b8e6f1a0c11",
  requiredSkills: "refrigeration, EPA-608",
  durationMin: "90",
  deadline: "2026-11-23T14:00",
  description: "Walk-in freezer down",
};

describe("UrgentIntakeSchema", () => {
  test("an existing customer's urgent job", () => {
    const r = UrgentIntakeSchema.safeParse(base);
    expect(r.success && r.data).toMatchObject({ durationMin: 90, priority: 1, requiredSkills: ["refrigeration", "EPA-608"] });
  });
  test.each([
    [{ workOrder: "" }, "workOrder", "Enter the work-order number."],
    [{ durationMin: "ninety" }, "durationMin", "Enter the duration in minutes."],
    [{ durationMin: "2" }, "durationMin", "At least 5 minutes."],
    [{ deadline: "2pm" }, "deadline", "Use a date and time like 2026-11-23T09:30."],
    [{ description: " " }, "description", "Say what is wrong."],
    [{ customerId: "" }, "customerId", "Choose a customer or enter a new one's name."],
    [{ customerId: "", newCustomerName: "Lakeside", lat: "41.9", lng: "-87.6" }, "newCustomerPhone", "A new customer needs a phone or an email, so they can be told when you arrive."],
    [{ customerId: "", newCustomerName: "Lakeside", newCustomerPhone: "+13125550111" }, "lat", "Enter the site's coordinates for a new customer."],
    [{ lat: "95", lng: "0" }, "lat", "The latitude is between -90 and 90."],
    [{ lat: "41.9" }, "lng", "Enter both latitude and longitude, or neither."],
  ])("%j is refused on %s", (change, field, message) => {
    const r = UrgentIntakeSchema.safeParse({ ...base, ...change });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});
