import { scryptSync, randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { PASSWORD_PARAMS, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";

/** A hash as Crewboard wrote them before the cost was raised (N = 2^14). */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 64, { N: 16384, r: 8, p: 1 });
  return ["scrypt", 16384, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
}

// scrypt at N = 2^17 takes a few hundred milliseconds, seconds on a busy machine
describe("password hashing", { timeout: 60_000 }, () => {
  test("the right password verifies, a wrong one does not", async () => {
    const hash = await hashPassword("freezer-down-42");
    expect(hash.startsWith(`scrypt$${2 ** 17}$8$1$`)).toBe(true);
    expect(await verifyPassword("freezer-down-42", hash)).toBe(true);
    expect(await verifyPassword("freezer-down-43", hash)).toBe(false);
  });
  test("new hashes use N = 2^17, r = 8, p = 1", () => {
    expect(PASSWORD_PARAMS).toMatchObject({ N: 131072, r: 8, p: 1 });
  });
  test("the same password hashes differently each time (salted)", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
  test.each([null, undefined, "", "bcrypt$2b$10$abc", "scrypt$1$2", `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA`, "scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"])(
    "malformed or unreasonable stored hash %j never verifies",
    async (stored) => {
      expect(await verifyPassword("anything", stored)).toBe(false);
    },
  );
  test("an old, cheaper hash still verifies and is marked for upgrade; a current one is not", async () => {
    const old = oldHash("walk-in-cooler");
    expect(await verifyPassword("walk-in-cooler", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword("walk-in-cooler"))).toBe(false);
  });
});
