import { describe, expect, test } from "vitest";
import { prettyBody, problemWords, tryItRequest, type TryItInput } from "@/lib/api/try-it";

const base: TryItInput = {
  method: "PATCH",
  path: "/jobs/{id}",
  parameters: [
    { name: "id", in: "path", required: true },
    { name: "limit", in: "query", required: false },
    { name: "If-Match", in: "header", required: true },
  ],
  values: { "path:id": "a b/c", "query:limit": " 5 ", "header:If-Match": '"v3"' },
  apiKey: " cb_12345678_secret ",
  body: '{ "priority": 1 }',
};

describe("tryItRequest", () => {
  test("fills the path, the query, the headers and the body", () => {
    const r = tryItRequest(base, "/api/v1");
    expect(r).toEqual({
      ok: true,
      request: {
        url: "/api/v1/jobs/a%20b%2Fc?limit=5",
        init: {
          method: "PATCH",
          headers: { Authorization: "Bearer cb_12345678_secret", "If-Match": '"v3"', "Content-Type": "application/json" },
          body: '{"priority":1}',
        },
      },
    });
  });

  test("empty optional values and an empty body are left out", () => {
    const r = tryItRequest({ ...base, values: { "path:id": "7", "header:If-Match": '"v1"', "query:limit": "" }, body: "  " }, "/api/v1");
    expect(r.ok && r.request.url).toBe("/api/v1/jobs/7");
    expect(r.ok && r.request.init).not.toHaveProperty("body");
    expect(r.ok && r.request.init.headers).not.toHaveProperty("Content-Type");
  });

  test("says in words what is missing or wrong, and sends nothing", () => {
    const r = tryItRequest({ ...base, apiKey: "", values: {}, body: "{ priority: 1" }, "/api/v1");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      "Enter an API key: an administrator creates one in Settings → API keys.",
      "Enter id (part of the path).",
      "Enter If-Match (a header parameter).",
      expect.stringMatching(/^The body is not valid JSON \(.+\): fix it, or empty the box to send none\.$/),
    ]);
  });

  test("a key with a space inside is refused", () => {
    const r = tryItRequest({ ...base, apiKey: "Bearer cb_1" }, "/api/v1");
    expect(!r.ok && r.problems).toEqual(["The API key has a space in it: paste the key alone."]);
  });
});

describe("prettyBody and problemWords", () => {
  test("JSON is indented, CSV and broken JSON stay as they came", () => {
    expect(prettyBody('{"a":[1]}', "application/problem+json")).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyBody("a,b\n1,2", "text/csv; charset=utf-8")).toBe("a,b\n1,2");
    expect(prettyBody("{oops", "application/json")).toBe("{oops");
  });

  test("a problem reads as its detail and each invalid field", () => {
    expect(
      problemWords({
        title: "Unprocessable content",
        detail: "Some fields need attention.",
        errors: [
          { pointer: "/estimatedMinutes", detail: "At least 5 minutes." },
          { parameter: "limit", detail: "Too big." },
        ],
      }),
    ).toEqual(["Some fields need attention.", "body field /estimatedMinutes: At least 5 minutes.", "parameter limit: Too big."]);
    expect(problemWords("nope")).toEqual([]);
  });
});
