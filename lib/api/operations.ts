/**
 * Every operation of the REST API (/api/v1): its path, the scope a key needs, the
 * zod schemas of its parameters, body and answers, and what it does. The router
 * (lib/api/handle.ts) and the OpenAPI document (lib/api/openapi.ts) both read this
 * list, so what is documented is what runs.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import type { ApiPrincipal, ApiScope } from "@/lib/db/api-keys";
import { ActionFailure } from "@/lib/actions/result";
import { createJob } from "@/lib/db/dispatch";
import {
  cancelJob,
  createCustomer,
  getApiCustomer,
  getApiJob,
  getApiTechnician,
  listApiCustomers,
  listApiJobs,
  getApiOffer,
  listApiOffers,
  listApiTechnicians,
  loadApiSchedule,
  updateApiJob,
} from "@/lib/db/api-resources";
import { approveUrgent } from "@/lib/db/urgent-approval";
import { submitUrgent } from "@/lib/db/urgent-ranking";
import { getUrgentRequest, type UrgentRequest } from "@/lib/db/urgent-requests";
import { loadBoardExport, loadUnresolvedList } from "@/lib/db/exports";
import { serializeBoard } from "@/lib/csv/board-csv";
import { serializeUnresolved } from "@/lib/csv/unresolved-csv";
import { ApiProblem } from "@/lib/api/problem";
import {
  ApiCustomer,
  ApiCustomerCreate,
  ApiCustomerPage,
  ApiIdParam,
  ApiJob,
  ApiJobCancel,
  ApiJobCreate,
  ApiJobCreated,
  ApiJobListQuery,
  ApiJobPage,
  ApiJobStatus,
  ApiJobUpdate,
  ApiOffer,
  ApiOfferPage,
  ApiOfferQuery,
  ApiPageQuery,
  ApiSchedule,
  ApiScheduleQuery,
  ApiTechnician,
  ApiTechnicianPage,
  ApiUnresolvedQuery,
  ApiUrgentApproval,
  ApiUrgentApprove,
  ApiUrgentCreate,
  ApiUrgentRequest,
  ApiVisitReport,
} from "@/lib/schemas/api";
import { reportVisitStatus } from "@/lib/db/visit-status";
import { VISIT_STATUS_WORDS } from "@/lib/engine/visit-status";

export interface OperationContext<P, Q, B> {
  tx: Queryable;
  principal: ApiPrincipal;
  params: P;
  query: Q;
  body: B;
  /** The version an `If-Match` header asks for, when one was sent. */
  ifMatch: number | null;
  /** The request's Idempotency-Key (every POST has one). */
  idempotencyKey: string | null;
  now: Date;
}

export type OperationResult =
  | { status: number; body: unknown; etag?: string; location?: string }
  | { status: 200; csv: string; filename: string };

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  csv?: boolean;
  etag?: boolean;
}

export interface Operation {
  id: string;
  method: "GET" | "POST" | "PATCH";
  /** OpenAPI path template under /api/v1, e.g. `/jobs/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  scope: ApiScope;
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** PATCH needs `If-Match` with the version read; other writes may send it. */
  requiresIfMatch?: boolean;
  responses: Record<number, ResponseSpec>;
  run: (ctx: OperationContext<never, never, never>) => Promise<OperationResult>;
}

/** Builds an operation with its context typed from its schemas. */
function op<P extends z.ZodObject | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined>(
  def: Omit<Operation, "run" | "params" | "query" | "body"> & {
    params?: P;
    query?: Q;
    body?: B;
    run: (
      ctx: OperationContext<P extends z.ZodType ? z.output<P> : undefined, Q extends z.ZodType ? z.output<Q> : undefined, B extends z.ZodType ? z.output<B> : undefined>,
    ) => Promise<OperationResult>;
  },
): Operation {
  return def as unknown as Operation;
}

/** ETag of a versioned resource. */
export const etagOf = (version: number): string => `"v${version}"`;

const notFound = (what: string) => new ApiProblem(404, "not-found", `No ${what} with that id in your company.`);

/** The crew's last report in the customer's words; a job done without a report still reads "done". */
function technicianStatusWords(job: { status: string; visitStatus: keyof typeof VISIT_STATUS_WORDS | null }): string | null {
  if (job.visitStatus) return VISIT_STATUS_WORDS[job.visitStatus];
  return job.status === "in_progress" ? VISIT_STATUS_WORDS.arrived : job.status === "done" ? VISIT_STATUS_WORDS.done : null;
}

async function mustJob(tx: Queryable, orgId: string, id: string) {
  const job = await getApiJob(tx, orgId, id);
  if (!job) throw notFound("job");
  return job;
}

/** A version mismatch on a conditional write is 412, whatever the layer below calls it. */
async function conditional<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ActionFailure && err.code === "conflict" && /version/.test(err.message)) {
      throw new ApiProblem(412, "precondition-failed", err.message);
    }
    throw err;
  }
}

function urgentView(u: UrgentRequest): z.output<typeof ApiUrgentRequest> {
  return {
    id: u.id,
    workOrder: u.workOrder,
    jobId: u.job.id,
    status: u.status,
    rankingMessage: u.rankingMessage,
    options: u.options.map((o) => ({
      id: o.id,
      rank: o.rank,
      technicianId: o.technicianId,
      technicianName: o.technicianName,
      urgentStart: o.urgentStart,
      urgentEnd: o.urgentEnd,
      fitsWithoutBump: o.fitsWithoutBump,
      meetsDeadline: o.meetsDeadline,
      addedTravelMin: o.addedTravelMin,
      harm: o.harm,
      warnings: o.warnings,
      bumped: o.bumped.map((b) => ({ jobId: b.jobId, workOrder: b.workOrder, customerName: b.customerName, newWindow: b.newWindow, reason: b.reason })),
    })),
    approvedOptionId: u.approvedOption?.id ?? null,
    approvedAt: u.approvedAt,
    createdAt: u.createdAt,
  };
}

const problems = {
  400: { description: "The request could not be read (JSON, Idempotency-Key).", schema: undefined },
  401: { description: "Missing, malformed, unknown or revoked API key." },
  422: { description: "Invalid fields, each with a JSON Pointer." },
  429: { description: "Too many requests for this key; see Retry-After." },
};

export const OPERATIONS: Operation[] = [
  op({
    id: "listJobs",
    method: "GET",
    path: "/jobs",
    tag: "Jobs",
    summary: "List jobs",
    description: "Newest first, filtered, one page at a time: pass `nextCursor` as `cursor` for the next page.",
    scope: "read",
    query: ApiJobListQuery,
    responses: { 200: { description: "A page of jobs.", schema: ApiJobPage } },
    run: async ({ tx, principal, query }) => ({ status: 200, body: await listApiJobs(tx, principal.orgId, query) }),
  }),
  op({
    id: "createJob",
    method: "POST",
    path: "/jobs",
    tag: "Jobs",
    summary: "Create a job",
    description:
      "Creates the job and runs lights-out dispatch on it: the answer holds the decision (assigned, offered, or left for review) and its reasons in words.",
    scope: "write",
    body: ApiJobCreate,
    responses: { 201: { description: "The job and what dispatch decided.", schema: ApiJobCreated, etag: true } },
    run: async ({ tx, principal, body, now }) => {
      const created = await createJob(tx, principal, { ...body, priority: body.priority as 1 | 2 | 3 | 4 | undefined, source: "api" }, now);
      const job = (await getApiJob(tx, principal.orgId, created.job.id))!;
      return { status: 201, body: { job, decision: created.decision }, etag: etagOf(job.version), location: `/api/v1/jobs/${job.id}` };
    },
  }),
  op({
    id: "getJob",
    method: "GET",
    path: "/jobs/{id}",
    tag: "Jobs",
    summary: "Get a job",
    scope: "read",
    params: ApiIdParam,
    responses: { 200: { description: "The job with its visit; ETag is its version.", schema: ApiJob, etag: true } },
    run: async ({ tx, principal, params }) => {
      const job = await mustJob(tx, principal.orgId, params.id);
      return { status: 200, body: job, etag: etagOf(job.version) };
    },
  }),
  op({
    id: "updateJob",
    method: "PATCH",
    path: "/jobs/{id}",
    tag: "Jobs",
    summary: "Change a job's details",
    description: "Send `If-Match` with the ETag you read: a job changed since then is refused with 412.",
    scope: "write",
    params: ApiIdParam,
    body: ApiJobUpdate,
    requiresIfMatch: true,
    responses: { 200: { description: "The changed job.", schema: ApiJob, etag: true } },
    run: async ({ tx, principal, params, body, ifMatch }) => {
      const job = await conditional(() =>
        updateApiJob(tx, principal.orgId, params.id, ifMatch!, body).catch((err) => {
          if (err instanceof ActionFailure && err.code === "not_found") throw notFound("job");
          throw err;
        }),
      );
      return { status: 200, body: job, etag: etagOf(job.version) };
    },
  }),
  op({
    id: "cancelJob",
    method: "POST",
    path: "/jobs/{id}/cancel",
    tag: "Jobs",
    summary: "Cancel a job",
    description: "Takes its visit off the board and marks it cancelled; cancelling again changes nothing. `If-Match` is honoured when sent.",
    scope: "write",
    params: ApiIdParam,
    body: ApiJobCancel,
    responses: { 200: { description: "The cancelled job.", schema: ApiJob, etag: true } },
    run: async ({ tx, principal, params, body, ifMatch, now }) => {
      await mustJob(tx, principal.orgId, params.id);
      const job = await conditional(() => cancelJob(tx, principal, params.id, body.reason, now, ifMatch ?? undefined));
      return { status: 200, body: job, etag: etagOf(job.version) };
    },
  }),
  op({
    id: "getJobStatus",
    method: "GET",
    path: "/jobs/{id}/status",
    tag: "Jobs",
    summary: "Follow a job's status",
    description: "A small answer to poll: the job's status, its visit and who does it.",
    scope: "read",
    params: ApiIdParam,
    responses: { 200: { description: "Where the job stands.", schema: ApiJobStatus } },
    run: async ({ tx, principal, params }) => {
      const job = await mustJob(tx, principal.orgId, params.id);
      return {
        status: 200,
        body: {
          jobId: job.id,
          workOrder: job.workOrder,
          status: job.status,
          technicianStatus: technicianStatusWords(job),
          visitStatus: job.visitStatus,
          estimatedArrivalAt: job.visitStatus === "on_my_way" ? job.estimatedArrivalAt : null,
          scheduledStart: job.assignment?.start ?? null,
          scheduledEnd: job.assignment?.end ?? null,
          technicianName: job.assignment?.leaderName ?? null,
          updatedAt: job.updatedAt,
        },
      };
    },
  }),
  op({
    id: "reportJobStatus",
    method: "POST",
    path: "/jobs/{id}/status",
    tag: "Jobs",
    summary: "Report the crew's progress on a visit",
    description:
      "For systems that follow the crew (a field app, vehicle tracking): on my way, arrived, done, couldn't finish, running late. " +
      "It is recorded as the technician app's taps are, the customer's tracking page and the board follow at once, and \"on my way\" tells the customer. " +
      "A report out of the usual order is kept as a correction.",
    scope: "write",
    params: ApiIdParam,
    body: ApiVisitReport,
    responses: { 200: { description: "The job after the report.", schema: ApiJob, etag: true } },
    run: async ({ tx, principal, params, body, idempotencyKey, now }) => {
      await mustJob(tx, principal.orgId, params.id);
      // the visit history keeps one row per report: the key's own Idempotency-Key, made safe for it
      const reportKey = `api-${createHash("sha256").update(`${principal.keyId}:${idempotencyKey}`).digest("hex").slice(0, 40)}`;
      await reportVisitStatus(tx, principal, { jobId: params.id, idempotencyKey: reportKey, ...body }, now);
      const job = await mustJob(tx, principal.orgId, params.id);
      return { status: 200, body: job, etag: etagOf(job.version) };
    },
  }),
  op({
    id: "listTechnicians",
    method: "GET",
    path: "/technicians",
    tag: "Technicians",
    summary: "List technicians",
    scope: "read",
    query: ApiPageQuery,
    responses: { 200: { description: "A page of technicians.", schema: ApiTechnicianPage } },
    run: async ({ tx, principal, query }) => ({ status: 200, body: await listApiTechnicians(tx, principal.orgId, query.limit, query.cursor) }),
  }),
  op({
    id: "getTechnician",
    method: "GET",
    path: "/technicians/{id}",
    tag: "Technicians",
    summary: "Get a technician",
    scope: "read",
    params: ApiIdParam,
    responses: { 200: { description: "The technician.", schema: ApiTechnician, etag: true } },
    run: async ({ tx, principal, params }) => {
      const t = await getApiTechnician(tx, principal.orgId, params.id);
      if (!t) throw notFound("technician");
      return { status: 200, body: t, etag: etagOf(t.version) };
    },
  }),
  op({
    id: "listCustomers",
    method: "GET",
    path: "/customers",
    tag: "Customers",
    summary: "List customers",
    scope: "read",
    query: ApiPageQuery,
    responses: { 200: { description: "A page of customers.", schema: ApiCustomerPage } },
    run: async ({ tx, principal, query }) => ({ status: 200, body: await listApiCustomers(tx, principal.orgId, query.limit, query.cursor) }),
  }),
  op({
    id: "createCustomer",
    method: "POST",
    path: "/customers",
    tag: "Customers",
    summary: "Create a customer",
    scope: "write",
    body: ApiCustomerCreate,
    responses: { 201: { description: "The new customer.", schema: ApiCustomer } },
    run: async ({ tx, principal, body }) => {
      const c = await createCustomer(tx, principal.orgId, body);
      return { status: 201, body: c, location: `/api/v1/customers/${c.id}` };
    },
  }),
  op({
    id: "getCustomer",
    method: "GET",
    path: "/customers/{id}",
    tag: "Customers",
    summary: "Get a customer",
    scope: "read",
    params: ApiIdParam,
    responses: { 200: { description: "The customer.", schema: ApiCustomer } },
    run: async ({ tx, principal, params }) => {
      const c = await getApiCustomer(tx, principal.orgId, params.id);
      if (!c) throw notFound("customer");
      return { status: 200, body: c };
    },
  }),
  op({
    id: "getSchedule",
    method: "GET",
    path: "/schedule",
    tag: "Schedule",
    summary: "The schedule of a day",
    description: "Every visit of the day (company time zone) with its crew leader and helpers.",
    scope: "read",
    query: ApiScheduleQuery,
    responses: { 200: { description: "The day's visits by start.", schema: ApiSchedule } },
    run: async ({ tx, principal, query }) => {
      const s = await loadApiSchedule(tx, principal.orgId, query.date);
      if (!s) throw notFound("company");
      return { status: 200, body: s };
    },
  }),
  op({
    id: "createUrgentRequest",
    method: "POST",
    path: "/urgent",
    tag: "Urgent requests",
    summary: "Enter an urgent job",
    description:
      "Ranks where the job fits today — a free gap first, else the jobs whose move hurts least — and changes nothing until an option is approved. The work order is the request's key.",
    scope: "write",
    body: ApiUrgentCreate,
    responses: {
      201: { description: "The request with its ranked options.", schema: ApiUrgentRequest },
      200: { description: "That work order was already entered: the existing request.", schema: ApiUrgentRequest },
    },
    run: async ({ tx, principal, body, now }) => {
      let { lat, lng } = body;
      if (lat === undefined || lng === undefined) {
        const c = await getApiCustomer(tx, principal.orgId, body.customerId);
        if (!c) throw new ApiProblem(422, "validation", "Some fields need attention.", [{ pointer: "/customerId", detail: "Choose a customer of your company." }]);
        if (!c.location) throw new ApiProblem(422, "validation", "Some fields need attention.", [{ pointer: "/lat", detail: "The customer has no coordinates: send lat and lng." }]);
        ({ lat, lng } = c.location);
      }
      const r = await submitUrgent(tx, principal, { ...body, priority: body.priority as 1 | 2 | 3 | 4, lat, lng }, now);
      const u = (await getUrgentRequest(tx, principal.orgId, r.id))!;
      return { status: r.existing ? 200 : 201, body: urgentView(u), location: `/api/v1/urgent/${u.id}` };
    },
  }),
  op({
    id: "getUrgentRequest",
    method: "GET",
    path: "/urgent/{id}",
    tag: "Urgent requests",
    summary: "Get an urgent request and its options",
    scope: "read",
    params: ApiIdParam,
    responses: { 200: { description: "The request.", schema: ApiUrgentRequest } },
    run: async ({ tx, principal, params }) => {
      const u = await getUrgentRequest(tx, principal.orgId, params.id);
      if (!u) throw notFound("urgent request");
      return { status: 200, body: urgentView(u) };
    },
  }),
  op({
    id: "approveUrgentOption",
    method: "POST",
    path: "/urgent/{id}/approve",
    tag: "Urgent requests",
    summary: "Approve one ranked option",
    description: "Applies the option in one transaction and tells the bumped customers and technicians. Approving twice changes nothing.",
    scope: "write",
    params: ApiIdParam,
    body: ApiUrgentApprove,
    responses: { 200: { description: "What happened.", schema: ApiUrgentApproval } },
    run: async ({ tx, principal, params, body, now }) => {
      const u = await getUrgentRequest(tx, principal.orgId, params.id);
      if (!u) throw notFound("urgent request");
      const r = await approveUrgent(tx, principal, { requestId: params.id, optionId: body.optionId, overrideReason: body.overrideReason ?? null }, now);
      return { status: 200, body: { outcome: r.outcome, summary: r.summary, customerNotices: r.customerNotices, technicianNotices: r.technicianNotices } };
    },
  }),
  op({
    id: "listOffers",
    method: "GET",
    path: "/offers",
    tag: "Offers",
    summary: "List job offers",
    description: "Jobs broadcast to several technicians; the first to accept gets it.",
    scope: "read",
    query: ApiOfferQuery,
    responses: { 200: { description: "A page of offers.", schema: ApiOfferPage } },
    run: async ({ tx, principal, query }) => ({ status: 200, body: await listApiOffers(tx, principal.orgId, query.status, query.limit, query.cursor, query.jobId) }),
  }),
  op({
    id: "getOffer",
    method: "GET",
    path: "/offers/{id}",
    tag: "Offers",
    summary: "Get an offer",
    description: "One technician's offer of a broadcast job: offered, accepted (the job is theirs), declined, or withdrawn (someone else took it, or the job moved on).",
    scope: "read",
    params: ApiIdParam,
    responses: { 200: { description: "The offer.", schema: ApiOffer } },
    run: async ({ tx, principal, params }) => {
      const offer = await getApiOffer(tx, principal.orgId, params.id);
      if (!offer) throw notFound("offer");
      return { status: 200, body: offer };
    },
  }),
  op({
    id: "exportBoard",
    method: "GET",
    path: "/exports/board.csv",
    tag: "Exports",
    summary: "The revised board of a day as CSV",
    scope: "read",
    query: ApiScheduleQuery,
    responses: { 200: { description: "CSV, one row per visit.", csv: true } },
    run: async ({ tx, principal, query }) => {
      const data = await loadBoardExport(tx, principal.orgId, query.date);
      if (!data) throw notFound("company");
      return { status: 200, csv: serializeBoard(data.rows, data.timeZone), filename: `crewboard-board-${query.date}.csv` };
    },
  }),
  op({
    id: "exportUnresolved",
    method: "GET",
    path: "/exports/unresolved.csv",
    tag: "Exports",
    summary: "The day's unresolved, unassigned or overdue jobs as CSV",
    scope: "read",
    query: ApiUnresolvedQuery,
    responses: { 200: { description: "CSV, one row per job.", csv: true } },
    run: async ({ tx, principal, query, now }) => {
      const data = await loadUnresolvedList(tx, principal.orgId, query.date, query.list, now);
      if (!data) throw notFound("company");
      return { status: 200, csv: serializeUnresolved(data.rows, data.timeZone), filename: `crewboard-${query.list}-${query.date}.csv` };
    },
  }),
];

/** The error answers every operation may give (documented once per operation). */
export const COMMON_PROBLEMS: Record<number, string> = {
  ...Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, v.description])),
  403: "The key's scope does not allow this (a read key cannot write).",
  404: "No such resource in the key's company.",
  409: "Conflict: the Idempotency-Key was used with another body, or the change breaks a rule.",
};
