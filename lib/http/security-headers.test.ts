import { describe, expect, test } from "vitest";
import { securityHeaders } from "@/lib/http/security-headers";

const get = (env: Record<string, string>, key: string) => securityHeaders(env).find((h) => h.key === key)?.value;

describe("securityHeaders", () => {
  test("a content security policy that keeps to this origin and refuses framing", () => {
    const csp = get({}, "Content-Security-Policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
  });
  test("nosniff, a referrer policy and no framing", () => {
    expect(get({}, "X-Content-Type-Options")).toBe("nosniff");
    expect(get({}, "Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(get({}, "X-Frame-Options")).toBe("DENY");
  });
  test("HSTS only when served over HTTPS (COOKIE_SECURE=true)", () => {
    expect(get({}, "Strict-Transport-Security")).toBeUndefined();
    expect(get({ COOKIE_SECURE: "true" }, "Strict-Transport-Security")).toMatch(/^max-age=\d+/);
  });
});
