import { describe, expect, test } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  test("the right password verifies, a wrong one does not", async () => {
    const hash = await hashPassword("freezer-down-42");
    expect(hash.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("freezer-down-42", hash)).toBe(true);
    expect(await verifyPassword("freezer-down-43", hash)).toBe(false);
  });
  test("the same password hashes differently each time (salted)", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
  test.each([null, undefined, "", "bcrypt$2b$10$abc", "scrypt$1$2"])("malformed stored hash %j never verifies", async (stored) => {
    expect(await verifyPassword("anything", stored)).toBe(false);
  });
});
