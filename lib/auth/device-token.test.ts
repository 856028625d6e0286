import { describe, expect, test } from "vitest";
import { clientAddressFrom, encodeDeviceToken, trustedDeviceFor } from "@/lib/auth/device-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";

describe("known-device tokens", () => {
  test("a token is trusted for the account it was issued for, and no other", () => {
    const token = encodeDeviceToken("Ada@Example.test", secret, "dev-1");
    expect(trustedDeviceFor(token, "ada@example.test", secret)).toBe("dev-1");
    expect(trustedDeviceFor(token, "bob@example.test", secret)).toBeNull();
  });
  test.each([undefined, "", "x", "a.b"])("malformed token %j is not trusted", (t) => {
    expect(trustedDeviceFor(t, "ada@example.test", secret)).toBeNull();
  });
  test("a token signed with another key is not trusted", () => {
    expect(trustedDeviceFor(encodeDeviceToken("ada@example.test", "another-secret-of-sufficient-length-xx"), "ada@example.test", secret)).toBeNull();
  });
});

describe("clientAddressFrom", () => {
  test.each([
    [{ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }, "203.0.113.9"],
    [{ "x-real-ip": "198.51.100.4" }, "198.51.100.4"],
    [{}, "unknown"],
  ])("%j → %s", (headers, address) => {
    expect(clientAddressFrom((n) => (headers as Record<string, string>)[n] ?? null)).toBe(address);
  });
});
