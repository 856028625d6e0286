/**
 * A crew reports on a visit (on my way, arrived, done, couldn't finish, running
 * late), or a dispatcher corrects the record. One report = one transaction: the
 * job's status columns, the history row (once per idempotency key), the audit
 * context, the customer's notice and, for "couldn't finish", the job back in the
 * queue through the board's checked unassign path.
 */
import type { Queryable } from "@/lib/db/client";
import type { Role, SessionUser } from "@/lib/db/with-user";
import { JOB_SELECT, loadCompanySettings, mapJob, type BoardJob } from "@/lib/db/board";
import { unassignJob } from "@/lib/db/board-changes";
import { queueCustomerNotice } from "@/lib/db/customer-notices";
import { ActionFailure } from "@/lib/actions/result";
import { travelMinutes } from "@/lib/engine/travel";
import { formatHm } from "@/lib/time/format-time";
import {
  NOT_FINISHED_LABEL,
  VISIT_STATUS_LABEL,
  nextVisitStatus,
  type NotFinishedReason,
  type VisitStatus,
} from "@/lib/engine/visit-status";
import { composeOnTheWay } from "@/lib/notify/visit-messages";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId" | "role">;

export interface VisitReport {
  jobId: string;
  status: VisitStatus | "running_late";
  /** A key the phone made for this tap: sending it again records nothing new. */
  idempotencyKey: string;
  /** When it was tapped (a phone that was offline sends it later); default now. */
  occurredAt?: string | null;
  /** "done": what was done; "couldn't finish": details. */
  note?: string | null;
  reason?: NotFinishedReason | null;
  /** "running late": the new arrival estimate (ISO). */
  estimatedArrivalAt?: string | null;
}

export interface VisitReportResult {
  job: BoardJob;
  /** True when this key had been recorded before: nothing changed now. */
  duplicate: boolean;
  /** True when the status was already the one reported. */
  unchanged: boolean;
  /** "queued" when the customer is being told. */
  customerNotice: "queued" | "not_needed" | "unreachable";
  summary: string;
}

interface VisitRow {
  assignment_id: string | null;
  assignment_version: number | null;
  leader_id: string | null;
  starts_at: Date | null;
  leader_name: string | null;
}

async function loadJobLocked(tx: Queryable, orgId: string, jobId: string): Promise<BoardJob> {
  const locked = await tx.query("select id from public.jobs where id = $1 and org_id = $2 for update", [jobId, orgId]);
  if (locked.length === 0) throw new ActionFailure("not_found", "That visit is not on your day.");
  const [row] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [jobId]);
  return mapJob(row);
}

/** Where the crew sets off from: the site of their previous visit that day, else the leader's home. */
async function departurePoint(tx: Queryable, leaderId: string, before: Date): Promise<{ lat: number; lng: number } | null> {
  const [prev] = await tx.query<{ lat: number; lng: number }>(
    `select j.lat, j.lng from public.assignments a join public.jobs j on j.id = a.job_id
      where a.leader_id = $1 and a.active and a.ends_at <= $2 and a.ends_at > $2::timestamptz - interval '12 hours'
      order by a.ends_at desc limit 1`,
    [leaderId, before],
  );
  if (prev) return { lat: Number(prev.lat), lng: Number(prev.lng) };
  const [home] = await tx.query<{ home_lat: number; home_lng: number }>("select home_lat, home_lng from public.technicians where id = $1", [leaderId]);
  return home ? { lat: Number(home.home_lat), lng: Number(home.home_lng) } : null;
}

const isCrewRole = (role: Role) => role === "technician";

/**
 * Records one report about a visit.
 *
 * @example
 * await withUser(db, tech, (tx) => reportVisitStatus(tx, tech, { jobId, status: "on_my_way", idempotencyKey: "k-1" }, now))
 */
export async function reportVisitStatus(tx: Queryable, actor: Actor, report: VisitReport, now: Date): Promise<VisitReportResult> {
  const company = await loadCompanySettings(tx, actor.orgId);
  if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
  const seen = await tx.query<{ job_id: string }>(
    "select job_id from public.visit_status_events where org_id = $1 and idempotency_key = $2",
    [actor.orgId, report.idempotencyKey],
  );
  if (seen[0]) {
    const [row] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [seen[0].job_id]);
    return { job: mapJob(row), duplicate: true, unchanged: true, customerNotice: "not_needed", summary: "Already recorded." };
  }

  const job = await loadJobLocked(tx, actor.orgId, report.jobId);
  const byCrew = isCrewRole(actor.role);
  if (byCrew) {
    const [crew] = await tx.query<{ on_crew: boolean }>("select private.is_on_crew($1) as on_crew", [job.id]);
    if (!crew?.on_crew) throw new ActionFailure("forbidden", `${job.workOrder} is not on your day.`);
  } else if (actor.role !== "admin" && actor.role !== "dispatcher") {
    throw new ActionFailure("forbidden", "Only the crew or a dispatcher can report on a visit.");
  }
  const [visit] = await tx.query<VisitRow>(
    `select a.id as assignment_id, a.version as assignment_version, a.leader_id, a.starts_at, t.name as leader_name
       from public.assignments a join public.technicians t on t.id = a.leader_id
      where a.job_id = $1 and a.active`,
    [job.id],
  );
  const [me] = await tx.query<{ id: string }>("select id from public.technicians where user_id = $1 and org_id = $2", [actor.userId, actor.orgId]);
  const occurred = report.occurredAt ? new Date(report.occurredAt) : now;
  // a phone's clock (or a long offline spell) cannot put a report in the future
  const at = occurred.getTime() > now.getTime() ? now : occurred;

  let summary: string;
  let correction = false;
  let unchanged = false;
  let eta: string | null = null;
  let customerNotice: VisitReportResult["customerNotice"] = "not_needed";

  if (report.status === "running_late") {
    if (!visit) throw new ActionFailure("refused", `${job.workOrder} is not on anyone's day.`);
    if (job.visitStatus === "arrived" || job.visitStatus === "done") throw new ActionFailure("refused", "You have already arrived.");
    if (!report.estimatedArrivalAt) throw new ActionFailure("validation", "Give the new arrival estimate.", { estimatedArrivalAt: ["Enter the new estimate."] });
    eta = new Date(report.estimatedArrivalAt).toISOString();
    unchanged = job.estimatedArrivalAt === eta;
    summary = `${actor.name} reported running late for ${job.workOrder}: new estimate ${formatHm(new Date(eta), company.timeZone)}`;
  } else {
    const step = nextVisitStatus(job.visitStatus, report.status, { by: byCrew ? "technician" : "dispatcher" });
    if (!step.ok) throw new ActionFailure("refused", step.reason);
    if (report.status !== "not_finished" && report.status !== "done" && !visit) {
      throw new ActionFailure("refused", `${job.workOrder} is not on anyone's day.`);
    }
    if (report.status === "not_finished" && !report.reason) {
      throw new ActionFailure("validation", "Say why the job could not be finished.", { reason: ["Choose a reason."] });
    }
    correction = step.correction;
    unchanged = step.unchanged;
    const label = VISIT_STATUS_LABEL[report.status];
    summary = correction
      ? `${actor.name} corrected ${job.workOrder} to “${label}” (was ${job.visitStatus ? `“${VISIT_STATUS_LABEL[job.visitStatus]}”` : "not started"})`
      : `${actor.name} reported “${label}” on ${job.workOrder}${report.status === "not_finished" && report.reason ? `: ${NOT_FINISHED_LABEL[report.reason].toLowerCase()}` : ""}`;
    if (report.status === "on_my_way" && visit) {
      const from = await departurePoint(tx, visit.leader_id!, new Date(visit.starts_at!));
      const minutes = from
        ? travelMinutes(from, job.location, { speedKmh: company.travelSpeedKmh, roadFactor: company.roadFactor, bufferMin: company.travelBufferMin })
        : 0;
      eta = new Date(at.getTime() + minutes * 60_000).toISOString();
    }
  }

  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({ summary, kind: "visit_status", status: report.status, ...(correction ? { correction: true } : {}) }),
  ]);

  if (!unchanged) {
    switch (report.status) {
      case "running_late":
        await tx.query("update public.jobs set estimated_arrival_at = $2 where id = $1", [job.id, eta]);
        break;
      case "on_my_way":
        await tx.query(
          "update public.jobs set visit_status = 'on_my_way', visit_status_at = $2, on_my_way_at = $2, estimated_arrival_at = $3 where id = $1",
          [job.id, at, eta],
        );
        break;
      case "arrived":
        await tx.query(
          "update public.jobs set visit_status = 'arrived', visit_status_at = $2, arrived_at = $2, status = 'in_progress', return_visit = false where id = $1",
          [job.id, at],
        );
        break;
      case "done":
        await tx.query(
          "update public.jobs set visit_status = 'done', visit_status_at = $2, finished_at = $2, visit_note = $3, status = 'done', return_visit = false where id = $1",
          [job.id, at, report.note?.trim() || null],
        );
        break;
      case "not_finished":
        // back to the queue, flagged as a return visit with its reason
        await tx.query(
          `update public.jobs set visit_status = 'not_finished', visit_status_at = $2, finished_at = $2, not_finished_reason = $3,
                  visit_note = $4, return_visit = true, status = case when status = 'in_progress' then 'scheduled' else status end
            where id = $1`,
          [job.id, at, report.reason, report.note?.trim() || null],
        );
        if (visit) {
          const [fresh] = await tx.query<{ version: number }>("select version from public.jobs where id = $1", [job.id]);
          await unassignJob(
            tx,
            actor,
            { jobId: job.id, jobVersion: Number(fresh.version), assignmentVersion: Number(visit.assignment_version), notifyCustomer: false },
            now,
          );
          await tx.query("select set_config('app.audit_context', $1, true)", [JSON.stringify({ summary, kind: "visit_status", status: report.status })]);
        }
        break;
    }
  }

  await tx.query(
    `insert into public.visit_status_events
       (org_id, job_id, technician_id, actor_id, status, occurred_at, note, not_finished_reason, estimated_arrival_at, correction, idempotency_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      actor.orgId,
      job.id,
      me?.id ?? null,
      actor.userId,
      report.status,
      at,
      report.note?.trim() || null,
      report.status === "not_finished" ? report.reason : null,
      eta,
      correction,
      report.idempotencyKey,
    ],
  );

  // the customer hears "on my way" once per visit, and every new "running late" estimate
  if (!unchanged && (report.status === "on_my_way" || report.status === "running_late") && visit && eta) {
    const queued = await queueCustomerNotice(tx, {
      orgId: actor.orgId,
      createdBy: actor.userId,
      job,
      notice: composeOnTheWay({
        companyName: company.name,
        timeZone: company.timeZone,
        customerName: job.customerName,
        workOrder: job.workOrder,
        technicianName: visit.leader_name ?? actor.name,
        estimatedArrival: eta,
        kind: report.status,
      }),
      kind: report.status,
      prefer: "sms",
      dedupeKey:
        report.status === "on_my_way"
          ? `on_my_way:${visit.assignment_id}:${new Date(visit.starts_at!).toISOString()}`
          : `running_late:${visit.assignment_id}:${eta}`,
    });
    customerNotice = queued ? "queued" : "unreachable";
  }

  const [row] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [job.id]);
  return { job: mapJob(row), duplicate: false, unchanged, customerNotice, summary };
}
