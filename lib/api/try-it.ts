/**
 * The request a Try it form of the API reference sends: the path filled in, the query
 * string, the headers and the body, or what is missing, in words. Pure, so the browser
 * form and the tests share it.
 */
import type { ParameterRow } from "@/lib/api/reference";

export interface TryItInput {
  method: string;
  /** The path template under the base, e.g. `/jobs/{id}`. */
  path: string;
  parameters: Pick<ParameterRow, "name" | "in" | "required">[];
  /** Parameter values by `in:name`, e.g. `path:id`, `query:limit`, `header:If-Match`. */
  values: Record<string, string>;
  apiKey: string;
  /** The JSON body as typed, or null when the operation takes none. */
  body: string | null;
}

export interface TryItRequest {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string };
}

/** The key of a parameter's value in {@link TryItInput.values}. */
export const valueKey = (p: Pick<ParameterRow, "name" | "in">): string => `${p.in}:${p.name}`;

/**
 * The request to send, or the problems that stop it (each a sentence).
 *
 * @example
 * tryItRequest({ method: "GET", path: "/jobs/{id}", parameters: [{ name: "id", in: "path", required: true }],
 *   values: { "path:id": "42" }, apiKey: "cb_x", body: null }, "/api/v1")
 * // { ok: true, request: { url: "/api/v1/jobs/42", init: { method: "GET", headers: { Authorization: "Bearer cb_x" } } } }
 */
export function tryItRequest(input: TryItInput, baseUrl: string): { ok: true; request: TryItRequest } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const key = input.apiKey.trim();
  if (!key) problems.push("Enter an API key: an administrator creates one in Settings → API keys.");
  else if (/\s/.test(key)) problems.push("The API key has a space in it: paste the key alone.");
  const value = (p: Pick<ParameterRow, "name" | "in">) => (input.values[valueKey(p)] ?? "").trim();
  for (const p of input.parameters) {
    if (p.required && !value(p)) problems.push(`Enter ${p.name} (${p.in === "path" ? "part of the path" : `a ${p.in} parameter`}).`);
  }
  let body: string | undefined;
  if (input.body !== null && input.body.trim() !== "") {
    try {
      body = JSON.stringify(JSON.parse(input.body));
    } catch (err) {
      problems.push(`The body is not valid JSON (${err instanceof Error ? err.message : String(err)}): fix it, or empty the box to send none.`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const path = input.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(value({ name, in: "path" })));
  const query = new URLSearchParams();
  for (const p of input.parameters) if (p.in === "query" && value(p)) query.set(p.name, value(p));
  const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
  for (const p of input.parameters) if (p.in === "header" && value(p)) headers[p.name] = value(p);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const qs = query.toString();
  return {
    ok: true,
    request: { url: `${baseUrl}${path}${qs ? `?${qs}` : ""}`, init: { method: input.method, headers, ...(body !== undefined ? { body } : {}) } },
  };
}

/**
 * An answer's body for reading: JSON pretty-printed, anything else as it came.
 *
 * @example prettyBody('{"a":1}', "application/json") // '{\n  "a": 1\n}'
 */
export function prettyBody(text: string, contentType: string | null): string {
  if (!contentType || !/json/.test(contentType) || text === "") return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * A problem+json answer in words: its detail, then each invalid field or parameter.
 *
 * @example problemWords({ title: "Not found", detail: "No job with that id in your company." }) // ["No job with that id in your company."]
 */
export function problemWords(problem: unknown): string[] {
  if (!problem || typeof problem !== "object") return [];
  const p = problem as { title?: unknown; detail?: unknown; errors?: unknown };
  const lines = [typeof p.detail === "string" ? p.detail : typeof p.title === "string" ? p.title : "The request failed."];
  if (Array.isArray(p.errors)) {
    for (const e of p.errors as { pointer?: string; parameter?: string; detail?: string }[]) {
      const where = e.parameter ? `parameter ${e.parameter}` : e.pointer ? `body field ${e.pointer}` : "the body";
      lines.push(`${where}: ${e.detail ?? "invalid"}`);
    }
  }
  return lines;
}
