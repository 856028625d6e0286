/**
 * The API reference page's reading of the OpenAPI document: operations grouped by tag,
 * each schema flattened into table rows (field, type, required, what it allows), an
 * example value built from a schema, and a curl line per operation. Plain data in,
 * plain data out, so the page renders it on the server and the tests read it directly.
 */

/** A JSON Schema (draft 2020-12) as it appears in the document. */
export type JsonSchema = Record<string, unknown>;

/** The parts of an OpenAPI 3.1 document the reference reads. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  webhooks?: Record<string, Record<string, JsonSchema>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One row of a schema's table: a field (dotted for nested ones) and what it allows. */
export interface FieldRow {
  /** `job.assignment.leaderId`; array items are written `skills[]`. */
  name: string;
  /** Nesting depth, 0 for a top-level field. */
  depth: number;
  type: string;
  required: boolean;
  description: string | null;
  /** Limits in words: "one of: a, b", "1 to 200 characters", "default: 50". */
  constraints: string[];
}

export interface ParameterRow {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  type: string;
  required: boolean;
  description: string | null;
  constraints: string[];
  /** The allowed values, when the parameter is an enum (the Try it form offers them). */
  enumValues: string[] | null;
  defaultValue: string | null;
}

export interface ResponseView {
  status: string;
  description: string;
  contentType: string | null;
  /** The schema's name when it is a named component, e.g. `Job`. */
  schemaName: string | null;
  rows: FieldRow[];
  headers: { name: string; description: string }[];
  /** The document's example of this answer, pretty-printed, when it has one. */
  example: string | null;
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  description: string | null;
  /** The API key scope the operation needs (`x-required-scope`). */
  scope: string | null;
  parameters: ParameterRow[];
  body: { required: boolean; contentType: string; rows: FieldRow[]; example: string } | null;
  responses: ResponseView[];
  curl: string;
}

export interface TagView {
  name: string;
  /** The anchor of the tag's heading. */
  slug: string;
  operations: OperationView[];
}

/** Anything safe to use as an id attribute and URL fragment. */
export const slugOf = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_DEPTH = 4;

function resolve(schema: JsonSchema, doc: OpenApiDocument): { schema: JsonSchema; name: string | null } {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
    const name = ref.slice("#/components/schemas/".length);
    return { schema: doc.components?.schemas?.[name] ?? {}, name };
  }
  return { schema, name: null };
}

/** `anyOf: [X, {type: null}]` and `type: [X, "null"]` read as X, nullable. */
function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(anyOf)) {
    const rest = anyOf.filter((s) => s.type !== "null");
    if (rest.length === 1 && rest.length < anyOf.length) {
      const { description, default: dflt } = schema;
      return { schema: { ...rest[0], ...(description ? { description } : {}), ...(dflt !== undefined ? { default: dflt } : {}) }, nullable: true };
    }
  }
  if (Array.isArray(schema.type) && schema.type.includes("null")) {
    const rest = (schema.type as string[]).filter((t) => t !== "null");
    return { schema: { ...schema, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  return { schema, nullable: false };
}

/**
 * The type of a schema in a few words.
 *
 * @example typeOf({ type: "array", items: { type: "string", format: "uuid" } }, doc) // "array of string (uuid)"
 */
export function typeOf(schema: JsonSchema, doc: OpenApiDocument): string {
  const { schema: s, nullable } = unwrapNullable(schema);
  let text: string;
  const { name } = resolve(s, doc);
  if (name) text = name;
  else if (s.type === "array") text = `array of ${typeOf((s.items as JsonSchema | undefined) ?? {}, doc)}`;
  else if (Array.isArray(s.anyOf)) text = (s.anyOf as JsonSchema[]).map((x) => typeOf(x, doc)).join(" or ");
  else if (Array.isArray(s.type)) text = (s.type as string[]).join(" or ");
  else if (typeof s.type === "string") text = typeof s.format === "string" ? `${s.type} (${s.format})` : s.type;
  else text = "any";
  return nullable ? `${text} or null` : text;
}

/**
 * What a schema allows beyond its type, in words.
 *
 * @example constraintsOf({ type: "integer", minimum: 1, maximum: 4 }) // ["1 to 4"]
 */
export function constraintsOf(schema: JsonSchema): string[] {
  const s = unwrapNullable(schema).schema;
  const out: string[] = [];
  if (Array.isArray(s.enum)) out.push(`one of: ${(s.enum as unknown[]).map(String).join(", ")}`);
  if (s.const !== undefined) out.push(`always ${JSON.stringify(s.const)}`);
  const min = typeof s.minimum === "number" && s.minimum > -MAX_SAFE ? s.minimum : null;
  const max = typeof s.maximum === "number" && s.maximum < MAX_SAFE ? s.maximum : null;
  if (min !== null && max !== null) out.push(`${min} to ${max}`);
  else if (min !== null) out.push(`at least ${min}`);
  else if (max !== null) out.push(`at most ${max}`);
  const range = (lo: unknown, hi: unknown, unit: string) => {
    const a = typeof lo === "number" && lo > 0 ? lo : null;
    const b = typeof hi === "number" ? hi : null;
    if (a !== null && b !== null) out.push(`${a} to ${b} ${unit}`);
    else if (a !== null) out.push(`at least ${a} ${unit}`);
    else if (b !== null) out.push(`at most ${b} ${unit}`);
  };
  range(s.minLength, s.maxLength, "characters");
  range(s.minItems, s.maxItems, "items");
  // formats already say what their (long) patterns check
  if (typeof s.pattern === "string" && typeof s.format !== "string") out.push(`matches ${s.pattern}`);
  if (s.default !== undefined) out.push(`default: ${JSON.stringify(s.default)}`);
  return out;
}

/**
 * A schema's fields as table rows, nested objects and arrays of objects flattened with
 * dotted names; named schemas are expanded (once per branch, so a cycle stops).
 *
 * @example schemaRows({ type: "object", properties: { id: { type: "string" } }, required: ["id"] }, doc)
 * // [{ name: "id", depth: 0, type: "string", required: true, description: null, constraints: [] }]
 */
export function schemaRows(schema: JsonSchema, doc: OpenApiDocument, prefix = "", depth = 0, seen: ReadonlySet<string> = new Set()): FieldRow[] {
  const { schema: plain } = unwrapNullable(schema);
  const { schema: s, name } = resolve(plain, doc);
  if (name && seen.has(name)) return [];
  const inside = name ? new Set([...seen, name]) : seen;
  if (s.type === "array" && s.items) return schemaRows(s.items as JsonSchema, doc, `${prefix}[]`, depth, inside);
  const properties = s.properties as Record<string, JsonSchema> | undefined;
  if (!properties || depth > MAX_DEPTH) return [];
  const required = new Set((s.required as string[] | undefined) ?? []);
  const rows: FieldRow[] = [];
  for (const [key, child] of Object.entries(properties)) {
    const fieldName = prefix ? `${prefix}.${key}` : key;
    const description = (unwrapNullable(child).schema.description ?? child.description) as string | undefined;
    rows.push({ name: fieldName, depth, type: typeOf(child, doc), required: required.has(key), description: description ?? null, constraints: constraintsOf(resolve(unwrapNullable(child).schema, doc).name ? {} : child) });
    rows.push(...schemaRows(child, doc, fieldName, depth + 1, inside));
  }
  return rows;
}

const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: "00000000-0000-4000-8000-000000000000",
  "date-time": "2026-11-23T15:00:00Z",
  date: "2026-11-23",
  email: "someone@example.com",
  uri: "https://example.com",
};

/**
 * An example value of a schema: its own `examples`/`default`/enum first, else one built
 * from its type. With `requiredOnly`, objects hold only their required fields (a body a
 * person can send and then extend).
 *
 * @example exampleOf({ type: "object", properties: { n: { type: "integer", minimum: 5 } }, required: ["n"] }, doc) // { n: 5 }
 */
export function exampleOf(schema: JsonSchema, doc: OpenApiDocument, options: { requiredOnly?: boolean } = {}, depth = 0): unknown {
  const { schema: plain } = unwrapNullable(schema);
  const { schema: s } = resolve(plain, doc);
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(s.anyOf)) return exampleOf((s.anyOf as JsonSchema[])[0], doc, options, depth + 1);
  const type = Array.isArray(s.type) ? (s.type as string[])[0] : s.type;
  switch (type) {
    case "object": {
      const properties = (s.properties as Record<string, JsonSchema> | undefined) ?? {};
      const required = new Set((s.required as string[] | undefined) ?? []);
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(properties)) {
        if (options.requiredOnly && !required.has(key)) continue;
        out[key] = exampleOf(child, doc, options, depth + 1);
      }
      return out;
    }
    case "array":
      return s.items ? [exampleOf(s.items as JsonSchema, doc, options, depth + 1)] : [];
    case "integer":
    case "number": {
      const min = typeof s.minimum === "number" && s.minimum > -MAX_SAFE ? s.minimum : null;
      return min ?? (typeof s.maximum === "number" && s.maximum < MAX_SAFE ? Math.min(0, s.maximum) : 0);
    }
    case "boolean":
      return false;
    case "string":
      return (typeof s.format === "string" && FORMAT_EXAMPLES[s.format]) || "string";
    default:
      return null;
  }
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A curl command for an operation: the key as a Bearer token, Idempotency-Key and
 * If-Match when the operation takes them, and the example body.
 *
 * @example curlFor({ method: "GET", path: "/jobs/{id}", parameters: [], body: null }, "https://crewboard.example/api/v1")
 * // "curl https://crewboard.example/api/v1/jobs/{id} \\\n  -H 'Authorization: Bearer <key>'"
 */
export function curlFor(op: Pick<OperationView, "method" | "path" | "parameters" | "body">, baseUrl: string): string {
  const query = op.parameters.filter((p) => p.in === "query" && p.required).map((p) => `${p.name}=<${p.name}>`);
  const url = `${baseUrl}${op.path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
  const lines = [`curl${op.method === "GET" ? "" : ` -X ${op.method}`} ${query.length > 0 ? shellQuote(url) : url}`, `-H 'Authorization: Bearer <key>'`];
  for (const p of op.parameters) {
    if (p.in !== "header") continue;
    if (p.name === "Idempotency-Key") lines.push(`-H 'Idempotency-Key: <unique string, e.g. a UUID>'`);
    else if (p.name === "If-Match") lines.push(`-H 'If-Match: "v<version>"'`);
    else lines.push(`-H '${p.name}: <${p.name}>'`);
  }
  if (op.body) {
    lines.push(`-H 'Content-Type: ${op.body.contentType}'`);
    lines.push(`-d ${shellQuote(op.body.example)}`);
  }
  return lines.join(" \\\n  ");
}

function parameterRows(list: JsonSchema[] | undefined, doc: OpenApiDocument): ParameterRow[] {
  return (list ?? []).map((p) => {
    const schema = (p.schema as JsonSchema | undefined) ?? {};
    const plain = unwrapNullable(schema).schema;
    return {
      name: String(p.name),
      in: p.in as ParameterRow["in"],
      type: typeOf(schema, doc),
      required: Boolean(p.required),
      description: (p.description ?? plain.description ?? null) as string | null,
      constraints: constraintsOf(schema),
      enumValues: Array.isArray(plain.enum) ? (plain.enum as unknown[]).map(String) : null,
      defaultValue: plain.default !== undefined ? String(plain.default) : null,
    };
  });
}

function firstContent(content: unknown): { type: string; media: JsonSchema } | null {
  if (!content || typeof content !== "object") return null;
  const [entry] = Object.entries(content as Record<string, JsonSchema>);
  return entry ? { type: entry[0], media: entry[1] } : null;
}

function responseViews(responses: Record<string, JsonSchema> | undefined, doc: OpenApiDocument): ResponseView[] {
  return Object.entries(responses ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, r]) => {
      const content = firstContent(r.content);
      const schema = (content?.media.schema as JsonSchema | undefined) ?? null;
      const named = schema ? resolve(schema, doc) : null;
      const mediaExample = content?.media.example ?? (content?.media.examples as Record<string, { value?: unknown }> | undefined)?.[Object.keys(content?.media.examples ?? {})[0]]?.value;
      const schemaExamples = named?.schema.examples;
      const example = mediaExample ?? (Array.isArray(schemaExamples) ? schemaExamples[0] : undefined);
      return {
        status,
        description: String(r.description ?? ""),
        contentType: content?.type ?? null,
        schemaName: named?.name ?? null,
        rows: schema ? schemaRows(schema, doc) : [],
        headers: Object.entries((r.headers as Record<string, JsonSchema> | undefined) ?? {}).map(([name, h]) => ({ name, description: String(h.description ?? "") })),
        example: example === undefined ? null : typeof example === "string" ? example : JSON.stringify(example, null, 2),
      };
    });
}

const METHODS = ["get", "post", "put", "patch", "delete"];

/**
 * Every operation of the document, grouped by its first tag in the document's tag order.
 *
 * @example referenceOf(openApiDocument(), "https://crewboard.example/api/v1")[0].operations[0].id // "listJobs"
 */
export function referenceOf(doc: OpenApiDocument, baseUrl: string): TagView[] {
  const byTag = new Map<string, OperationView[]>((doc.tags ?? []).map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const o = item[method];
      if (!o) continue;
      const tag = ((o.tags as string[] | undefined) ?? ["Other"])[0];
      const requestBody = o.requestBody as JsonSchema | undefined;
      const bodyContent = requestBody ? firstContent(requestBody.content) : null;
      const bodySchema = (bodyContent?.media.schema as JsonSchema | undefined) ?? null;
      const body =
        bodyContent && bodySchema
          ? {
              required: Boolean(requestBody?.required),
              contentType: bodyContent.type,
              rows: schemaRows(bodySchema, doc),
              example: JSON.stringify(bodyContent.media.example ?? exampleOf(bodySchema, doc, { requiredOnly: true }), null, 2),
            }
          : null;
      const parameters = parameterRows(o.parameters as JsonSchema[] | undefined, doc);
      const view: Omit<OperationView, "curl"> = {
        id: String(o.operationId ?? `${method}-${path}`),
        method: method.toUpperCase(),
        path,
        tag,
        summary: String(o.summary ?? ""),
        description: (o.description as string | undefined) ?? null,
        scope: (o["x-required-scope"] as string | undefined) ?? null,
        parameters,
        body,
        responses: responseViews(o.responses as Record<string, JsonSchema> | undefined, doc),
      };
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ ...view, curl: curlFor(view, baseUrl) });
    }
  }
  return [...byTag.entries()].filter(([, ops]) => ops.length > 0).map(([name, operations]) => ({ name, slug: slugOf(name), operations }));
}

/** One event Crewboard POSTs to a webhook endpoint. */
export interface WebhookView {
  event: string;
  summary: string;
  headers: ParameterRow[];
  rows: FieldRow[];
  /** An example body, pretty-printed. */
  example: string;
}

/**
 * The document's webhooks (OpenAPI 3.1 `webhooks`), in the document's order.
 *
 * @example webhooksOf(openApiDocument())[0].event // "job.created"
 */
export function webhooksOf(doc: OpenApiDocument): WebhookView[] {
  return Object.entries(doc.webhooks ?? {}).flatMap(([event, item]) => {
    const o = item.post;
    if (!o) return [];
    const content = firstContent((o.requestBody as JsonSchema | undefined)?.content);
    const schema = (content?.media.schema as JsonSchema | undefined) ?? {};
    return [
      {
        event,
        summary: String(o.summary ?? ""),
        headers: parameterRows(o.parameters as JsonSchema[] | undefined, doc),
        rows: schemaRows(schema, doc),
        example: JSON.stringify(content?.media.example ?? exampleOf(schema, doc), null, 2),
      },
    ];
  });
}
