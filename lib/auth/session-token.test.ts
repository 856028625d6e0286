import { describe, expect, test } from "vitest";
import { decodeSession, encodeSession } from "@/lib/auth/session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const payload = { uid: "11111111-1111-1111-1111-111111111111", org: "22222222-2222-2222-2222-222222222222", exp: 1_800_000_000 };

describe("session tokens", () => {
  test("a signed token decodes to its payload before expiry", () => {
    expect(decodeSession(encodeSession(payload, secret), secret, 1_700_000_000)).toEqual(payload);
  });
  test("an expired token is refused", () => {
    expect(decodeSession(encodeSession(payload, secret), secret, 1_800_000_000)).toBeNull();
  });
  test("a token signed with another secret is refused", () => {
    expect(decodeSession(encodeSession(payload, "another-secret-of-sufficient-length-xx"), secret, 1_700_000_000)).toBeNull();
  });
  test("a token whose payload was edited is refused", () => {
    const token = encodeSession(payload, secret);
    const [, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...payload, org: "33333333-3333-3333-3333-333333333333" })).toString("base64url");
    expect(decodeSession(`${forged}.${sig}`, secret, 1_700_000_000)).toBeNull();
  });
  test.each([undefined, "", "garbage", ".", "abc.def"])("malformed token %j is refused", (t) => {
    expect(decodeSession(t, secret, 1_700_000_000)).toBeNull();
  });
});
