import { describe, expect, test } from "vitest";
import { CreateCompanySchema, slugFromName } from "@/lib/schemas/signup";
import { signupMode } from "@/lib/auth/signup-mode";

describe("slugFromName", () => {
  test.each([
    ["Polar Air & Refrigeration", "polar-air-refrigeration"],
    ["  Ça Chauffe Plomberie ", "ca-chauffe-plomberie"],
    ["A", "company-a"],
    ["!!!", "company"],
    ["x".repeat(80), "x".repeat(50)],
  ])("%j → %j", (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
    expect(slug).toMatch(/^[a-z0-9][a-z0-9-]{1,62}$/);
  });
});

describe("CreateCompanySchema", () => {
  const good = { companyName: "Fjord Heating", timeZone: "Europe/Oslo", fullName: "Ada Berg", email: " Ada@Fjord.Example ", password: "long-enough-1" };
  test("a complete form parses, the email lower-cased and trimmed", () => {
    const r = CreateCompanySchema.safeParse(good);
    expect(r.success && r.data.email).toBe("ada@fjord.example");
  });
  test.each([
    ["companyName", { companyName: "  " }],
    ["timeZone", { timeZone: "Mars/Olympus" }],
    ["email", { email: "not-an-address" }],
    ["password", { password: "short" }],
    ["fullName", { fullName: "" }],
  ])("a bad %s is refused with a message on that field", (field, patch) => {
    const r = CreateCompanySchema.safeParse({ ...good, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});

describe("signupMode", () => {
  test.each([
    [{}, "first-run"],
    [{ CREWBOARD_SIGNUP: "open" }, "open"],
    [{ CREWBOARD_SIGNUP: "yes" }, "first-run"],
  ] as const)("%j → %s", (env, mode) => expect(signupMode(env)).toBe(mode));
});
