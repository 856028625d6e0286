import { describe, expect, test } from "vitest";
import { z } from "zod";
import { ApiProblem, bodyProblems, fieldErrorProblems, jsonPointer, parameterProblems } from "@/lib/api/problem";

describe("problem documents", () => {
  test.each([
    [[], ""],
    [["windowEnd"], "/windowEnd"],
    [["items", 0, "name"], "/items/0/name"],
    [["a/b", "c~d"], "/a~1b/c~0d"],
  ])("jsonPointer(%j) is %j", (path, pointer) => {
    expect(jsonPointer(path)).toBe(pointer);
  });

  test("a zod failure points at each invalid field, unknown fields included", () => {
    const schema = z.strictObject({ name: z.string().min(1, { error: "Enter a name." }), skills: z.array(z.string().max(2, { error: "Too long." })) });
    const r = schema.safeParse({ name: "", skills: ["ok", "long"], colour: "red" });
    expect(r.success).toBe(false);
    expect(bodyProblems(r.error!)).toEqual(
      expect.arrayContaining([
        { pointer: "/name", detail: "Enter a name." },
        { pointer: "/skills/1", detail: "Too long." },
        { pointer: "/colour", detail: "Unknown field: colour." },
      ]),
    );
  });

  test("query failures name the parameter", () => {
    const r = z.strictObject({ limit: z.coerce.number().max(5) }).safeParse({ limit: "9", page: "2" });
    expect(parameterProblems(r.error!).map((p) => p.parameter).sort()).toEqual(["limit", "page"]);
  });

  test("action field errors become pointers", () => {
    expect(fieldErrorProblems({ customerId: ["Choose a customer of your company."], "a.b": ["x"] })).toEqual([
      { pointer: "/customerId", detail: "Choose a customer of your company." },
      { pointer: "/a/b", detail: "x" },
    ]);
  });

  test("the body follows RFC 9457", () => {
    const p = new ApiProblem(422, "validation", "Some fields need attention.", [{ pointer: "/a", detail: "bad" }]);
    expect(p.body("/api/v1/jobs")).toEqual({
      type: "/api/docs#problem-validation",
      title: "Unprocessable content",
      status: 422,
      detail: "Some fields need attention.",
      instance: "/api/v1/jobs",
      errors: [{ pointer: "/a", detail: "bad" }],
    });
  });
});
