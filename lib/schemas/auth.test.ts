import { describe, expect, test } from "vitest";
import { SignInSchema, safeNextPath } from "@/lib/schemas/auth";

describe("SignInSchema", () => {
  test("normalises the email", () => {
    const r = SignInSchema.safeParse({ email: "  Dispatcher@Polar-Air.Demo ", password: "x" });
    expect(r.success && r.data.email).toBe("dispatcher@polar-air.demo");
  });
  test.each([
    [{ email: "not-an-email", password: "x" }, "email", "Enter a valid email address."],
    [{ email: "a@b.co", password: "" }, "password", "Enter your password."],
  ])("%j is refused on %s", (input, field, message) => {
    const r = SignInSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});

describe("safeNextPath", () => {
  test.each([
    [undefined, "/schedules"],
    ["/audit?x=1", "/audit?x=1"],
    ["https://evil.example", "/schedules"],
    ["//evil.example", "/schedules"],
    ["/\\evil.example", "/schedules"],
    ["/\t/evil.example", "/schedules"],
    ["/\n/evil.example", "/schedules"],
    ["/\u0000/evil.example", "/schedules"],
    [" /audit", "/schedules"],
    ["/ /evil.example", "/schedules"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["https://evil.example/schedules", "/schedules"],
    ["javascript:alert(1)", "/schedules"],
    ["/schedules/week?day=2026-12-01#lane", "/schedules/week?day=2026-12-01#lane"],
    ["", "/schedules"],
  ])("%s → %s", (input, out) => expect(safeNextPath(input)).toBe(out));

  test("a technician without a destination goes to the phone app", () => {
    expect(safeNextPath(undefined, "technician")).toBe("/tech");
    expect(safeNextPath("//evil.example", "technician")).toBe("/tech");
    expect(safeNextPath("/tech?day=2", "technician")).toBe("/tech?day=2");
  });
});
