/**
 * The REST API end to end through its request handler: keys and their scopes,
 * company isolation, idempotency, problem documents, rate limits, If-Match — and
 * every answer checked against the published OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ValidateFunction } from "ajv";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/db/api-keys";
import { handleApiRequest } from "@/lib/api/handle";
import { createTemplate } from "@/lib/db/templates";
import { openApiDocument } from "@/lib/api/openapi";
import { failureOf, testTargets } from "@/supabase/tests/helpers";
import { NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const doc = openApiDocument() as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: object;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

/** The documented operation of a concrete path, e.g. /jobs/<uuid> → /jobs/{id}. */
function documented(method: string, path: string) {
  const bare = path.split("?")[0];
  for (const [template, item] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${template.replace(/\./g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`);
    if (re.test(bare) && item[method.toLowerCase()]) return { template, op: item[method.toLowerCase()] };
  }
  return null;
}

/** Fails the test unless the answer is one the document describes, body included. */
function expectDocumented(method: string, path: string, status: number, contentType: string, body: unknown) {
  const found = documented(method, path);
  expect(found, `${method} ${path} is documented`).not.toBeNull();
  expect(Object.keys(found!.op.responses), `${method} ${found!.template} documents ${status}`).toContain(String(status));
  const response = found!.op.responses[String(status)];
  const media = contentType.split(";")[0].trim();
  expect(Object.keys(response.content ?? {}), `${method} ${found!.template} ${status} documents ${media}`).toContain(media);
  const content = response.content![media];
  const key = `${method} ${found!.template} ${status} ${media}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ ...content!.schema, components: doc.components });
    validators.set(key, validate);
  }
  if (media !== "text/csv" && !validate(body)) {
    throw new Error(`${key} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 800)}`);
  }
}

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown> & { errors?: { pointer?: string; parameter?: string; detail: string }[] };
  text: string;
}

describe("the OpenAPI document", () => {
  test("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(openApiDocument().openapi).toBe("3.1.0");
  });
});

describe.each(testTargets())("REST API on $name", (target) => {
  let db: Db;
  let a: TestBoard;
  let b: TestBoard;
  let keyA: string;
  let readKeyA: string;
  let keyB: string;
  let seq = 0;

  beforeAll(async () => {
    db = await target.open();
    a = await createTestBoard(db);
    b = await createTestBoard(db);
    keyA = (await withUser(db, a.users.admin, (tx) => createApiKey(tx, a.orgId, "Orders", "write"))).key;
    readKeyA = (await withService(db, (tx) => createApiKey(tx, a.orgId, "Reports", "read"))).key;
    keyB = (await withService(db, (tx) => createApiKey(tx, b.orgId, "Other", "write"))).key;
  });
  afterAll(async () => db?.close());

  async function call(
    method: string,
    path: string,
    options: {
      key?: string | null;
      body?: unknown;
      headers?: Record<string, string>;
      idempotencyKey?: string;
      rateLimit?: { limit: number; windowSeconds: number };
      /** A path the API does not have: its 404 is checked, not looked up in the document. */
      undocumented?: boolean;
    } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? keyA : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (method === "POST" && !("idempotency-key" in headers)) headers["idempotency-key"] = options.idempotencyKey ?? `test-${++seq}-${Math.random()}`;
    const response = await handleApiRequest(
      db,
      new Request(`http://localhost/api/v1${path}`, { method, headers, body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body) }),
      { now: NINE_AM, rateLimit: options.rateLimit },
    );
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    const json = type.includes("json") ? JSON.parse(text) : {};
    if (!options.undocumented) expectDocumented(method, path, response.status, type, json);
    if (response.status >= 400) expect(type).toBe("application/problem+json");
    return { status: response.status, headers: response.headers, json, text };
  }

  const newJob = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ customerId: a.customers.reachable, requiredSkills: ["HVAC"], estimatedMinutes: 60, date: "2026-11-23", ...over });

  test("no key, a malformed key and an unknown key get 401", async () => {
    expect((await call("GET", "/jobs", { key: null })).status).toBe(401);
    expect((await call("GET", "/jobs", { key: "nonsense" })).status).toBe(401);
    const unknown = await call("GET", "/jobs", { key: `cb_00000000_${"x".repeat(43)}` });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toContain("Bearer");
  });

  test("creating a job dispatches it and answers with the decision and its reasons", async () => {
    const r = await call("POST", "/jobs", { body: newJob({ description: "Walk-in cooler warm" }) });
    expect(r.status).toBe(201);
    const job = r.json.job as { id: string; source: string; status: string; version: number; assignment: unknown };
    const decision = r.json.decision as { state: string; reason: string };
    expect(job.source).toBe("api");
    expect(decision.state).toBe("auto_assigned");
    expect(decision.reason).toMatch(/best of \d+ eligible/);
    expect(job.assignment).not.toBeNull();
    expect(r.headers.get("etag")).toBe(`"v${job.version}"`);
    expect(r.headers.get("location")).toBe(`/api/v1/jobs/${job.id}`);
  });

  test("the same POST twice with one Idempotency-Key makes one job; another body with that key is refused", async () => {
    const body = newJob({ workOrder: `API-${Math.random().toString(36).slice(2, 8)}` });
    const first = await call("POST", "/jobs", { body, idempotencyKey: "order-7781" });
    const second = await call("POST", "/jobs", { body, idempotencyKey: "order-7781" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect((second.json.job as { id: string }).id).toBe((first.json.job as { id: string }).id);
    const listed = await call("GET", `/jobs?workOrder=${body.workOrder}`);
    expect((listed.json.data as unknown[]).length).toBe(1);
    const other = await call("POST", "/jobs", { body: { ...body, description: "something else" }, idempotencyKey: "order-7781" });
    expect(other.status).toBe(409);
    expect(other.json.type).toContain("idempotency-key-reused");
    const missing = await call("POST", "/jobs", { body, headers: { "idempotency-key": "" } });
    expect(missing.status).toBe(400);
  });

  test("bad payloads get 422 with a pointer per invalid field", async () => {
    const r = await call("POST", "/jobs", {
      body: { customerId: "not-an-id", priority: 9, estimatedMinutes: 2, windowStart: "2026-11-23T15:00:00Z", windowEnd: "2026-11-23T14:00:00Z", colour: "red" },
    });
    expect(r.status).toBe(422);
    const pointers = r.json.errors!.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/customerId", "/priority", "/estimatedMinutes", "/colour"]));
    expect(r.json.errors!.every((e) => e.detail.length > 0)).toBe(true);
    const windows = await call("POST", "/jobs", { body: newJob({ windowStart: "2026-11-23T15:00:00Z", windowEnd: "2026-11-23T14:00:00Z" }) });
    expect(windows.json.errors).toEqual([{ pointer: "/windowEnd", detail: "The window must end after it starts." }]);
    const query = await call("GET", "/jobs?limit=0&colour=red");
    expect(query.status).toBe(422);
    expect(query.json.errors!.map((e) => e.parameter).sort()).toEqual(["colour", "limit"]);
    const notJson = await call("POST", "/jobs", { body: "{oops" });
    expect(notJson.status).toBe(400);
  });

  test("a read-only key reads but cannot write", async () => {
    expect((await call("GET", "/jobs", { key: readKeyA })).status).toBe(200);
    const r = await call("POST", "/jobs", { key: readKeyA, body: newJob() });
    expect(r.status).toBe(403);
    expect(r.json.detail).toMatch(/read-only/);
    const id = a.jobs.A;
    const get = await call("GET", `/jobs/${id}`, { key: readKeyA });
    const patch = await call("PATCH", `/jobs/${id}`, { key: readKeyA, body: { notes: "x" }, headers: { "if-match": get.headers.get("etag")! } });
    expect(patch.status).toBe(403);
  });

  test("company A's key gets 404 for every company-B id and cannot write B's data", async () => {
    const bJob = b.jobs.A;
    const ids: [string, string][] = [
      ["GET", `/jobs/${bJob}`],
      ["GET", `/jobs/${bJob}/status`],
      ["GET", `/technicians/${b.techs.ali}`],
      ["GET", `/customers/${b.customers.reachable}`],
    ];
    for (const [method, path] of ids) expect((await call(method, path)).status, path).toBe(404);
    const urgentB = await call("POST", "/urgent", {
      key: keyB,
      body: { workOrder: "URG-B1", customerId: b.customers.reachable, description: "No heat", requiredSkills: ["HVAC"], durationMin: 60, deadline: at("16:00") },
    });
    expect(urgentB.status).toBe(201);
    const urgentId = urgentB.json.id as string;
    expect((await call("GET", `/urgent/${urgentId}`)).status).toBe(404);
    expect((await call("POST", `/urgent/${urgentId}/approve`, { body: { optionId: "x" } })).status).toBe(404);
    expect((await call("PATCH", `/jobs/${bJob}`, { body: { notes: "mine now" }, headers: { "if-match": '"v1"' } })).status).toBe(404);
    expect((await call("POST", `/jobs/${bJob}/cancel`, { body: { reason: "not yours" } })).status).toBe(404);
    const withBCustomer = await call("POST", "/jobs", { body: newJob({ customerId: b.customers.reachable }) });
    expect(withBCustomer.status).toBe(422);
    expect(withBCustomer.json.errors![0].pointer).toBe("/customerId");
    // nothing of B's appears in A's lists, and B's job is untouched
    const listed = await call("GET", "/jobs?limit=200");
    expect((listed.json.data as { id: string }[]).some((j) => Object.values(b.jobs).includes(j.id))).toBe(false);
    const techs = await call("GET", "/technicians?limit=200");
    expect((techs.json.data as { id: string }[]).map((t) => t.id).sort()).toEqual(Object.values(a.techs).sort());
    const bSeen = await call("GET", `/jobs/${bJob}`, { key: keyB });
    expect(bSeen.json.notes).toBeNull();
    expect(bSeen.json.status).toBe("unscheduled");
  });

  test("updates need If-Match: missing is 428, stale is 412, current succeeds with a new ETag", async () => {
    const created = await call("POST", "/jobs", { body: newJob({ autoDispatch: false }) });
    const id = (created.json.job as { id: string }).id;
    const read = await call("GET", `/jobs/${id}`);
    const etag = read.headers.get("etag")!;
    expect((await call("PATCH", `/jobs/${id}`, { body: { notes: "Gate code 4411" } })).status).toBe(428);
    const ok = await call("PATCH", `/jobs/${id}`, { body: { notes: "Gate code 4411", priority: 2 }, headers: { "if-match": etag } });
    expect(ok.status).toBe(200);
    expect(ok.json.notes).toBe("Gate code 4411");
    expect(ok.headers.get("etag")).not.toBe(etag);
    const stale = await call("PATCH", `/jobs/${id}`, { body: { notes: "late" }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect((await call("PATCH", `/jobs/${id}`, { body: {}, headers: { "if-match": ok.headers.get("etag")! } })).status).toBe(422);
  });

  test("cancelling takes the visit off the board; status and schedule follow", async () => {
    const created = await call("POST", "/jobs", { body: newJob() });
    const job = created.json.job as { id: string; assignment: { start: string } | null };
    expect(job.assignment).not.toBeNull();
    const before = await call("GET", "/schedule?date=2026-11-23");
    expect((before.json.visits as { job: { id: string } }[]).some((v) => v.job.id === job.id)).toBe(true);
    const status = await call("GET", `/jobs/${job.id}/status`);
    expect(status.json.scheduledStart).toBe(job.assignment!.start);
    const cancelled = await call("POST", `/jobs/${job.id}/cancel`, { body: { reason: "customer fixed it" } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe("cancelled");
    expect(cancelled.json.assignment).toBeNull();
    const after = await call("GET", "/schedule?date=2026-11-23");
    expect((after.json.visits as { job: { id: string } }[]).some((v) => v.job.id === job.id)).toBe(false);
    const again = await call("POST", `/jobs/${job.id}/cancel`, { body: { reason: "again" } });
    expect(again.json.status).toBe("cancelled");
  });

  test("another system reports the crew's progress: the job, its status and the customer's notice follow; a replay records nothing new", async () => {
    const created = await call("POST", "/jobs", { body: newJob() });
    const job = created.json.job as { id: string; assignment: { leaderName: string } | null };
    expect(job.assignment).not.toBeNull();
    const onTheWay = await call("POST", `/jobs/${job.id}/status`, { body: { status: "on_my_way" }, idempotencyKey: `way-${job.id}` });
    expect(onTheWay.status).toBe(200);
    expect(onTheWay.json).toMatchObject({ visitStatus: "on_my_way", status: "scheduled" });
    const status = await call("GET", `/jobs/${job.id}/status`);
    expect(status.json).toMatchObject({ visitStatus: "on_my_way", technicianStatus: "on the way", technicianName: job.assignment!.leaderName });
    // the estimate is the planning time plus the drive
    expect(Date.parse(status.json.estimatedArrivalAt as string)).toBeGreaterThanOrEqual(NINE_AM.getTime());
    const replay = await call("POST", `/jobs/${job.id}/status`, { body: { status: "on_my_way" }, idempotencyKey: `way-${job.id}` });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const arrived = await call("POST", `/jobs/${job.id}/status`, { body: { status: "arrived" } });
    expect(arrived.json).toMatchObject({ visitStatus: "arrived", status: "in_progress" });
    expect((await call("GET", `/jobs/${job.id}/status`)).json.technicianStatus).toBe("on site");
    const events = await withUser(db, a.dispatcher, (tx) =>
      tx.query<{ status: string }>("select status from public.visit_status_events where job_id = $1 order by recorded_at", [job.id]),
    );
    expect(events.map((e) => e.status)).toEqual(["on_my_way", "arrived"]);
    const notices = await withUser(db, a.dispatcher, (tx) => tx.query<{ kind: string }>("select kind from public.notifications where job_id = $1 and kind = 'on_my_way'", [job.id]));
    expect(notices).toHaveLength(1);

    const unfinished = await call("POST", `/jobs/${job.id}/status`, { body: { status: "not_finished" } });
    expect(unfinished.status).toBe(422);
    expect(unfinished.json.errors?.map((e) => e.pointer)).toEqual(["/reason"]);
    const readOnly = await call("POST", `/jobs/${job.id}/status`, { key: readKeyA, body: { status: "done" } });
    expect(readOnly.status).toBe(403);
    const otherCompany = await call("POST", `/jobs/${job.id}/status`, { key: keyB, body: { status: "done" } });
    expect(otherCompany.status).toBe(404);
    expect((await call("GET", `/jobs/${job.id}`)).json.visitStatus).toBe("arrived");
  });

  test("lists page with a cursor, without repeats or gaps", async () => {
    const all = await call("GET", "/jobs?limit=200");
    const ids = (all.json.data as { id: string }[]).map((j) => j.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await call("GET", `/jobs?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...(page.json.data as { id: string }[]).map((j) => j.id));
      cursor = page.json.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await call("GET", "/jobs?cursor=bm9wZQ")).status).toBe(422);
  });

  test("customers, technicians, offers, urgent requests and exports answer as documented", async () => {
    const customer = await call("POST", "/customers", { body: { name: "Harbor Bakery", phone: "+13125550123", lat: 41.9, lng: -87.65 } });
    expect(customer.status).toBe(201);
    expect((await call("GET", `/customers/${customer.json.id}`)).json.name).toBe("Harbor Bakery");
    expect((await call("GET", "/customers?limit=2")).status).toBe(200);
    expect((await call("GET", `/technicians/${a.techs.ali}`)).json.name).toBe("Ali Haddad");
    expect((await call("GET", "/offers?status=offered")).status).toBe(200);
    const urgent = await call("POST", "/urgent", {
      body: { workOrder: `URG-${seq}`, customerId: customer.json.id, description: "Freezer down", requiredSkills: ["HVAC"], durationMin: 60, deadline: at("15:00") },
    });
    expect(urgent.status).toBe(201);
    const options = urgent.json.options as { id: string }[];
    expect(options.length).toBeGreaterThan(0);
    const approved = await call("POST", `/urgent/${urgent.json.id}/approve`, { body: { optionId: options[0].id } });
    expect(approved.status).toBe(200);
    expect(approved.json.outcome).toBe("applied");
    const board = await call("GET", "/exports/board.csv?date=2026-11-23");
    expect(board.status).toBe(200);
    expect(board.text.split("\n")[0]).toContain("work_order");
    expect((await call("GET", "/exports/unresolved.csv?date=2026-11-23&list=unassigned")).status).toBe(200);
    expect((await call("GET", "/nowhere", { undocumented: true })).status).toBe(404);
  });

  test("a broadcast job's offers: listed by job, read one by one, and invisible to another company", async () => {
    const templateId = await withUser(db, a.users.admin, (tx) =>
      createTemplate(tx, a.orgId, {
        name: `Broadcast ${seq}`,
        defaultMinutes: 60,
        requiredSkills: ["HVAC"],
        priority: 3,
        notes: null,
        dispatchMode: "broadcast",
        autoDispatchEnabled: true,
        active: true,
        leaderIds: [],
        helperIds: [],
      }),
    );
    const created = await call("POST", "/jobs", { body: newJob({ templateId }) });
    expect(created.status).toBe(201);
    const jobId = (created.json.job as { id: string }).id;
    expect((created.json.decision as { state: string }).state).toBe("offered");
    const listed = await call("GET", `/offers?jobId=${jobId}`);
    const offers = listed.json.data as { id: string; jobId: string; status: string; technicianName: string }[];
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((o) => o.jobId === jobId && o.status === "offered")).toBe(true);
    const one = await call("GET", `/offers/${offers[0].id}`);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: offers[0].id, jobId, status: "offered", technicianName: offers[0].technicianName });
    expect((await call("GET", `/offers/${offers[0].id}`, { key: keyB })).status).toBe(404);
    expect((await call("GET", `/offers?jobId=${jobId}`, { key: keyB })).json.data).toEqual([]);
    expect((await call("GET", "/offers/not-an-id")).status).toBe(404);
  });

  test("too many requests get 429 with Retry-After", async () => {
    const limit = { limit: 2, windowSeconds: 60 };
    const key = (await withService(db, (tx) => createApiKey(tx, a.orgId, "Burst", "read"))).key;
    expect((await call("GET", "/technicians", { key, rateLimit: limit })).status).toBe(200);
    expect((await call("GET", "/technicians", { key, rateLimit: limit })).status).toBe(200);
    const third = await call("GET", "/technicians", { key, rateLimit: limit });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("only admins create keys; a revoked key stops working; keys are listed by prefix, never in full", async () => {
    const refused = await failureOf(withUser(db, a.users.dispatcher, (tx) => createApiKey(tx, a.orgId, "Sneaky", "write")));
    expect(refused.code).toBe("42501");
    const otherAdmin = await failureOf(withUser(db, b.users.admin, (tx) => createApiKey(tx, a.orgId, "Cross", "write")));
    expect(otherAdmin.code).toBe("42501");
    const created = await withUser(db, a.users.admin, (tx) => createApiKey(tx, a.orgId, "Temporary", "read"));
    expect((await call("GET", "/jobs", { key: created.key })).status).toBe(200);
    const listed = await withUser(db, a.users.admin, (tx) => listApiKeys(tx, a.orgId));
    const row = listed.find((k) => k.id === created.id)!;
    expect(row.prefix).toBe(created.prefix);
    expect(row.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(await withUser(db, a.users.dispatcher, (tx) => listApiKeys(tx, a.orgId))).toEqual([]);
    expect(await withUser(db, b.users.admin, (tx) => revokeApiKey(tx, b.orgId, created.id))).toBe(false);
    expect(await withUser(db, a.users.admin, (tx) => revokeApiKey(tx, a.orgId, created.id))).toBe(true);
    expect((await call("GET", "/jobs", { key: created.key })).status).toBe(401);
  });

  test("a key's changes are in the audit trail under the key's name", async () => {
    const r = await call("POST", "/jobs", { body: newJob({ autoDispatch: false, description: "Audit me" }) });
    const id = (r.json.job as { id: string }).id;
    const rows = await withService(db, (tx) =>
      tx.query<{ full_name: string; context: { via?: string } | null }>(
        "select p.full_name, l.context from public.audit_log l join public.profiles p on p.id = l.actor_id where l.row_id = $1 and l.action = 'insert'",
        [id],
      ),
    );
    expect(rows[0].full_name).toBe("API key Orders");
    expect(rows[0].context?.via).toBe("api");
  });
});
