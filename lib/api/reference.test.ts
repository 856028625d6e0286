import { describe, expect, test } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "@/lib/api/operations";
import { ApiJobStatus, Problem } from "@/lib/schemas/api";
import { constraintsOf, curlFor, exampleOf, referenceOf, schemaRows, typeOf, webhooksOf, type OpenApiDocument } from "@/lib/api/reference";
import { webhookBody } from "@/lib/schemas/webhook-events";

const tiny: OpenApiDocument = {
  info: { title: "t", version: "1" },
  paths: {},
  components: {
    schemas: {
      Node: {
        type: "object",
        properties: { id: { type: "string", format: "uuid" }, parent: { anyOf: [{ $ref: "#/components/schemas/Node" }, { type: "null" }] } },
        required: ["id"],
      },
    },
  },
};

describe("typeOf", () => {
  test.each([
    [{ type: "string", format: "date-time" }, "string (date-time)"],
    [{ type: ["string", "null"] }, "string or null"],
    [{ anyOf: [{ type: "string", format: "uuid" }, { type: "null" }] }, "string (uuid) or null"],
    [{ type: "array", items: { type: "string" } }, "array of string"],
    [{ $ref: "#/components/schemas/Node" }, "Node"],
    [{ type: "array", items: { $ref: "#/components/schemas/Node" } }, "array of Node"],
    [{}, "any"],
  ])("%j reads as %s", (schema, expected) => {
    expect(typeOf(schema, tiny)).toBe(expected);
  });
});

describe("constraintsOf", () => {
  test.each([
    [{ type: "string", enum: ["a", "b"] }, ["one of: a, b"]],
    [{ type: "integer", minimum: 1, maximum: 4 }, ["1 to 4"]],
    [{ type: "integer", minimum: -9007199254740991, maximum: 9007199254740991 }, []],
    [{ type: "string", minLength: 1, maxLength: 64 }, ["1 to 64 characters"]],
    [{ type: "string", maxLength: 300 }, ["at most 300 characters"]],
    [{ type: "array", maxItems: 20 }, ["at most 20 items"]],
    [{ type: "string", format: "uuid", pattern: "^[0-9a-f-]+$" }, []],
    [{ type: "string", pattern: "^\\d{4}$" }, ["matches ^\\d{4}$"]],
    [{ type: "integer", minimum: 1, default: 50 }, ["at least 1", "default: 50"]],
  ])("%j allows %j", (schema, expected) => {
    expect(constraintsOf(schema)).toEqual(expected);
  });
});

describe("schemaRows", () => {
  test("nested objects and arrays flatten with dotted names, and a cycle stops", () => {
    const rows = schemaRows(
      {
        type: "object",
        properties: { nodes: { type: "array", items: { $ref: "#/components/schemas/Node" } }, count: { type: "integer", description: "How many." } },
        required: ["count"],
      },
      tiny,
    );
    expect(rows.map((r) => [r.name, r.depth, r.type, r.required])).toEqual([
      ["nodes", 0, "array of Node", false],
      ["nodes[].id", 1, "string (uuid)", true],
      ["nodes[].parent", 1, "Node or null", false],
      ["count", 0, "integer", true],
    ]);
    expect(rows[3].description).toBe("How many.");
  });
});

describe("exampleOf", () => {
  test("the schema's own example wins", () => {
    expect(exampleOf({ type: "object", examples: [{ a: 1 }], properties: { a: { type: "integer" } } }, tiny)).toEqual({ a: 1 });
  });

  test("built from the type, with only the required fields when asked", () => {
    const schema = {
      type: "object",
      properties: {
        id: { type: "string", format: "uuid" },
        minutes: { type: "integer", minimum: 5 },
        kind: { type: "string", enum: ["x", "y"] },
        note: { type: "string" },
      },
      required: ["id", "minutes", "kind"],
    };
    expect(exampleOf(schema, tiny, { requiredOnly: true })).toEqual({ id: "00000000-0000-4000-8000-000000000000", minutes: 5, kind: "x" });
    expect(exampleOf(schema, tiny)).toHaveProperty("note", "string");
  });
});

describe("curlFor", () => {
  test("a write sends the key, Idempotency-Key, If-Match and the body", () => {
    const curl = curlFor(
      {
        method: "PATCH",
        path: "/jobs/{id}",
        parameters: [
          { name: "If-Match", in: "header", type: "string", required: true, description: null, constraints: [], enumValues: null, defaultValue: null },
          { name: "Idempotency-Key", in: "header", type: "string", required: true, description: null, constraints: [], enumValues: null, defaultValue: null },
        ],
        body: { required: true, contentType: "application/json", rows: [], example: `{"notes":"it's fine"}` },
      },
      "https://crewboard.example/api/v1",
    );
    expect(curl.split(" \\\n  ")).toEqual([
      "curl -X PATCH https://crewboard.example/api/v1/jobs/{id}",
      "-H 'Authorization: Bearer <key>'",
      `-H 'If-Match: "v<version>"'`,
      "-H 'Idempotency-Key: <unique string, e.g. a UUID>'",
      "-H 'Content-Type: application/json'",
      `-d '{"notes":"it'\\''s fine"}'`,
    ]);
  });

  test("required query parameters appear in the quoted URL", () => {
    const curl = curlFor(
      {
        method: "GET",
        path: "/schedule",
        parameters: [{ name: "date", in: "query", type: "string", required: true, description: null, constraints: [], enumValues: null, defaultValue: null }],
        body: null,
      },
      "/api/v1",
    );
    expect(curl).toBe("curl '/api/v1/schedule?date=<date>' \\\n  -H 'Authorization: Bearer <key>'");
  });
});

describe("referenceOf the served document", () => {
  const tags = referenceOf(openApiDocument() as unknown as OpenApiDocument, "/api/v1");
  const ops = tags.flatMap((t) => t.operations);
  const op = (id: string) => ops.find((o) => o.id === id)!;

  test("every operation of the document appears once, under its tag", () => {
    const doc = openApiDocument() as unknown as OpenApiDocument;
    const count = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(ops).toHaveLength(count);
    expect(tags.map((t) => t.name)).toEqual(["Jobs", "Technicians", "Customers", "Schedule", "Urgent requests", "Offers", "Exports"]);
    expect(tags.find((t) => t.name === "Urgent requests")!.slug).toBe("urgent-requests");
  });

  test("creating a job: its scope, body fields with limits, example body and curl", () => {
    const create = op("createJob");
    expect(create.scope).toBe("write");
    const customerId = create.body!.rows.find((r) => r.name === "customerId")!;
    expect(customerId).toMatchObject({ type: "string (uuid)", required: true });
    expect(create.body!.rows.find((r) => r.name === "estimatedMinutes")!.constraints).toEqual(["5 to 1440"]);
    expect(JSON.parse(create.body!.example)).toHaveProperty("customerId");
    expect(create.curl).toContain("-H 'Idempotency-Key: <unique string, e.g. a UUID>'");
    expect(create.responses.find((r) => r.status === "201")!.rows.map((r) => r.name)).toContain("job.assignment.leaderName");
  });

  test("listing jobs: query parameters with enums and defaults", () => {
    const status = op("listJobs").parameters.find((p) => p.name === "status")!;
    expect(status.in).toBe("query");
    expect(status.enumValues).toContain("in_progress");
    expect(op("listJobs").parameters.find((p) => p.name === "limit")!.defaultValue).toBe("50");
  });

  test("an answer with an example in the document carries it", () => {
    const ok = op("getJobStatus").responses.find((r) => r.status === "200")!;
    expect(JSON.parse(ok.example!)).toHaveProperty("technicianName");
    expect(op("updateJob").parameters.find((p) => p.name === "If-Match")!.required).toBe(true);
  });
});

describe("webhooksOf the served document", () => {
  const hooks = webhooksOf(openApiDocument() as unknown as OpenApiDocument);

  test("every event an endpoint can receive, with its signature header and body fields", () => {
    expect(hooks.map((h) => h.event)).toEqual(["job.created", "job.assigned", "job.status_changed", "job.completed", "job.cancelled", "urgent.approved", "offer.taken", "ping"]);
    const assigned = hooks.find((h) => h.event === "job.assigned")!;
    expect(assigned.headers.map((h) => [h.name, h.in, h.required])).toEqual([
      ["Crewboard-Signature", "header", true],
      ["Crewboard-Event", "header", true],
    ]);
    expect(assigned.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["id", "type", "createdAt", "data.job.workOrder", "data.assignment.leaderName"]));
    expect(assigned.rows.find((r) => r.name === "type")!.constraints).toEqual(['always "job.assigned"']);
  });

  test.each(["job.status_changed", "urgent.approved", "offer.taken", "ping"] as const)("the example body of %s is one its schema accepts", (event) => {
    const example = JSON.parse(hooks.find((h) => h.event === event)!.example);
    expect(webhookBody(event).safeParse(example).error?.issues ?? []).toEqual([]);
  });
});

describe("the document's examples", () => {
  const doc = openApiDocument() as unknown as OpenApiDocument;

  test.each(OPERATIONS.filter((o) => o.body).map((o) => [o.id, o] as const))("the body %s's Try it form starts with is valid", (_id, operation) => {
    const view = referenceOf(doc, "/api/v1")
      .flatMap((t) => t.operations)
      .find((o) => o.id === operation.id)!;
    const parsed = operation.body!.safeParse(JSON.parse(view.body!.example));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  test("the answer examples match their schemas", () => {
    const schemas = doc.components!.schemas!;
    expect(ApiJobStatus.safeParse((schemas.JobStatus.examples as unknown[])[0]).success).toBe(true);
    expect(Problem.safeParse((schemas.Problem.examples as unknown[])[0]).success).toBe(true);
  });
});
