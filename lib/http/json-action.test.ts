import { describe, expect, it, vi } from "vitest";
import { fail, ok } from "@/lib/actions/result";

// the guard against importing server code into the browser bundle has nothing to guard here
vi.mock("server-only", () => ({}));
const { answerAction, fromOwnPages, jsonBody, refuse } = await import("@/lib/http/json-action");

const request = (headers: Record<string, string>, body?: string) =>
  new Request("http://crewboard.test/api/board/changes", { method: "POST", headers, body });

describe("fromOwnPages", () => {
  it("accepts a request from a page of this origin, and one that names no origin but is not cross-site", () => {
    expect(fromOwnPages(request({ origin: "http://crewboard.test", host: "crewboard.test" }))).toBe(true);
    expect(fromOwnPages(request({ host: "crewboard.test", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(fromOwnPages(request({ host: "crewboard.test" }))).toBe(true);
    expect(fromOwnPages(request({ origin: "https://crewboard.test", "x-forwarded-host": "crewboard.test", host: "127.0.0.1:3000" }))).toBe(true);
  });

  it("refuses another site's page, a malformed origin and a cross-site request without one", () => {
    expect(fromOwnPages(request({ origin: "https://evil.example", host: "crewboard.test" }))).toBe(false);
    expect(fromOwnPages(request({ origin: "null", host: "crewboard.test" }))).toBe(false);
    expect(fromOwnPages(request({ host: "crewboard.test", "sec-fetch-site": "cross-site" }))).toBe(false);
  });
});

describe("answerAction", () => {
  it("answers the action's result as JSON with a status to match", async () => {
    const done = await answerAction(async () => ok({ id: "j-1" }));
    expect(done.status).toBe(200);
    expect(done.headers.get("content-type")).toContain("application/json");
    expect(await done.json()).toEqual({ ok: true, data: { id: "j-1" } });

    const cases = [
      [fail("conflict", "WO-1 was changed by Sam at 09:14."), 409],
      [fail("unauthenticated", "Your session has ended. Sign in again."), 401],
      [fail("forbidden", "Your role (viewer) cannot do this."), 403],
      [fail("validation", "Some fields need attention."), 422],
      [fail("refused", "A visit must end after it starts."), 422],
      [fail("not_found", "That job does not exist in your company."), 404],
    ] as const;
    for (const [result, status] of cases) {
      const res = await answerAction(async () => result);
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual(result);
    }
  });

  it("answers a failure nobody foresaw with a 500 that says nothing was saved, without its details", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await answerAction(async () => {
      throw new Error("relation public.secret does not exist");
    });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.error.message).toMatch(/nothing was saved/);
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});

describe("jsonBody and refuse", () => {
  it("reads a JSON object, and nothing else", async () => {
    expect(await jsonBody(request({}, '{"kind":"place"}'))).toEqual({ kind: "place" });
    expect(await jsonBody(request({}, "[1,2]"))).toBeNull();
    expect(await jsonBody(request({}, "not json"))).toBeNull();
    expect(await jsonBody(request({}, "null"))).toBeNull();
  });

  it("refuses in the same shape as an action's failure", async () => {
    const res = refuse(403, "forbidden", "Board changes are accepted from Crewboard's own pages only.");
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ ok: false, error: { code: "forbidden", message: "Board changes are accepted from Crewboard's own pages only." } });
  });
});

describe("the board's JSON answers", () => {
  it("carry every page's security headers themselves (the proxy does not run for them)", async () => {
    const answers = [await answerAction(async () => ({ ok: true as const, data: 1 })), refuse(403, "forbidden", "No.")];
    for (const res of answers) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    }
  });
});
