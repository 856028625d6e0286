/**
 * The OpenAPI 3.1 document of /api/v1, generated from the operations list and the
 * zod schemas the handlers parse with (zod's JSON Schema output, draft 2020-12,
 * which is OpenAPI 3.1's schema dialect).
 */
import { z } from "zod";
import { COMMON_PROBLEMS, OPERATIONS, type Operation } from "@/lib/api/operations";
import { Problem } from "@/lib/schemas/api";
import { WEBHOOK_DOCS, webhookBody } from "@/lib/schemas/webhook-events";

type JsonSchema = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

/** A schema inline (its named parts referenced), without the `$schema` keyword. */
function inline(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any", reused: "inline" }) as JsonSchema;
  delete out.$schema;
  // a named schema becomes a reference to its component
  const id = z.globalRegistry.get(schema)?.id;
  if (id && io === "output") return { $ref: REF(id) };
  // zod puts referenced named schemas in $defs; they already live in components
  delete out.$defs;
  return out;
}

/** Every named (`.meta({ id })`) schema, as components. */
function components(): Record<string, JsonSchema> {
  const all = z.toJSONSchema(z.globalRegistry, { target: "draft-2020-12", uri: REF, unrepresentable: "any" }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(
    Object.entries(all.schemas).map(([id, s]) => {
      const copy = { ...s };
      delete copy.$schema;
      delete copy.$id;
      return [id, copy];
    }),
  );
}

function parameters(op: Operation): JsonSchema[] {
  const list: JsonSchema[] = [];
  if (op.params) {
    for (const name of Object.keys(op.params.shape)) {
      list.push({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });
    }
  }
  if (op.query) {
    const s = inline(op.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(s.properties ?? {})) {
      const { description, ...rest } = schema;
      list.push({ name, in: "query", required: (s.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (op.requiresIfMatch || op.id === "cancelJob") {
    list.push({ name: "If-Match", in: "header", required: Boolean(op.requiresIfMatch), description: "The ETag you read, e.g. \"v3\".", schema: { type: "string" } });
  }
  if (op.method === "POST") {
    list.push({
      name: "Idempotency-Key",
      in: "header",
      required: true,
      description: "Any unique string (a UUID will do). The same key and body get the same answer; the same key with another body gets 409.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  return list;
}

const problemContent = { "application/problem+json": { schema: { $ref: REF("Problem") } } };

function responses(op: Operation): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    const headers: Record<string, JsonSchema> = {};
    if (spec.etag) headers.ETag = { description: "The resource's version, for If-Match.", schema: { type: "string" } };
    out[status] = {
      description: spec.description,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: spec.csv ? { "text/csv": { schema: { type: "string" } } } : { "application/json": { schema: inline(spec.schema!, "output") } },
    };
  }
  const statuses = [400, 401, 403, 404, 409, 422, 429];
  if (op.requiresIfMatch || op.id === "cancelJob") statuses.push(412);
  if (op.requiresIfMatch) statuses.push(428);
  if (op.method !== "GET") statuses.push(413, 415);
  for (const status of statuses) {
    out[String(status)] = {
      description: COMMON_PROBLEMS[status] ?? { 412: "The resource changed since you read it.", 413: "The body is too large.", 415: "The body is not JSON.", 428: "If-Match is required." }[status],
      ...(status === 429 ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } } : {}),
      content: problemContent,
    };
  }
  return out;
}

/** What Crewboard POSTs to a registered endpoint, one entry per event (OpenAPI 3.1 `webhooks`). */
function webhooks(): Record<string, JsonSchema> {
  return Object.fromEntries(
    WEBHOOK_DOCS.map(({ event, summary }) => [
      event,
      {
        post: {
          operationId: `webhook.${event}`,
          summary,
          tags: ["Webhooks"],
          parameters: [
            {
              name: "Crewboard-Signature",
              in: "header",
              required: true,
              description: "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with the endpoint's secret>`: recompute it over the raw body and compare; refuse a t older than a few minutes.",
              schema: { type: "string" },
            },
            { name: "Crewboard-Event", in: "header", required: true, description: "The event's type.", schema: { type: "string", const: event } },
          ],
          requestBody: { required: true, content: { "application/json": { schema: inline(webhookBody(event), "output") } } },
          responses: {
            "200": { description: "Any 2xx answer marks the delivery done; anything else is retried after 1, 2, 4 and 8 minutes, then given up." },
          },
        },
      },
    ]),
  );
}

/** The whole document, as served at /api/v1/openapi.json. */
export function openApiDocument(serverUrl = "/api/v1"): JsonSchema {
  // make sure the problem schema is registered even if no operation refers to it
  void Problem;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) {
    const item = (paths[op.path] ??= {});
    item[op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      security: [{ apiKey: [] }],
      "x-required-scope": op.scope,
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: inline(op.body, "input") } } } } : {}),
      responses: responses(op),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Crewboard API",
      version: "1.0.0",
      description:
        "Create and follow jobs, read technicians, customers and the schedule, enter urgent jobs and approve an option. " +
        "Authenticate with `Authorization: Bearer <key>` (Settings → API keys, or `npm run api-key -- create`). " +
        "Every POST needs an `Idempotency-Key`; errors are `application/problem+json` (RFC 9457) with a JSON Pointer per invalid field.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: serverUrl }],
    tags: [
      ...[...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
      { name: "Webhooks", description: "What Crewboard POSTs to the endpoints an admin registers in Settings → Webhooks." },
    ],
    paths,
    webhooks: webhooks(),
    components: {
      schemas: components(),
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A Crewboard API key: cb_… " } },
    },
  };
}
