import { describe, expect, test } from "vitest";
import { NewJobSchema, SkillList } from "@/lib/schemas/jobs";
import { TemplateSchema } from "@/lib/schemas/templates";

const customerId = "7b0c9a52-5d1e-4f7a-9d3c-2b8e6f1a0c11";

describe("NewJobSchema", () => {
  test("a minimal job from a template is valid", () => {
    const r = NewJobSchema.safeParse({ customerId, templateId: "", requiredSkills: "HVAC, EPA-608, HVAC" });
    expect(r.success && r.data).toMatchObject({ templateId: null, requiredSkills: ["HVAC", "EPA-608"], autoDispatch: true });
  });
  test.each([
    [{}, "customerId", "Choose a customer."],
    [{ customerId, estimatedMinutes: 2 }, "estimatedMinutes", "At least 5 minutes."],
    [{ customerId, priority: 7 }, "priority", "Priority is 1 (emergency) to 4 (low)."],
    [{ customerId, windowStart: "2026-11-23T10:00" }, "windowEnd", "Give both ends of the arrival window, or neither."],
    [{ customerId, windowStart: "2026-11-23T10:00", windowEnd: "2026-11-23T09:00" }, "windowEnd", "The window must end after it starts."],
    [{ customerId, deadline: "tomorrow" }, "deadline", "Use a date and time like 2026-11-23T09:30."],
  ])("%j is refused on %s", (input, field, message) => {
    const r = NewJobSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});

describe("SkillList", () => {
  test("trims, drops blanks and duplicates", () => expect(SkillList.parse(" a , ,b,a")).toEqual(["a", "b"]));
});

describe("TemplateSchema", () => {
  const base = { name: "Freezer repair", defaultMinutes: 90, requiredSkills: "refrigeration", priority: 2, dispatchMode: "auto" };
  test("a valid template", () => expect(TemplateSchema.safeParse(base).success).toBe(true));
  test("pre-assigned needs a leader", () => {
    const r = TemplateSchema.safeParse({ ...base, dispatchMode: "preassigned" });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0].message).toBe("Pre-assigned templates need at least one crew leader.");
  });
  test("an unknown dispatch mode", () => expect(TemplateSchema.safeParse({ ...base, dispatchMode: "random" }).success).toBe(false));
});
