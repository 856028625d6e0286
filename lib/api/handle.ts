/**
 * Answers one REST API request: route → key → rate limit → scope → parse →
 * idempotency → one withUser transaction as the key's principal → response.
 * Takes the database and the planning time as arguments, so tests call it directly.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { withUser } from "@/lib/db/with-user";
import { findApiPrincipal, type ApiPrincipal } from "@/lib/db/api-keys";
import { hitRateLimit } from "@/lib/db/rate-limits";
import { claimIdempotencyKey, completeIdempotencyKey } from "@/lib/db/idempotency";
import { bearerKey, hashKeyToken } from "@/lib/auth/api-key-token";
import { ActionFailure } from "@/lib/actions/result";
import { OPERATIONS, type Operation, type OperationResult } from "@/lib/api/operations";
import { ApiProblem, bodyProblems, fieldErrorProblems, parameterProblems, problemResponse } from "@/lib/api/problem";

export const API_BASE = "/api/v1";
/** Largest request body accepted. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface HandleOptions {
  now: Date;
  /** Requests per key per window; default from CREWBOARD_API_RATE_LIMIT or 600 a minute. */
  rateLimit?: { limit: number; windowSeconds: number };
}

function defaultRateLimit(): { limit: number; windowSeconds: number } {
  const configured = Number(process.env.CREWBOARD_API_RATE_LIMIT);
  return { limit: Number.isInteger(configured) && configured > 0 ? configured : 600, windowSeconds: 60 };
}

const ROUTES = OPERATIONS.map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.replace(/\./g, "\\.").replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`),
}));

function route(method: string, path: string): { op: Operation; params: Record<string, string> } {
  const matches = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m);
  if (matches.length === 0) throw new ApiProblem(404, "not-found", `There is no ${path} in the API. See /api/docs.`);
  const hit = matches.find((x) => x.r.op.method === method);
  if (!hit) {
    const allowed = matches.map((x) => x.r.op.method).join(", ");
    throw new ApiProblem(405, "method-not-allowed", `${path} answers ${allowed}.`, undefined, { allow: allowed });
  }
  return { op: hit.r.op, params: { ...(hit.m!.groups ?? {}) } };
}

async function authenticate(db: Db, request: Request): Promise<ApiPrincipal> {
  const key = bearerKey(request.headers.get("authorization"));
  const challenge = { "www-authenticate": 'Bearer realm="crewboard"' };
  if (!key) throw new ApiProblem(401, "unauthorized", "Send your API key as `Authorization: Bearer <key>`.", undefined, challenge);
  const principal = await findApiPrincipal(db, hashKeyToken(key));
  if (!principal) throw new ApiProblem(401, "unauthorized", "That API key is unknown or was revoked.", undefined, challenge);
  return principal;
}

function parseWith<S extends z.ZodType>(schema: S | undefined, value: unknown, where: "query" | "body" | "params"): z.output<S> | undefined {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  if (where === "params") throw new ApiProblem(404, "not-found", "No such resource in your company.");
  throw new ApiProblem(422, "validation", where === "body" ? "Some fields of the request body need attention." : "Some query parameters need attention.", where === "body" ? bodyProblems(r.error) : parameterProblems(r.error));
}

async function readBody(request: Request): Promise<{ raw: string; json: unknown }> {
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new ApiProblem(413, "too-large", `A request body is at most ${MAX_BODY_BYTES / 1024} KB.`);
  const type = request.headers.get("content-type") ?? "";
  if (raw.length > 0 && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ApiProblem(415, "unsupported-media-type", "Send the body as application/json.");
  }
  if (raw.trim() === "") return { raw, json: {} };
  try {
    return { raw, json: JSON.parse(raw) };
  } catch {
    throw new ApiProblem(400, "bad-json", "The request body is not valid JSON.");
  }
}

/** `"v7"`, `W/"v7"` → 7; `*` → null (any); anything else refused. */
function parseIfMatch(header: string | null): number | null | undefined {
  if (header === null) return undefined;
  if (header.trim() === "*") return null;
  const m = /^(?:W\/)?"v(\d+)"$/.exec(header.trim());
  if (!m) throw new ApiProblem(412, "precondition-failed", 'If-Match must be an ETag this API gave out, like "v3".');
  return Number(m[1]);
}

function toProblem(err: unknown): ApiProblem {
  if (err instanceof ApiProblem) return err;
  if (err instanceof ActionFailure) {
    switch (err.code) {
      case "validation":
        return new ApiProblem(422, "validation", err.message, fieldErrorProblems(err.fieldErrors));
      case "not_found":
        return err.fieldErrors
          ? new ApiProblem(422, "validation", err.message, fieldErrorProblems(err.fieldErrors))
          : new ApiProblem(404, "not-found", err.message);
      case "forbidden":
        return new ApiProblem(403, "forbidden", err.message);
      default:
        return new ApiProblem(409, "conflict", err.message, fieldErrorProblems(err.fieldErrors));
    }
  }
  const code = (err as { code?: string }).code;
  if (code === "42501") return new ApiProblem(403, "forbidden", "This key may not make that change.");
  if (code === "23505") return new ApiProblem(409, "conflict", "That already exists.");
  if (code === "23503" || code === "23514") return new ApiProblem(422, "validation", "That change breaks a rule of the schedule.");
  throw err;
}

function respond(result: OperationResult, extra: Record<string, string> = {}): Response {
  if ("csv" in result) {
    return new Response(result.csv, {
      status: result.status,
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${result.filename}"`, "cache-control": "no-store", ...extra },
    });
  }
  const headers: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store", ...extra };
  if (result.etag) headers.etag = result.etag;
  if (result.location) headers.location = result.location;
  return new Response(JSON.stringify(result.body), { status: result.status, headers });
}

/** Answers a request to /api/v1/…; never throws for anything a caller can cause. */
export async function handleApiRequest(db: Db, request: Request, options: HandleOptions): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) || "/" : url.pathname;
  let rate: Record<string, string> = {};
  try {
    const { op, params: rawParams } = route(request.method, path);
    const principal = await authenticate(db, request);
    const limits = options.rateLimit ?? defaultRateLimit();
    const decision = await hitRateLimit(db, `api-key:${principal.keyId}`, limits.limit, limits.windowSeconds);
    rate = { "ratelimit-limit": String(limits.limit), "ratelimit-remaining": String(decision.remaining), "ratelimit-reset": String(decision.retryAfterSeconds) };
    if (!decision.allowed) {
      throw new ApiProblem(429, "rate-limited", `This key made more than ${limits.limit} requests in ${limits.windowSeconds} seconds. Retry after ${decision.retryAfterSeconds} s.`, undefined, {
        "retry-after": String(decision.retryAfterSeconds),
      });
    }
    if (op.scope === "write" && principal.scope !== "write") {
      throw new ApiProblem(403, "forbidden", "This key is read-only: create a key with the write scope to make changes.");
    }
    const params = parseWith(op.params, rawParams, "params");
    const query = parseWith(op.query, Object.fromEntries(url.searchParams), "query");
    let raw = "";
    let body: unknown;
    if (op.method !== "GET") {
      const read = await readBody(request);
      raw = read.raw;
      body = parseWith(op.body, read.json, "body");
    }
    const ifMatch = parseIfMatch(request.headers.get("if-match"));
    if (op.requiresIfMatch && ifMatch === undefined) {
      throw new ApiProblem(428, "precondition-required", "Send If-Match with the ETag you read, so a change made since is not overwritten.");
    }
    const idempotencyKey = request.headers.get("idempotency-key");
    if (op.method === "POST") {
      if (!idempotencyKey || idempotencyKey.length > 255) {
        throw new ApiProblem(400, "idempotency-key", "Every POST needs an Idempotency-Key header (1–255 characters) so a retry never does the work twice.");
      }
    }
    const requestHash = createHash("sha256").update(`${op.method} ${path}\n${raw}`).digest("hex");
    let replayed = false;
    const result = await withUser(
      db,
      principal,
      async (tx): Promise<OperationResult> => {
        if (op.method === "POST") {
          const claim = await claimIdempotencyKey(tx, principal.keyId, principal.orgId, idempotencyKey!, requestHash);
          if (claim.state === "mismatch") {
            throw new ApiProblem(409, "idempotency-key-reused", "This Idempotency-Key was already used with another request. Use a new key for a new request.");
          }
          if (claim.state === "replay") {
            replayed = true;
            const stored = claim.body as { etag?: string; location?: string; body: unknown };
            return { status: claim.status, body: stored.body, etag: stored.etag, location: stored.location };
          }
        }
        const out = await op.run({ tx, principal, params, query, body, ifMatch: ifMatch ?? null, idempotencyKey, now: options.now } as never);
        if (op.method === "POST" && !("csv" in out)) {
          await completeIdempotencyKey(tx, principal.keyId, idempotencyKey!, out.status, { body: out.body, etag: out.etag, location: out.location });
        }
        return out;
      },
      { auditContext: { via: "api", apiKey: principal.keyName } },
    );
    return respond(result, replayed ? { ...rate, "idempotent-replayed": "true" } : rate);
  } catch (err) {
    return problemResponse(toProblem(err), url.pathname);
  }
}
