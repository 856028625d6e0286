/**
 * Ranking where an urgent job can go: bump options on today's board and the next
 * working days, stored on the request. Entering an urgent job creates it and ranks;
 * nothing on the board moves until a person approves an option (urgent-approval.ts).
 */
import { onCallChoice, onCallReason, type OnCallChoice } from "@/lib/db/after-hours";
import type { Queryable } from "@/lib/db/client";
import { loadBoardDay, type BoardDay, type BoardJob, type CompanySettings } from "@/lib/db/board";
import { companyOf, loadJob, storeOption, type Ranked, type StoredOption, type UrgentActor, type UrgentInput } from "@/lib/db/urgent-requests";
import { ActionFailure } from "@/lib/actions/result";
import { toIso, toMinute } from "@/lib/time/epoch-minute";
import { addDays } from "@/lib/time/calendar-date";
import { dayRange, wallClock } from "@/lib/time/zoned-time";
import { toEngineBoard, toEngineJob, travelFor } from "@/lib/board/engine-board";
import { rankBumpOptions } from "@/lib/engine/bump-ranking";

/** What an option changes, for comparing a ranking with a later one. */
export function signature(o: StoredOption): string {
  // explicit field order: options read back from jsonb come with their keys reordered
  const slot = (s: { leaderId: string; start: string; end: string } | null) => (s ? [s.leaderId, s.start, s.end] : null);
  return JSON.stringify([o.technicianId, o.urgentStart, o.urgentEnd, o.bumped.map((b) => [b.jobId, slot(b.old), slot(b.next)])]);
}

/** Ranks bump options for the request's job on today's board and the next working days. */
export async function rank(tx: Queryable, orgId: string, company: CompanySettings, job: BoardJob, allowSlaOverride: boolean, now: Date): Promise<Ranked> {
  const today = wallClock(now, company.timeZone).date;
  const day = await loadBoardDay(tx, orgId, today, { company });
  if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
  day.jobs[job.id] = job;
  const board = toEngineBoard(day);
  const laterBoards = [];
  for (let i = 1; i <= 3; i++) {
    const date = addDays(today, i);
    const later = await loadBoardDay(tx, orgId, date, { company });
    if (!later) continue;
    const laterBoard = toEngineBoard(later);
    const range = dayRange(date, company.timeZone);
    laterBoards.push({ board: laterBoard, day: { start: toMinute(range.start.toISOString()), end: toMinute(range.end.toISOString()) }, travel: travelForUnion(later, laterBoard, day) });
  }
  const range = dayRange(today, company.timeZone);
  const ranking = rankBumpOptions(toEngineJob(job), board, travelFor(day, board), Math.ceil(now.getTime() / 60000), {
    allowSlaOverride,
    slotMinutes: company.snapMinutes,
    timeZone: company.timeZone,
    day: { start: toMinute(range.start.toISOString()), end: toMinute(range.end.toISOString()) },
    laterBoards,
    maxOptions: 10,
  });
  const options = ranking.options.map((o, i) => storeOption(o, i + 1));
  // after hours the technician on call comes first, as after-hours intake books them
  const onCall = await onCallChoice(tx, orgId, job, company, now, day);
  if (!onCall) return { options, message: ranking.message, deadlineMet: ranking.deadlineMet };
  const meetsDeadline = job.deadline ? onCall.end <= toMinute(job.deadline) : true;
  return {
    options: [onCallOption(onCall, meetsDeadline, company.timeZone), ...options.map((o) => ({ ...o, rank: o.rank + 1 }))],
    message: `First choice, ${onCallReason(onCall, "can be there at", company.timeZone)}. ${ranking.message}`,
    deadlineMet: meetsDeadline || ranking.deadlineMet,
  };
}

/** The on-call technician as an option: nobody bumped, their drive from home base. */
function onCallOption(c: OnCallChoice, meetsDeadline: boolean, timeZone: string): StoredOption {
  return {
    id: `on-call:${c.technicianId}`,
    rank: 1,
    kind: "on_call",
    technicianId: c.technicianId,
    technicianName: c.technicianName,
    urgentStart: toIso(c.start),
    urgentEnd: toIso(c.end),
    fitsWithoutBump: true,
    meetsDeadline,
    addedTravelMin: c.driveMin,
    travelByTechnician: [{ technicianId: c.technicianId, technicianName: c.technicianName, addedMin: c.driveMin }],
    harm: { score: 0, parts: [{ factor: "on call", value: 0, why: onCallReason(c, "can be there at", timeZone) }] },
    flags: { slaOverride: false, unscheduled: false },
    warnings: c.missing.length ? [`${c.technicianName} does not hold ${c.missing.join(", ")}; no one on call does.`] : [],
    bumped: [],
  };
}

/** Travel for a later day that also knows today's jobs (a bumped job moves from today to then). */
function travelForUnion(later: BoardDay, laterBoard: ReturnType<typeof toEngineBoard>, today: BoardDay) {
  const merged: BoardDay = { ...later, jobs: { ...today.jobs, ...later.jobs } };
  return travelFor(merged, { ...laterBoard, jobs: [...laterBoard.jobs, ...toEngineBoard(today).jobs] });
}

/** Stores a ranking on the request, with the sentence the audit trail shows. */
export async function saveRanking(tx: Queryable, actor: UrgentActor, requestId: string, workOrder: string, ranked: Ranked): Promise<void> {
  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({
      summary: `${actor.name} ranked ${ranked.options.length} option${ranked.options.length === 1 ? "" : "s"} for urgent ${workOrder}${ranked.options[0] ? ` (best: ${ranked.options[0].technicianName} at ${ranked.options[0].urgentStart})` : ""}`,
      kind: "urgent_rank",
    }),
  ]);
  await tx.query(
    "update public.urgent_requests set options = $2::jsonb, ranking_message = $3, ranked_at = now(), ranked_by = $4 where id = $1",
    [requestId, JSON.stringify({ list: ranked.options, deadlineMet: ranked.deadlineMet }), ranked.message, actor.userId],
  );
}

/**
 * Enters an urgent job. The work order is the key: entering it again returns the
 * existing request (and its state) and creates nothing.
 */
export async function submitUrgent(tx: Queryable, actor: UrgentActor, input: UrgentInput, now: Date): Promise<{ id: string; existing: boolean }> {
  const company = await companyOf(tx, actor.orgId);
  const workOrder = input.workOrder.trim();
  const existing = await tx.query<{ id: string }>("select id from public.urgent_requests where org_id = $1 and work_order = $2", [actor.orgId, workOrder]);
  if (existing[0]) return { id: existing[0].id, existing: true };
  const taken = await tx.query("select 1 from public.jobs where org_id = $1 and work_order = $2", [actor.orgId, workOrder]);
  if (taken.length > 0) {
    throw new ActionFailure("conflict", `Work order ${workOrder} is already a job on the board (not an urgent request).`, { workOrder: ["This work order belongs to an existing job."] });
  }
  let customerId = input.customerId ?? null;
  if (!customerId) {
    if (!input.newCustomer) throw new ActionFailure("validation", "Choose a customer or enter a new one.", { customerId: ["Choose a customer or enter a new one."] });
    const [c] = await tx.query<{ id: string }>(
      "insert into public.customers (org_id, name, phone, email, address, city, lat, lng) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
      [actor.orgId, input.newCustomer.name, input.newCustomer.phone ?? null, input.newCustomer.email ?? null, input.address ?? null, input.city ?? null, input.lat, input.lng],
    );
    customerId = c.id;
  } else {
    const [c] = await tx.query("select 1 from public.customers where id = $1 and org_id = $2", [customerId, actor.orgId]);
    if (!c) throw new ActionFailure("not_found", "That customer does not exist in your company.", { customerId: ["Choose a customer of your company."] });
  }
  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({ summary: `${actor.name} entered urgent job ${workOrder}: ${input.description}`, kind: "urgent_intake" }),
  ]);
  const [job] = await tx.query<{ id: string }>(
    `insert into public.jobs (org_id, work_order, customer_id, description, priority, required_skills, estimated_minutes,
        address, city, lat, lng, deadline, notes, source, dispatch_state, dispatch_reason, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'urgent', 'manual', 'urgent: waiting for a dispatcher to approve an option', $14)
     returning id`,
    [actor.orgId, workOrder, customerId, input.description, input.priority, input.requiredSkills, input.durationMin, input.address ?? null, input.city ?? null, input.lat, input.lng, input.deadline, input.notes ?? null, actor.userId],
  );
  // a racing second entry of the same work order waits here and then finds this one
  const [req] = await tx.query<{ id: string }>(
    `insert into public.urgent_requests (org_id, work_order, job_id, created_by) values ($1, $2, $3, $4)
     on conflict (org_id, work_order) do nothing returning id`,
    [actor.orgId, workOrder, job.id, actor.userId],
  );
  if (!req) throw new ActionFailure("conflict", `Urgent work order ${workOrder} was just entered by someone else.`);
  await saveRanking(tx, actor, req.id, workOrder, await rank(tx, actor.orgId, company, await loadJob(tx, job.id), false, now));
  return { id: req.id, existing: false };
}

/** Ranks the options again (e.g. with the SLA override ticked or after the board changed). */
export async function rerankUrgent(tx: Queryable, actor: UrgentActor, requestId: string, allowSlaOverride: boolean, now: Date): Promise<void> {
  const company = await companyOf(tx, actor.orgId);
  const [r] = await tx.query<{ status: string; job_id: string; work_order: string }>(
    "select status, job_id, work_order from public.urgent_requests where id = $1 and org_id = $2 for update",
    [requestId, actor.orgId],
  );
  if (!r) throw new ActionFailure("not_found", "That urgent request does not exist in your company.");
  if (r.status !== "open") throw new ActionFailure("conflict", `Urgent ${r.work_order} is already ${r.status}.`);
  await tx.query("update public.urgent_requests set allow_sla_override = $2 where id = $1", [requestId, allowSlaOverride]);
  await saveRanking(tx, actor, requestId, r.work_order, await rank(tx, actor.orgId, company, await loadJob(tx, r.job_id), allowSlaOverride, now));
}
