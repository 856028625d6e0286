/**
 * One job as its page shows it, and what can be done there besides the board:
 * notes, cancel with a reason (the customer is told), duplicate, and a return visit.
 * Taking a cancelled job off the board goes through the checked placement path.
 */
import type { Queryable } from "@/lib/db/client";
import { ActionFailure } from "@/lib/actions/result";
import { unassignJob } from "@/lib/db/board-changes";
import { loadCompanySettings } from "@/lib/db/board";
import { queueCustomerNotice } from "@/lib/db/customer-notices";
import { createJob, type CreatedJob } from "@/lib/db/dispatch";
import type { SessionUser } from "@/lib/db/with-user";
import { composeCancellation } from "@/lib/notify/cancellation";
import type { JobStatus } from "@/lib/db/jobs-search";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

export interface JobRecord {
  id: string;
  version: number;
  workOrder: string;
  status: JobStatus;
  priority: 1 | 2 | 3 | 4;
  description: string;
  requiredSkills: string[];
  estimatedMinutes: number;
  notes: string | null;
  address: string | null;
  city: string | null;
  lat: number;
  lng: number;
  locationApproximate: boolean;
  windowStart: string | null;
  windowEnd: string | null;
  deadline: string | null;
  /** Why the job has its deadline, when a rule or the customer's terms set it. */
  deadlineReason: string | null;
  slaProtected: boolean;
  source: string;
  dispatchState: string;
  dispatchReason: string | null;
  cancelReason: string | null;
  createdAt: string;
  customer: { id: string; name: string; phone: string | null; email: string | null };
  site: { id: string; label: string; accessNotes: string | null } | null;
  series: { id: string; description: string } | null;
  assignment: { id: string; version: number; start: string; end: string; leaderName: string; helperNames: string[]; publishedAt: string | null } | null;
}

const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export async function getJobRecord(tx: Queryable, orgId: string, id: string): Promise<JobRecord | null> {
  const [r] = await tx.query<Record<string, unknown>>(
    `select j.*, c.name as customer_name, c.phone as customer_phone, c.email as customer_email,
            s.label as site_label, s.access_notes as site_access, js.description as series_description,
            a.id as assignment_id, a.version as assignment_version, a.starts_at, a.ends_at, a.published_at, t.name as leader_name,
            (select array_agg(ht.name order by ht.name) from public.assignment_helpers h join public.technicians ht on ht.id = h.technician_id
              where h.assignment_id = a.id) as helper_names
       from public.jobs j
       join public.customers c on c.id = j.customer_id
       left join public.customer_sites s on s.id = j.site_id
       left join public.job_series js on js.id = j.series_id
       left join public.assignments a on a.job_id = j.id and a.active
       left join public.technicians t on t.id = a.leader_id
      where j.org_id = $1 and j.id = $2`,
    [orgId, id],
  );
  if (!r) return null;
  return {
    id: r.id as string,
    version: Number(r.version),
    workOrder: r.work_order as string,
    status: r.status as JobStatus,
    priority: Number(r.priority) as 1 | 2 | 3 | 4,
    description: r.description as string,
    requiredSkills: (r.required_skills as string[]) ?? [],
    estimatedMinutes: Number(r.estimated_minutes),
    notes: (r.notes as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    lat: Number(r.lat),
    lng: Number(r.lng),
    locationApproximate: Boolean(r.location_approximate),
    windowStart: iso(r.window_start),
    windowEnd: iso(r.window_end),
    deadline: iso(r.deadline),
    deadlineReason: (r.deadline_reason as string | null) ?? null,
    slaProtected: Boolean(r.sla_protected),
    source: r.source as string,
    dispatchState: r.dispatch_state as string,
    dispatchReason: (r.dispatch_reason as string | null) ?? null,
    cancelReason: (r.cancel_reason as string | null) ?? null,
    createdAt: iso(r.created_at)!,
    customer: { id: r.customer_id as string, name: r.customer_name as string, phone: (r.customer_phone as string | null) ?? null, email: (r.customer_email as string | null) ?? null },
    site: r.site_id ? { id: r.site_id as string, label: r.site_label as string, accessNotes: (r.site_access as string | null) ?? null } : null,
    series: r.series_id ? { id: r.series_id as string, description: r.series_description as string } : null,
    assignment: r.assignment_id
      ? {
          id: r.assignment_id as string,
          version: Number(r.assignment_version),
          start: iso(r.starts_at)!,
          end: iso(r.ends_at)!,
          leaderName: r.leader_name as string,
          helperNames: (r.helper_names as string[] | null) ?? [],
          publishedAt: iso(r.published_at),
        }
      : null,
  };
}

async function lockJob(tx: Queryable, orgId: string, id: string, version: number): Promise<JobRecord> {
  const [row] = await tx.query<{ version: number }>("select version from public.jobs where org_id = $1 and id = $2 for update", [orgId, id]);
  if (!row) throw new ActionFailure("not_found", "That job does not exist in your company.");
  if (Number(row.version) !== version) throw new ActionFailure("conflict", "Someone else changed this job since you opened it. Reload to see their change.");
  return (await getJobRecord(tx, orgId, id))!;
}

/** Changes the job's notes (for the technician), seen at `version`. */
export async function saveJobNotes(tx: Queryable, orgId: string, id: string, version: number, notes: string | null): Promise<{ version: number }> {
  await lockJob(tx, orgId, id, version);
  const [row] = await tx.query<{ version: number }>("update public.jobs set notes = $3 where org_id = $1 and id = $2 returning version", [orgId, id, notes]);
  return { version: Number(row.version) };
}

export interface CancelResult {
  workOrder: string;
  /** Taken off the board as part of the cancellation. */
  unscheduled: boolean;
  customerTold: boolean;
}

/**
 * Cancels a job with a reason. A scheduled visit leaves the board through the checked
 * placement path first; the customer is told (SMS or email) unless the dispatcher
 * says not to or they have neither.
 */
export async function cancelJob(
  tx: Queryable,
  actor: Actor,
  input: { jobId: string; version: number; reason: string; notifyCustomer: boolean },
  now: Date,
): Promise<CancelResult> {
  const job = await lockJob(tx, actor.orgId, input.jobId, input.version);
  if (job.status === "done" || job.status === "cancelled" || job.status === "in_progress") {
    throw new ActionFailure("refused", `${job.workOrder} is ${job.status.replace("_", " ")} and cannot be cancelled.`);
  }
  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({ summary: `${actor.name} cancelled ${job.workOrder}: ${input.reason}`, kind: "cancel" }),
  ]);
  let version = job.version;
  if (job.assignment) {
    const change = await unassignJob(tx, actor, { jobId: job.id, jobVersion: job.version, assignmentVersion: job.assignment.version, notifyCustomer: false }, now);
    version = change.job.version;
  }
  const rows = await tx.query(
    "update public.jobs set status = 'cancelled', cancel_reason = $4, dispatch_state = 'none' where org_id = $1 and id = $2 and version = $3 returning id",
    [actor.orgId, job.id, version, input.reason],
  );
  if (rows.length === 0) throw new ActionFailure("conflict", "Someone else changed this job while it was being cancelled. Reload and try again.");
  await tx.query("update public.job_offers set status = 'withdrawn' where job_id = $1 and status = 'offered'", [job.id]);
  let customerTold = false;
  if (input.notifyCustomer) {
    const company = await loadCompanySettings(tx, actor.orgId);
    customerTold = await queueCustomerNotice(tx, {
      orgId: actor.orgId,
      createdBy: actor.userId,
      job: { id: job.id, customerId: job.customer.id, customerPhone: job.customer.phone, customerEmail: job.customer.email },
      notice: composeCancellation({
        companyName: company?.name ?? "Your service company",
        customerName: job.customer.name,
        workOrder: job.workOrder,
        description: job.description,
        address: [job.address, job.city].filter(Boolean).join(", ") || null,
        reason: input.reason,
      }),
      kind: "job_cancelled",
      prefer: "sms",
      dedupeKey: `cancel:${job.id}`,
    });
  }
  return { workOrder: job.workOrder, unscheduled: Boolean(job.assignment), customerTold };
}

/**
 * A copy of the job (same customer, site, work and length) as a new work order in the
 * queue — or, for a return visit, marked as a return to the original and dispatched
 * by the company's rules.
 */
export async function copyJob(tx: Queryable, actor: Actor, input: { jobId: string; kind: "duplicate" | "return_visit" }, now: Date): Promise<CreatedJob> {
  const job = await getJobRecord(tx, actor.orgId, input.jobId);
  if (!job) throw new ActionFailure("not_found", "That job does not exist in your company.");
  const returnVisit = input.kind === "return_visit";
  return createJob(
    tx,
    actor,
    {
      customerId: job.customer.id,
      siteId: job.site?.id ?? null,
      address: job.site ? null : job.address,
      city: job.site ? null : job.city,
      lat: job.site ? null : job.lat,
      lng: job.site ? null : job.lng,
      description: returnVisit ? `Return visit: ${job.description}`.slice(0, 2000) : job.description,
      priority: job.priority,
      requiredSkills: job.requiredSkills,
      estimatedMinutes: job.estimatedMinutes,
      slaProtected: job.slaProtected,
      notes: returnVisit ? [`Return visit for ${job.workOrder}.`, job.notes].filter(Boolean).join(" ") : job.notes,
      source: "dispatcher",
      autoDispatch: returnVisit,
    },
    now,
  );
}
