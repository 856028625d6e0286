/**
 * Publishing a day: everything changed on the board since the last publish is
 * announced in one transaction — one notice per affected technician with their
 * whole day in route order, one per customer whose visit is new or moved.
 */
import { randomUUID } from "node:crypto";
import type { Queryable } from "@/lib/db/client";
import { JOB_SELECT, loadBoardDay, mapJob, type BoardAssignment, type BoardDay, type BoardJob } from "@/lib/db/board";
import { promisedWindow, queueCustomerNotice, siteOf } from "@/lib/db/customer-notices";
import type { PlacementSnapshot } from "@/lib/db/board-changes";
import { queueTechnicianNotice } from "@/lib/db/technician-notices";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { dayRange } from "@/lib/time/zoned-time";
import { toEngineBoard, travelFor } from "@/lib/board/engine-board";
import { homeKey, jobKey } from "@/lib/engine/travel";
import { composeArrivalWindow, composeReschedule } from "@/lib/notify/customer-messages";
import type { ComposedNotice } from "@/lib/notify/notice-text";
import { composeTechnicianDay } from "@/lib/notify/technician-day";

export interface PublishResult {
  publicationId: string | null;
  /** Visits whose new or changed state was published. */
  assignments: number;
  technicianNotices: number;
  customerNotices: number;
  /** Work orders whose customer has no phone or email. */
  unreachableCustomers: string[];
  /** Technicians with no phone or email to send their day to. */
  unreachableTechnicians: string[];
}

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

const crewOf = (p: { leaderId: string; helperIds: string[] }) => [p.leaderId, ...p.helperIds];

function snapshotOf(a: BoardAssignment): PlacementSnapshot {
  return { leaderId: a.leaderId, helperIds: [...a.helperIds].sort(), start: a.start, end: a.end };
}

function sameSnapshot(a: PlacementSnapshot | null, b: PlacementSnapshot): boolean {
  return (
    a !== null &&
    a.leaderId === b.leaderId &&
    Date.parse(a.start) === Date.parse(b.start) &&
    Date.parse(a.end) === Date.parse(b.end) &&
    [...a.helperIds].sort().join() === b.helperIds.join()
  );
}


/** The technician's stops on the day in route (time) order, with travel between them. */
function stopsFor(day: BoardDay, technicianId: string, travel: ReturnType<typeof travelFor>) {
  const names = new Map(day.technicians.map((t) => [t.id, t.name]));
  const mine = day.assignments
    .filter((a) => crewOf(a).includes(technicianId) && day.jobs[a.jobId]?.status !== "cancelled")
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  let from = homeKey(technicianId);
  return mine.map((a) => {
    const job = day.jobs[a.jobId];
    const minutes = travel.minutes(from, jobKey(job.id));
    from = jobKey(job.id);
    return {
      start: a.start,
      end: a.end,
      workOrder: job.workOrder,
      customerName: job.customerName,
      address: [job.address, job.city].filter(Boolean).join(", ") || null,
      travelMinutes: minutes,
      description: job.description,
      notes: job.notes,
      role: a.leaderId === technicianId ? ("leader" as const) : ("helper" as const),
      leaderName: names.get(a.leaderId) ?? null,
    };
  });
}

/**
 * Queues each technician's whole day in route order (one notice each, by email, else
 * SMS). Returns how many were queued and who could not be reached.
 */
export async function queueTechnicianDays(
  tx: Queryable,
  actor: Actor,
  day: BoardDay,
  technicianIds: string[],
  dedupePrefix: string,
  isUpdate: (technicianId: string) => boolean,
): Promise<{ sent: number; unreachable: string[] }> {
  const board = toEngineBoard(day);
  const travel = travelFor(day, board);
  const contacts = await tx.query<{ id: string; name: string; email: string | null; phone: string | null }>(
    "select id, name, email, phone from public.technicians where id = any($1::uuid[]) order by name",
    [technicianIds],
  );
  let sent = 0;
  const unreachable: string[] = [];
  for (const tech of contacts) {
    const notice = composeTechnicianDay({
      companyName: day.company.name,
      timeZone: day.company.timeZone,
      technicianName: tech.name,
      date: day.date,
      stops: stopsFor(day, tech.id, travel),
      update: isUpdate(tech.id),
    });
    // the installed app gets a push message; without one, email, else text
    const channel = await queueTechnicianNotice(tx, {
      orgId: actor.orgId,
      technician: tech,
      prefer: "push",
      notice,
      kind: "technician_day",
      dedupeKey: `${dedupePrefix}:technician:${tech.id}`,
      createdBy: actor.userId,
    });
    if (channel === null) {
      unreachable.push(tech.name);
      continue;
    }
    sent++;
  }
  return { sent, unreachable };
}

/**
 * Publishes the day's changes since the last publish. All or nothing: the notices,
 * the published state and the publication record commit together.
 */
export async function publishDay(tx: Queryable, actor: Actor, date: string, now: Date): Promise<PublishResult> {
  // two dispatchers publishing the same day at once: the second waits, then finds nothing new
  await tx.query("select pg_advisory_xact_lock(hashtext($1))", [`publish:${actor.orgId}:${date}`]);
  const day = await loadBoardDay(tx, actor.orgId, date);
  if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
  const { start, end } = dayRange(date, day.company.timeZone);

  const snapshots = new Map(
    (
      await tx.query<{ id: string; published_snapshot: PlacementSnapshot | null }>(
        "select id, published_snapshot from public.assignments where id = any($1::uuid[])",
        [day.assignments.map((a) => a.id)],
      )
    ).map((r) => [r.id, r.published_snapshot]),
  );
  // visits people were told about that are no longer on the board
  const retracted = await tx.query<{ id: string; job_id: string; published_snapshot: PlacementSnapshot }>(
    `select a.id, a.job_id, a.published_snapshot from public.assignments a
      where a.org_id = $1 and not a.active and a.published_snapshot is not null
        and (a.published_snapshot ->> 'start')::timestamptz >= $2 and (a.published_snapshot ->> 'start')::timestamptz < $3`,
    [actor.orgId, start.toISOString(), end.toISOString()],
  );

  const changed = day.assignments.filter((a) => {
    const job = day.jobs[a.jobId];
    if (job.status === "done" || job.status === "cancelled") return false;
    return job.status === "scheduled" || !sameSnapshot(snapshots.get(a.id) ?? null, snapshotOf(a));
  });
  if (changed.length === 0 && retracted.length === 0) {
    return { publicationId: null, assignments: 0, technicianNotices: 0, customerNotices: 0, unreachableCustomers: [], unreachableTechnicians: [] };
  }

  const affected = new Set<string>();
  for (const a of changed) {
    crewOf(a).forEach((id) => affected.add(id));
    const before = snapshots.get(a.id);
    if (before) crewOf(before).forEach((id) => affected.add(id));
  }
  for (const r of retracted) crewOf(r.published_snapshot).forEach((id) => affected.add(id));

  const publicationId = randomUUID();
  const result: PublishResult = {
    publicationId,
    assignments: changed.length,
    technicianNotices: 0,
    customerNotices: 0,
    unreachableCustomers: [],
    unreachableTechnicians: [],
  };

  const told = await queueTechnicianDays(tx, actor, day, [...affected], `publish:${publicationId}`, (id) =>
    day.assignments.some((a) => crewOf(a).includes(id) && snapshots.get(a.id)) || retracted.length > 0,
  );
  result.technicianNotices = told.sent;
  result.unreachableTechnicians = told.unreachable;

  // Under the 24-hour rule the customer already heard of (or the dispatcher chose to
  // withhold) the latest change: publishing does not tell them a second time.
  const latest = new Map(
    (
      await tx.query<{ job_id: string; notify_customer: boolean | null; after: PlacementSnapshot | null }>(
        `select distinct on (job_id) job_id, notify_customer, after from public.board_changes
          where org_id = $1 and job_id = any($2::uuid[]) order by job_id, created_at desc`,
        [actor.orgId, [...changed.map((a) => a.jobId), ...retracted.map((r) => r.job_id)]],
      )
    ).map((r) => [r.job_id, r]),
  );
  const alreadyTold = (jobId: string, startIso: string | null) => {
    const c = latest.get(jobId);
    if (!c || c.notify_customer === null) return false;
    return startIso === null ? c.after === null : c.after !== null && Date.parse(c.after.start) === Date.parse(startIso);
  };

  const techName = new Map(day.technicians.map((t) => [t.id, t.name]));
  const tellCustomer = async (job: BoardJob, notice: ComposedNotice, kind: string) => {
    const told = await queueCustomerNotice(tx, { orgId: actor.orgId, createdBy: actor.userId, job, notice, kind, prefer: "email", dedupeKey: `publish:${publicationId}:job:${job.id}` });
    if (told) result.customerNotices++;
    else result.unreachableCustomers.push(job.workOrder);
  };
  for (const a of changed) {
    const job = day.jobs[a.jobId];
    const before = snapshots.get(a.id) ?? null;
    const window = promisedWindow(a.start);
    // a customer hears only when their arrival window is new or different
    if (before && promisedWindow(before.start).start === window.start) continue;
    if (alreadyTold(job.id, a.start)) continue;
    const notice = composeArrivalWindow({
      companyName: day.company.name,
      timeZone: day.company.timeZone,
      customerName: job.customerName,
      workOrder: job.workOrder,
      address: siteOf(job),
      description: job.description,
      technicianName: techName.get(a.leaderId) ?? null,
      window,
      change: before ? "changed" : "new",
    });
    await tellCustomer(job, notice, "arrival_window");
  }
  // visits taken off the board: their customers hear they will be rebooked
  const gone = retracted.filter((r) => !day.assignments.some((a) => a.jobId === r.job_id));
  result.assignments += gone.length;
  for (const r of gone) {
    if (alreadyTold(r.job_id, null)) continue;
    const [row] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [r.job_id]);
    if (!row) continue;
    const job = mapJob(row);
    const notice = composeReschedule({
      companyName: day.company.name,
      timeZone: day.company.timeZone,
      customerName: job.customerName,
      workOrder: job.workOrder,
      address: siteOf(job),
      description: job.description,
      from: promisedWindow(r.published_snapshot.start),
      to: null,
    });
    await tellCustomer(job, notice, "reschedule");
  }

  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({ summary: `${actor.name} published ${date}`, kind: "publish", publication_id: publicationId }),
  ]);
  for (const a of changed) {
    await tx.query("update public.assignments set published_snapshot = $2::jsonb, published_at = $3 where id = $1", [
      a.id,
      JSON.stringify(snapshotOf(a)),
      now.toISOString(),
    ]);
  }
  await tx.query("update public.jobs set status = 'published' where id = any($1::uuid[]) and status = 'scheduled'", [changed.map((a) => a.jobId)]);
  if (retracted.length > 0) {
    await tx.query("update public.assignments set published_snapshot = null where id = any($1::uuid[])", [retracted.map((r) => r.id)]);
  }
  await tx.query(
    `insert into public.publications (id, org_id, day, published_by, assignment_count, technician_notices, customer_notices)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [publicationId, actor.orgId, date, actor.userId, result.assignments, result.technicianNotices, result.customerNotices],
  );
  return result;
}
