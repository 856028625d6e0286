/**
 * Time off and unavailable hours a technician asks for. By company setting a
 * dispatcher approves them, or they apply at once; approved ones become time off
 * on the board, and the visits already placed in that time are listed to move.
 */
import type { Queryable } from "@/lib/db/client";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { myTechnicianId } from "@/lib/db/tech-day";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

export interface TimeOffRequestInput {
  kind: "time_off" | "unavailable";
  start: string;
  end: string;
  reason?: string | null;
}

/** A visit placed in the requested time: the dispatcher moves it. */
export interface AffectedVisit {
  jobId: string;
  workOrder: string;
  customerName: string;
  start: string;
  end: string;
}

export interface TimeOffRequest {
  id: string;
  technicianId: string;
  technicianName: string;
  kind: "time_off" | "unavailable";
  start: string;
  end: string;
  reason: string | null;
  status: "pending" | "approved" | "declined";
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
  affected: AffectedVisit[];
}

const iso = (v: unknown) => new Date(v as string).toISOString();

async function needsApproval(tx: Queryable, orgId: string): Promise<boolean> {
  const [c] = await tx.query<{ time_off_needs_approval: boolean }>("select time_off_needs_approval from public.companies where id = $1", [orgId]);
  if (!c) throw new ActionFailure("not_found", "Your company could not be loaded.");
  return c.time_off_needs_approval;
}

async function addTimeOff(tx: Queryable, orgId: string, technicianId: string, start: string, end: string, reason: string | null): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    "insert into public.time_off (org_id, technician_id, starts_at, ends_at, reason) values ($1, $2, $3, $4, $5) returning id",
    [orgId, technicianId, start, end, reason],
  );
  return row.id;
}

/**
 * The signed-in technician asks for time off. Applies at once when the company
 * needs no approval; otherwise waits for a dispatcher.
 */
export async function requestTimeOff(tx: Queryable, actor: Actor, input: TimeOffRequestInput): Promise<TimeOffRequest> {
  const technicianId = await myTechnicianId(tx, actor.orgId, actor.userId);
  if (!technicianId) throw new ActionFailure("not_found", "No technician record is linked to your sign-in.");
  const reason = input.reason?.trim() || null;
  const immediate = !(await needsApproval(tx, actor.orgId));
  const timeOffId = immediate ? await addTimeOff(tx, actor.orgId, technicianId, input.start, input.end, reason) : null;
  const [row] = await tx.query<{ id: string }>(
    `insert into public.time_off_requests (org_id, technician_id, requested_by, kind, starts_at, ends_at, reason, status, decided_at, decided_by, time_off_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [actor.orgId, technicianId, actor.userId, input.kind, input.start, input.end, reason, immediate ? "approved" : "pending", immediate ? new Date() : null, immediate ? actor.userId : null, timeOffId],
  );
  const [request] = await listTimeOffRequests(tx, actor.orgId, { id: row.id });
  return request;
}

export interface ListTimeOffOptions {
  id?: string;
  technicianId?: string;
  status?: TimeOffRequest["status"];
}

/** Requests of a company, newest first, each with the visits placed in its time. */
export async function listTimeOffRequests(tx: Queryable, orgId: string, options: ListTimeOffOptions = {}): Promise<TimeOffRequest[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `select r.id, r.technician_id, t.name as technician_name, r.kind, r.starts_at, r.ends_at, r.reason, r.status, r.decided_at,
            r.decision_note, r.created_at,
            coalesce((
              select json_agg(json_build_object('jobId', j.id, 'workOrder', j.work_order, 'customerName', c.name,
                                                'start', a.starts_at, 'end', a.ends_at) order by a.starts_at)
                from public.assignments a
                join public.jobs j on j.id = a.job_id
                join public.customers c on c.id = j.customer_id
               where a.org_id = r.org_id and a.active and a.starts_at < r.ends_at and a.ends_at > r.starts_at
                 and j.status not in ('done', 'cancelled')
                 and (a.leader_id = r.technician_id
                      or exists (select 1 from public.assignment_helpers h where h.assignment_id = a.id and h.technician_id = r.technician_id))
            ), '[]'::json) as affected
       from public.time_off_requests r
       join public.technicians t on t.id = r.technician_id
      where r.org_id = $1
        and ($2::uuid is null or r.id = $2)
        and ($3::uuid is null or r.technician_id = $3)
        and ($4::text is null or r.status = $4)
      order by (r.status = 'pending') desc, r.starts_at desc
      limit 200`,
    [orgId, options.id ?? null, options.technicianId ?? null, options.status ?? null],
  );
  return rows.map((r) => ({
    id: r.id as string,
    technicianId: r.technician_id as string,
    technicianName: r.technician_name as string,
    kind: r.kind as TimeOffRequest["kind"],
    start: iso(r.starts_at),
    end: iso(r.ends_at),
    reason: (r.reason as string | null) ?? null,
    status: r.status as TimeOffRequest["status"],
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    decisionNote: (r.decision_note as string | null) ?? null,
    createdAt: iso(r.created_at),
    affected: ((typeof r.affected === "string" ? JSON.parse(r.affected) : r.affected) as AffectedVisit[]).map((a) => ({
      ...a,
      start: iso(a.start),
      end: iso(a.end),
    })),
  }));
}

/** A dispatcher approves (time off goes on the board) or declines a pending request. */
export async function decideTimeOffRequest(
  tx: Queryable,
  actor: Actor,
  input: { requestId: string; approve: boolean; note?: string | null },
): Promise<TimeOffRequest> {
  const [r] = await tx.query<{ id: string; technician_id: string; starts_at: Date; ends_at: Date; reason: string | null; status: string }>(
    "select id, technician_id, starts_at, ends_at, reason, status from public.time_off_requests where id = $1 and org_id = $2 for update",
    [input.requestId, actor.orgId],
  );
  if (!r) throw new ActionFailure("not_found", "That request does not exist in your company.");
  if (r.status !== "pending") throw new ActionFailure("conflict", `That request was already ${r.status}.`);
  const timeOffId = input.approve
    ? await addTimeOff(tx, actor.orgId, r.technician_id, iso(r.starts_at), iso(r.ends_at), r.reason)
    : null;
  await tx.query(
    "update public.time_off_requests set status = $2, decided_by = $3, decided_at = now(), decision_note = $4, time_off_id = $5 where id = $1",
    [r.id, input.approve ? "approved" : "declined", actor.userId, input.note?.trim() || null, timeOffId],
  );
  const [request] = await listTimeOffRequests(tx, actor.orgId, { id: r.id });
  return request;
}
