/**
 * Errors of the REST API as `application/problem+json` (RFC 9457), with a JSON
 * Pointer (RFC 6901) to each invalid field of the request body, or the name of each
 * invalid query parameter.
 */
import type { z } from "zod";

export interface FieldProblem {
  /** JSON Pointer into the request body, e.g. `/windowEnd`. */
  pointer?: string;
  /** A query or path parameter's name. */
  parameter?: string;
  detail: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  412: "Precondition failed",
  413: "Content too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  428: "Precondition required",
  429: "Too many requests",
  500: "Internal server error",
};

/** A failure the API answers with a problem document. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    detail: string,
    readonly errors?: FieldProblem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  body(instance?: string): ProblemBody {
    return {
      type: `/api/docs#problem-${this.slug}`,
      title: TITLES[this.status] ?? "Error",
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors && this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}

/** `["a", 0, "b~c/d"]` → `/a/0/b~0c~1d` (RFC 6901 escaping). */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** A zod failure of the request body as field problems with pointers. */
export function bodyProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => {
    const extra = i.code === "unrecognized_keys" ? i.keys : null;
    if (extra) return { pointer: jsonPointer([...i.path, extra[0]]), detail: `Unknown field${extra.length > 1 ? "s" : ""}: ${extra.join(", ")}.` };
    return { pointer: jsonPointer(i.path), detail: i.message };
  });
}

/** A zod failure of the query string as field problems naming the parameter. */
export function parameterProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => {
    const extra = i.code === "unrecognized_keys" ? i.keys : null;
    return { parameter: String(extra ? extra[0] : (i.path[0] ?? "")), detail: extra ? `Unknown parameter${extra.length > 1 ? "s" : ""}: ${extra.join(", ")}.` : i.message };
  });
}

/** Field errors as the app's actions report them (`{ "a.b": ["…"] }`) turned into pointers. */
export function fieldErrorProblems(fieldErrors: Record<string, string[]> | undefined): FieldProblem[] {
  return Object.entries(fieldErrors ?? {}).flatMap(([key, messages]) =>
    messages.map((detail) => ({ pointer: key === "_" ? "" : jsonPointer(key.split(".")), detail })),
  );
}

export function problemResponse(p: ApiProblem, instance?: string): Response {
  return new Response(JSON.stringify(p.body(instance)), {
    status: p.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...p.headers },
  });
}
