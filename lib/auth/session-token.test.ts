import { describe, expect, test } from "vitest";
import { decodeSession, encodeSession, newSessionId, sessionIdHash } from "@/lib/auth/session-token";
import { sessionCookieName } from "@/lib/auth/cookie-name";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const payload = { sid: "s".repeat(43), uid: "11111111-1111-1111-1111-111111111111", org: "22222222-2222-2222-2222-222222222222", exp: 1_800_000_000 };

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

describe("session ids and the cookie name", () => {
  test("ids are random and stored only as their SHA-256", () => {
    const a = newSessionId();
    expect(a).not.toBe(newSessionId());
    expect(sessionIdHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdHash(a)).not.toContain(a);
  });
  test("a token without a session id is refused", () => {
    const old = { uid: payload.uid, org: payload.org, exp: payload.exp };
    expect(decodeSession(encodeSession(old as never, secret), secret, 1_700_000_000)).toBeNull();
  });
  test.each([
    [{}, "crewboard_session"],
    [{ COOKIE_SECURE: "true" }, "__Host-crewboard_session"],
  ])("%j → %s", (env, name) => expect(sessionCookieName(env)).toBe(name));
});
