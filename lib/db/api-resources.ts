/**
 * What the REST API reads and writes beyond creating jobs (lib/db/dispatch.ts) and
 * urgent requests (lib/db/urgent-*.ts): jobs with their visit, technicians, customers,
 * the day's schedule and offers, with keyset (cursor) pagination. Every query runs
 * in the key principal's withUser transaction; the org filters are for the indexes.
 */
import type { Queryable } from "@/lib/db/client";
import type { VisitStatus } from "@/lib/engine/visit-status";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { loadCompanySettings } from "@/lib/db/board";
import { unassignJob } from "@/lib/db/board-changes";
import { dayRange } from "@/lib/time/zoned-time";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;
type Row = Record<string, unknown>;

const iso = (v: unknown): string => new Date(v as string | Date).toISOString();
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));
const textOrNull = (v: unknown): string | null => (v == null ? null : String(v));

export type JobStatus = "unscheduled" | "scheduled" | "published" | "in_progress" | "done" | "cancelled";

export interface ApiAssignmentView {
  id: string;
  leaderId: string;
  leaderName: string;
  helperIds: string[];
  helperNames: string[];
  start: string;
  end: string;
  version: number;
  publishedAt: string | null;
  autoAssigned: boolean;
}

export interface ApiJobView {
  id: string;
  workOrder: string;
  customerId: string;
  customerName: string;
  description: string;
  priority: number;
  requiredSkills: string[];
  estimatedMinutes: number;
  address: string | null;
  city: string | null;
  location: { lat: number; lng: number };
  windowStart: string | null;
  windowEnd: string | null;
  deadline: string | null;
  slaProtected: boolean;
  status: JobStatus;
  notes: string | null;
  version: number;
  source: string;
  dispatchState: string;
  dispatchReason: string | null;
  visitStatus: VisitStatus | null;
  estimatedArrivalAt: string | null;
  arrivedAt: string | null;
  finishedAt: string | null;
  templateId: string | null;
  assignment: ApiAssignmentView | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

// ---------------------------------------------------------------------------
// Cursors: the last row's (created_at as Postgres prints it, id), opaque to callers.
// Compared as ::text::timestamptz: a parameter typed timestamptz would be sent
// through a JavaScript Date by postgres.js and lose its microseconds.

function encodeCursor(createdKey: string, id: string): string {
  return Buffer.from(`${createdKey}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { createdKey: string; id: string } | null {
  if (!cursor) return null;
  const [createdKey, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!createdKey || !id || !/^[0-9a-f-]{36}$/i.test(id) || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}(:\d{2})?$/.test(createdKey)) {
    throw new ActionFailure("validation", "That cursor is not one this API gave out.", { cursor: ["Use nextCursor from the previous page."] });
  }
  return { createdKey, id };
}

function pageOf<T>(rows: Row[], limit: number, map: (r: Row) => T): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return { data: shown.map(map), nextCursor: more && last ? encodeCursor(String(last.created_key), String(last.id)) : null };
}

// ---------------------------------------------------------------------------
// Jobs

const ASSIGNMENT_JSON = `(select json_build_object(
    'id', a.id, 'leaderId', a.leader_id, 'leaderName', lt.name,
    'helperIds', coalesce((select json_agg(h.technician_id order by ht.name) from public.assignment_helpers h join public.technicians ht on ht.id = h.technician_id where h.assignment_id = a.id), '[]'::json),
    'helperNames', coalesce((select json_agg(ht.name order by ht.name) from public.assignment_helpers h join public.technicians ht on ht.id = h.technician_id where h.assignment_id = a.id), '[]'::json),
    'start', a.starts_at, 'end', a.ends_at, 'version', a.version, 'publishedAt', a.published_at, 'autoAssigned', a.auto_assigned)
  from public.assignments a join public.technicians lt on lt.id = a.leader_id
  where a.job_id = j.id and a.active limit 1) as assignment`;

const JOB_API_SELECT = `select j.id, j.work_order, j.customer_id, c.name as customer_name, j.description, j.priority,
    j.required_skills, j.estimated_minutes, j.address, j.city, j.lat, j.lng, j.window_start, j.window_end, j.deadline,
    j.sla_protected, j.status, j.notes, j.version, j.source, j.dispatch_state, j.dispatch_reason, j.template_id,
    j.visit_status, j.estimated_arrival_at, j.arrived_at, j.finished_at,
    j.created_at, j.updated_at, j.created_at::text as created_key, ${ASSIGNMENT_JSON}
  from public.jobs j join public.customers c on c.id = j.customer_id`;

function mapAssignment(v: unknown): ApiAssignmentView | null {
  if (v == null) return null;
  const a = (typeof v === "string" ? JSON.parse(v) : v) as Row;
  return {
    id: a.id as string,
    leaderId: a.leaderId as string,
    leaderName: a.leaderName as string,
    helperIds: (a.helperIds as string[]) ?? [],
    helperNames: (a.helperNames as string[]) ?? [],
    start: iso(a.start),
    end: iso(a.end),
    version: Number(a.version),
    publishedAt: isoOrNull(a.publishedAt),
    autoAssigned: Boolean(a.autoAssigned),
  };
}

function mapApiJob(r: Row): ApiJobView {
  return {
    id: r.id as string,
    workOrder: r.work_order as string,
    customerId: r.customer_id as string,
    customerName: r.customer_name as string,
    description: r.description as string,
    priority: Number(r.priority),
    requiredSkills: (r.required_skills as string[]) ?? [],
    estimatedMinutes: Number(r.estimated_minutes),
    address: textOrNull(r.address),
    city: textOrNull(r.city),
    location: { lat: Number(r.lat), lng: Number(r.lng) },
    windowStart: isoOrNull(r.window_start),
    windowEnd: isoOrNull(r.window_end),
    deadline: isoOrNull(r.deadline),
    slaProtected: Boolean(r.sla_protected),
    status: r.status as JobStatus,
    notes: textOrNull(r.notes),
    version: Number(r.version),
    source: r.source as string,
    dispatchState: r.dispatch_state as string,
    dispatchReason: textOrNull(r.dispatch_reason),
    visitStatus: (textOrNull(r.visit_status) as VisitStatus | null) ?? null,
    estimatedArrivalAt: isoOrNull(r.estimated_arrival_at),
    arrivedAt: isoOrNull(r.arrived_at),
    finishedAt: isoOrNull(r.finished_at),
    templateId: textOrNull(r.template_id),
    assignment: mapAssignment(r.assignment),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** One job of the company with its active visit, or null. */
export async function getApiJob(tx: Queryable, orgId: string, jobId: string): Promise<ApiJobView | null> {
  const rows = await tx.query<Row>(`${JOB_API_SELECT} where j.id = $1 and j.org_id = $2`, [jobId, orgId]);
  return rows[0] ? mapApiJob(rows[0]) : null;
}

export interface JobListFilter {
  status?: JobStatus;
  customerId?: string;
  workOrder?: string;
  updatedSince?: string;
  limit: number;
  cursor?: string;
}

/** The company's jobs, newest first, filtered, one page at a time. */
export async function listApiJobs(tx: Queryable, orgId: string, f: JobListFilter): Promise<Page<ApiJobView>> {
  const where = ["j.org_id = $1"];
  const params: unknown[] = [orgId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (f.status) add("j.status = ?", f.status);
  if (f.customerId) add("j.customer_id = ?", f.customerId);
  if (f.workOrder) add("j.work_order = ?", f.workOrder);
  if (f.updatedSince) add("j.updated_at >= ?", f.updatedSince);
  const cursor = decodeCursor(f.cursor);
  if (cursor) {
    params.push(cursor.createdKey, cursor.id);
    where.push(`(j.created_at, j.id) < ($${params.length - 1}::text::timestamptz, $${params.length}::uuid)`);
  }
  params.push(f.limit + 1);
  const rows = await tx.query<Row>(`${JOB_API_SELECT} where ${where.join(" and ")} order by j.created_at desc, j.id desc limit $${params.length}`, params);
  return pageOf(rows, f.limit, mapApiJob);
}

export interface JobPatch {
  description?: string;
  priority?: number;
  requiredSkills?: string[];
  estimatedMinutes?: number;
  windowStart?: string | null;
  windowEnd?: string | null;
  deadline?: string | null;
  slaProtected?: boolean;
  notes?: string | null;
}

const PATCH_COLUMNS: Record<keyof JobPatch, string> = {
  description: "description",
  priority: "priority",
  requiredSkills: "required_skills",
  estimatedMinutes: "estimated_minutes",
  windowStart: "window_start",
  windowEnd: "window_end",
  deadline: "deadline",
  slaProtected: "sla_protected",
  notes: "notes",
};

/**
 * Changes a job's details if it is still at `expectedVersion` (optimistic
 * concurrency): "not_found" when the company has no such job, "conflict" with the
 * current version when someone changed it first. Placement is not touched here.
 */
export async function updateApiJob(tx: Queryable, orgId: string, jobId: string, expectedVersion: number, patch: JobPatch): Promise<ApiJobView> {
  const keys = (Object.keys(patch) as (keyof JobPatch)[]).filter((k) => patch[k] !== undefined);
  const [current] = await tx.query<{ version: number; status: string }>("select version, status from public.jobs where id = $1 and org_id = $2 for update", [jobId, orgId]);
  if (!current) throw new ActionFailure("not_found", "That job does not exist in your company.");
  if (Number(current.version) !== expectedVersion) {
    throw new ActionFailure("conflict", `The job changed since you read it: it is at version ${current.version}, not ${expectedVersion}. Read it again and retry.`);
  }
  if (current.status === "cancelled" || current.status === "done") {
    throw new ActionFailure("refused", `The job is ${current.status}; its details can no longer change.`);
  }
  if (keys.length > 0) {
    await tx.query(
      `update public.jobs set ${keys.map((k, i) => `${PATCH_COLUMNS[k]} = $${i + 3}`).join(", ")} where id = $1 and org_id = $2`,
      [jobId, orgId, ...keys.map((k) => patch[k])],
    );
  }
  return (await getApiJob(tx, orgId, jobId))!;
}

/**
 * Cancels a job: its visit leaves the board through the one checked write path
 * (unassignJob), then the job is marked cancelled with the reason in the audit
 * trail. Cancelling a cancelled job changes nothing.
 */
export async function cancelJob(tx: Queryable, actor: Actor, jobId: string, reason: string, now: Date, expectedVersion?: number): Promise<ApiJobView> {
  const [job] = await tx.query<{ version: number; status: string; work_order: string }>(
    "select version, status, work_order from public.jobs where id = $1 and org_id = $2 for update",
    [jobId, actor.orgId],
  );
  if (!job) throw new ActionFailure("not_found", "That job does not exist in your company.");
  if (expectedVersion !== undefined && Number(job.version) !== expectedVersion) {
    throw new ActionFailure("conflict", `The job changed since you read it: it is at version ${job.version}, not ${expectedVersion}. Read it again and retry.`);
  }
  if (job.status === "cancelled") return (await getApiJob(tx, actor.orgId, jobId))!;
  if (job.status === "done" || job.status === "in_progress") {
    throw new ActionFailure("refused", `${job.work_order} is ${job.status.replace("_", " ")} and cannot be cancelled.`);
  }
  const [visit] = await tx.query<{ version: number }>("select version from public.assignments where job_id = $1 and active", [jobId]);
  if (visit) {
    await unassignJob(tx, actor, { jobId, jobVersion: Number(job.version), assignmentVersion: Number(visit.version), notifyCustomer: false }, now);
  }
  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({ summary: `${actor.name} cancelled ${job.work_order}: ${reason}`, kind: "job_cancelled", reason }),
  ]);
  await tx.query("update public.jobs set status = 'cancelled' where id = $1 and org_id = $2", [jobId, actor.orgId]);
  await tx.query("update public.job_offers set status = 'withdrawn', responded_at = $2 where job_id = $1 and status = 'offered'", [jobId, now.toISOString()]);
  return (await getApiJob(tx, actor.orgId, jobId))!;
}

// ---------------------------------------------------------------------------
// Technicians, customers

export interface ApiTechnicianView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  skills: string[];
  home: { lat: number; lng: number };
  active: boolean;
  version: number;
}

const mapTechnician = (r: Row): ApiTechnicianView => ({
  id: r.id as string,
  name: r.name as string,
  email: textOrNull(r.email),
  phone: textOrNull(r.phone),
  skills: (r.skills as string[]) ?? [],
  home: { lat: Number(r.home_lat), lng: Number(r.home_lng) },
  active: Boolean(r.active),
  version: Number(r.version),
});

const TECH_SELECT = "select id, name, email, phone, skills, home_lat, home_lng, active, version, created_at::text as created_key from public.technicians t";

export async function listApiTechnicians(tx: Queryable, orgId: string, limit: number, cursor?: string): Promise<Page<ApiTechnicianView>> {
  const c = decodeCursor(cursor);
  const rows = await tx.query<Row>(
    `${TECH_SELECT} where org_id = $1 ${c ? "and (created_at, id) < ($3::text::timestamptz, $4::uuid)" : ""} order by created_at desc, id desc limit $2`,
    c ? [orgId, limit + 1, c.createdKey, c.id] : [orgId, limit + 1],
  );
  return pageOf(rows, limit, mapTechnician);
}

export async function getApiTechnician(tx: Queryable, orgId: string, id: string): Promise<ApiTechnicianView | null> {
  const rows = await tx.query<Row>(`${TECH_SELECT} where id = $1 and org_id = $2`, [id, orgId]);
  return rows[0] ? mapTechnician(rows[0]) : null;
}

export interface ApiCustomerView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  location: { lat: number; lng: number } | null;
  contract: boolean;
  createdAt: string;
}

const mapCustomer = (r: Row): ApiCustomerView => ({
  id: r.id as string,
  name: r.name as string,
  email: textOrNull(r.email),
  phone: textOrNull(r.phone),
  address: textOrNull(r.address),
  city: textOrNull(r.city),
  location: r.lat == null ? null : { lat: Number(r.lat), lng: Number(r.lng) },
  contract: Boolean(r.contract),
  createdAt: iso(r.created_at),
});

const CUSTOMER_SELECT = "select id, name, email, phone, address, city, lat, lng, contract, created_at, created_at::text as created_key from public.customers";

export async function listApiCustomers(tx: Queryable, orgId: string, limit: number, cursor?: string): Promise<Page<ApiCustomerView>> {
  const c = decodeCursor(cursor);
  const rows = await tx.query<Row>(
    `${CUSTOMER_SELECT} where org_id = $1 ${c ? "and (created_at, id) < ($3::text::timestamptz, $4::uuid)" : ""} order by created_at desc, id desc limit $2`,
    c ? [orgId, limit + 1, c.createdKey, c.id] : [orgId, limit + 1],
  );
  return pageOf(rows, limit, mapCustomer);
}

export async function getApiCustomer(tx: Queryable, orgId: string, id: string): Promise<ApiCustomerView | null> {
  const rows = await tx.query<Row>(`${CUSTOMER_SELECT} where id = $1 and org_id = $2`, [id, orgId]);
  return rows[0] ? mapCustomer(rows[0]) : null;
}

export interface NewCustomer {
  name: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  city?: string | null;
  lat?: number | null;
  lng?: number | null;
  contract?: boolean;
}

export async function createCustomer(tx: Queryable, orgId: string, c: NewCustomer): Promise<ApiCustomerView> {
  const [row] = await tx.query<{ id: string }>(
    "insert into public.customers (org_id, name, email, phone, address, city, lat, lng, contract) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
    [orgId, c.name, c.email ?? null, c.phone ?? null, c.address ?? null, c.city ?? null, c.lat ?? null, c.lng ?? null, c.contract ?? false],
  );
  return (await getApiCustomer(tx, orgId, row.id))!;
}

// ---------------------------------------------------------------------------
// Schedule, offers

export interface ApiScheduleView {
  date: string;
  timeZone: string;
  visits: { job: { id: string; workOrder: string; customerName: string; status: JobStatus; priority: number }; assignment: ApiAssignmentView }[];
}

/** Every active visit of a day (company time zone) with its crew, by start. */
export async function loadApiSchedule(tx: Queryable, orgId: string, date: string): Promise<ApiScheduleView | null> {
  const company = await loadCompanySettings(tx, orgId);
  if (!company) return null;
  const { start, end } = dayRange(date, company.timeZone);
  const rows = await tx.query<Row>(
    `${JOB_API_SELECT}
      where j.org_id = $1 and exists (select 1 from public.assignments a where a.job_id = j.id and a.active and a.starts_at < $3 and a.ends_at > $2)`,
    [orgId, start.toISOString(), end.toISOString()],
  );
  const visits = rows
    .map(mapApiJob)
    .filter((j) => j.assignment)
    .map((j) => ({ job: { id: j.id, workOrder: j.workOrder, customerName: j.customerName, status: j.status, priority: j.priority }, assignment: j.assignment! }))
    .sort((a, b) => a.assignment.start.localeCompare(b.assignment.start) || a.job.workOrder.localeCompare(b.job.workOrder));
  return { date, timeZone: company.timeZone, visits };
}

export interface ApiOfferView {
  id: string;
  jobId: string;
  workOrder: string;
  technicianId: string;
  technicianName: string;
  status: "offered" | "accepted" | "declined" | "withdrawn";
  start: string;
  end: string;
  createdAt: string;
  respondedAt: string | null;
}

const OFFER_SELECT = `select o.id, o.job_id, j.work_order, o.technician_id, t.name as technician_name, o.status, o.starts_at, o.ends_at,
            o.created_at, o.responded_at, o.created_at::text as created_key
       from public.job_offers o join public.jobs j on j.id = o.job_id join public.technicians t on t.id = o.technician_id`;

const mapOffer = (r: Row): ApiOfferView => ({
  id: r.id as string,
  jobId: r.job_id as string,
  workOrder: r.work_order as string,
  technicianId: r.technician_id as string,
  technicianName: r.technician_name as string,
  status: r.status as ApiOfferView["status"],
  start: iso(r.starts_at),
  end: iso(r.ends_at),
  createdAt: iso(r.created_at),
  respondedAt: isoOrNull(r.responded_at),
});

export async function listApiOffers(
  tx: Queryable,
  orgId: string,
  status: ApiOfferView["status"] | undefined,
  limit: number,
  cursor?: string,
  jobId?: string,
): Promise<Page<ApiOfferView>> {
  const c = decodeCursor(cursor);
  const params: unknown[] = [orgId, limit + 1, status ?? null, jobId ?? null];
  if (c) params.push(c.createdKey, c.id);
  const rows = await tx.query<Row>(
    `${OFFER_SELECT}
      where o.org_id = $1 and ($3::text is null or o.status = $3) and ($4::uuid is null or o.job_id = $4)
        ${c ? "and (o.created_at, o.id) < ($5::text::timestamptz, $6::uuid)" : ""}
      order by o.created_at desc, o.id desc limit $2`,
    params,
  );
  return pageOf(rows, limit, mapOffer);
}

/** One offer of the company; null when there is none with that id (or it is another company's). */
export async function getApiOffer(tx: Queryable, orgId: string, id: string): Promise<ApiOfferView | null> {
  const [r] = await tx.query<Row>(`${OFFER_SELECT} where o.org_id = $1 and o.id = $2`, [orgId, id]);
  return r ? mapOffer(r) : null;
}
