import { describe, expect, test } from "vitest";
import { securityHeaders, tileOrigin } from "@/lib/http/security-headers";

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

describe("map tiles in the content security policy", () => {
  test("the tile server's origin is allowed for images, {s} as any subdomain", () => {
    const csp = securityHeaders({ NEXT_PUBLIC_MAP_TILE_URL: "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png" }).find((h) => h.key === "Content-Security-Policy")!.value;
    expect(csp).toContain("img-src 'self' data: blob: https://*.tile.openstreetmap.org;");
    expect(tileOrigin("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png")).toBe("http://127.0.0.1:8080");
    expect(tileOrigin("javascript:alert(1)")).toBeNull();
    expect(tileOrigin(undefined)).toBeNull();
  });
});
