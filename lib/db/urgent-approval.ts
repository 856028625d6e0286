/**
 * The approval gate of an urgent request: one approved option applies in one
 * transaction (urgent job placed, bumped visits moved or sent back to the queue,
 * people told) — or is refused and ranked again when the board changed since the
 * options were shown.
 */
import type { Queryable } from "@/lib/db/client";
import { placeJob, unassignJob } from "@/lib/db/board-changes";
import { queueCustomerRescheduleNotice } from "@/lib/db/customer-notices";
import { companyOf, loadJob, type StoredOption, type UrgentActor } from "@/lib/db/urgent-requests";
import { rank, saveRanking, signature } from "@/lib/db/urgent-ranking";
import { replanChangedSince } from "@/lib/db/urgent-replan";
import { tellAffectedTechnicians, tellUrgentCustomer } from "@/lib/db/urgent-notices";
import { ActionFailure } from "@/lib/actions/result";

export interface ApproveInput {
  requestId: string;
  optionId: string;
  overrideReason?: string | null;
}

export interface ApproveResult {
  /** applied: the board changed now; already_approved: nothing changed; reranked: the board had moved on, see the new options. */
  outcome: "applied" | "already_approved" | "reranked";
  alreadyApproved: boolean;
  workOrder: string;
  summary: string;
  customerNotices: number;
  technicianNotices: number;
}

async function versionsOf(tx: Queryable, jobId: string): Promise<{ jobVersion: number; assignmentVersion: number | null }> {
  const [j] = await tx.query<{ version: number }>("select version from public.jobs where id = $1", [jobId]);
  const [a] = await tx.query<{ version: number }>("select version from public.assignments where job_id = $1 and active", [jobId]);
  return { jobVersion: j.version, assignmentVersion: a?.version ?? null };
}

/**
 * Applies one approved option: the urgent job assigned, the bumped jobs moved (or
 * returned to the queue), the bumped customers and affected technicians told.
 * Exactly once: a second approval finds the request approved and changes nothing.
 */
export async function approveUrgent(tx: Queryable, actor: UrgentActor, input: ApproveInput, now: Date): Promise<ApproveResult> {
  const company = await companyOf(tx, actor.orgId);
  const [r] = await tx.query<{ status: string; job_id: string; work_order: string; allow_sla_override: boolean; approved_option: StoredOption | null; options: { list?: StoredOption[] } }>(
    "select status, job_id, work_order, allow_sla_override, approved_option, options from public.urgent_requests where id = $1 and org_id = $2 for update",
    [input.requestId, actor.orgId],
  );
  if (!r) throw new ActionFailure("not_found", "That urgent request does not exist in your company.");
  if (r.status === "approved") {
    return { outcome: "already_approved", alreadyApproved: true, workOrder: r.work_order, summary: `Urgent ${r.work_order} was already approved; nothing changed.`, customerNotices: 0, technicianNotices: 0 };
  }
  if (r.status !== "open") throw new ActionFailure("conflict", `Urgent ${r.work_order} is ${r.status}.`);
  const [settings] = await tx.query<{ urgent_requires_admin: boolean }>("select urgent_requires_admin from public.companies where id = $1", [actor.orgId]);
  if (settings?.urgent_requires_admin && actor.role !== "admin") {
    throw new ActionFailure("forbidden", "Your company requires an administrator to approve urgent reshuffles.");
  }
  const shown = (r.options?.list ?? []).find((o) => o.id === input.optionId);
  if (!shown) throw new ActionFailure("not_found", "That option is no longer on the list; choose again from the current options.");
  const reason = input.overrideReason?.trim() ?? "";
  if (shown.flags.slaOverride) {
    if (!r.allow_sla_override) throw new ActionFailure("refused", "This option bumps an SLA or contract job; tick “allow SLA override” first.");
    if (reason.length < 5) throw new ActionFailure("validation", "Type why the SLA or contract job may be bumped.", { overrideReason: ["Type the reason for the override (at least 5 characters)."] });
  }

  // Lock every visit on the lanes this option touches, then rank again: applying is
  // safe only if the board still offers exactly this option.
  const lanes = [
    ...new Set([shown.technicianId, ...shown.bumped.flatMap((b) => [b.old.leaderId, ...(b.next ? [b.next.leaderId] : [])]), ...(shown.replan?.technicianIds ?? [])]),
  ];
  await tx.query(
    `select a.id from public.assignments a
      where a.org_id = $1 and a.active and (a.leader_id = any($2::uuid[])
        or exists (select 1 from public.assignment_helpers h where h.assignment_id = a.id and h.technician_id = any($2::uuid[])))
      for update`,
    [actor.orgId, lanes],
  );
  const urgentJob = await loadJob(tx, r.job_id);
  if (shown.kind === "replan" && shown.replan) {
    // the re-planned day holds only while every visit on its lanes is as it was planned
    const changed = await replanChangedSince(tx, actor.orgId, company, shown.replan, now);
    if (changed !== null) {
      await saveRanking(tx, actor, input.requestId, r.work_order, await rank(tx, actor.orgId, company, urgentJob, r.allow_sla_override, now));
      return {
        outcome: "reranked",
        alreadyApproved: false,
        workOrder: r.work_order,
        summary: `The board changed since the day was re-planned (${changed} changed). The options have been ranked again and the day is being re-planned: review them and approve again.`,
        customerNotices: 0,
        technicianNotices: 0,
      };
    }
  } else {
    const fresh = await rank(tx, actor.orgId, company, urgentJob, r.allow_sla_override, now);
    const same = fresh.options.find((o) => o.id === shown.id);
    if (!same || signature(same) !== signature(shown)) {
      // keep the new ranking (this transaction commits), apply nothing
      await saveRanking(tx, actor, input.requestId, r.work_order, fresh);
      return {
        outcome: "reranked",
        alreadyApproved: false,
        workOrder: r.work_order,
        summary: "The board changed since these options were ranked. They have been ranked again: review them and approve again.",
        customerNotices: 0,
        technicianNotices: 0,
      };
    }
  }

  const bumpedWords = shown.bumped.map((b) => `${b.workOrder} ${b.next ? `→ ${b.reason}` : "→ back to the queue"}`).join("; ");
  const changes =
    shown.kind === "replan"
      ? `, re-planning the day (${shown.replan?.summary ?? `${shown.bumped.length} jobs move`})${shown.bumped.length ? `: ${shown.bumped.map((b) => `${b.workOrder} ${b.reason}`).join("; ")}` : ""}`
      : shown.bumped.length
        ? `, bumping ${bumpedWords}`
        : " (no bump)";
  const summary = `${actor.name} approved option ${shown.rank} for urgent ${r.work_order}: ${shown.technicianName} at ${shown.urgentStart}${changes}${reason ? ` — override: ${reason}` : ""}`;
  let customerNotices = 0;
  const touchedJobs: string[] = [];
  for (const b of shown.bumped) {
    const job = await loadJob(tx, b.jobId);
    const v = await versionsOf(tx, b.jobId);
    if (b.next) {
      await placeJob(tx, actor, { jobId: b.jobId, ...v, leaderId: b.next.leaderId, helperIds: [], start: b.next.start, end: b.next.end, notifyCustomer: false }, now);
      // a re-plan publishes what was published; a bumped job's customer is told, so it is published
      if (shown.kind !== "replan" || job.status === "published") touchedJobs.push(b.jobId);
    } else {
      await unassignJob(tx, actor, { jobId: b.jobId, jobVersion: v.jobVersion, assignmentVersion: v.assignmentVersion!, notifyCustomer: false }, now);
    }
    // a re-planned visit that keeps its promised window gives its customer no new time to hear about
    const keepsWindow = b.next !== null && b.newWindow !== null && b.newWindow.start === b.oldWindow.start && b.newWindow.end === b.oldWindow.end;
    if (shown.kind === "replan" && keepsWindow) continue;
    const told = await queueCustomerRescheduleNotice(tx, {
      orgId: actor.orgId,
      createdBy: actor.userId,
      changeId: `urgent:${input.requestId}:${b.jobId}`,
      job,
      companyName: company.name,
      timeZone: company.timeZone,
      previous: b.old,
      next: b.next,
      reason: "an emergency call",
    });
    if (told) customerNotices++;
  }
  const uv = await versionsOf(tx, urgentJob.id);
  await placeJob(tx, actor, { jobId: urgentJob.id, ...uv, leaderId: shown.technicianId, helperIds: [], start: shown.urgentStart, end: shown.urgentEnd, notifyCustomer: false }, now);
  touchedJobs.push(urgentJob.id);

  // the urgent customer hears when to expect the technician
  if (await tellUrgentCustomer(tx, actor, company, urgentJob, shown, input.requestId)) customerNotices++;

  // what people were told is now the published state of every visit that moved
  await tx.query(
    `update public.assignments set published_at = $2,
        published_snapshot = jsonb_build_object('leaderId', leader_id, 'start', starts_at, 'end', ends_at,
          'helperIds', coalesce((select jsonb_agg(h.technician_id order by h.technician_id) from public.assignment_helpers h where h.assignment_id = assignments.id), '[]'::jsonb))
      where job_id = any($1::uuid[]) and active`,
    [touchedJobs, now.toISOString()],
  );
  await tx.query("update public.jobs set status = 'published', dispatch_state = 'manual', dispatch_reason = $2 where id = any($1::uuid[]) and status = 'scheduled'", [
    touchedJobs,
    `urgent reshuffle approved by ${actor.name}`,
  ]);

  // each affected technician gets their updated day, for every day the option touches
  const technicianNotices = await tellAffectedTechnicians(tx, actor, company, shown, input.requestId);

  await tx.query("select set_config('app.audit_context', $1, true)", [JSON.stringify({ summary, kind: "urgent_approve", override_reason: reason || undefined })]);
  await tx.query(
    `update public.urgent_requests set status = 'approved', approved_option = $2::jsonb, approved_by = $3, approved_at = now(), override_reason = $4
      where id = $1`,
    [input.requestId, JSON.stringify(shown), actor.userId, reason || null],
  );
  return { outcome: "applied", alreadyApproved: false, workOrder: r.work_order, summary, customerNotices, technicianNotices };
}
