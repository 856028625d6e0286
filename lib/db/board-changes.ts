/**
 * Changes a dispatcher makes on the board: place (assign, move, resize, reassign,
 * change crew), unassign and undo. Each runs inside the caller's withUser
 * transaction, locks what it touches, refuses stale versions, runs the engine's
 * checks, records the change in words and, under the 24-hour rule, queues the
 * customer's notice in the same transaction.
 */
import type { Queryable } from "@/lib/db/client";
import { JOB_SELECT, loadBoardDay, loadCompanySettings, mapJob, type BoardAssignment, type BoardJob, type CompanySettings } from "@/lib/db/board";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { toMinute } from "@/lib/time/epoch-minute";
import { formatClock } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";
import { toEngineBoard, travelFor } from "@/lib/board/engine-board";
import { checkPlacement, type CheckIssue } from "@/lib/engine/checks";
import { rescheduleNoticeApplies } from "@/lib/engine/customer-notice";
import { queueCustomerRescheduleNotice } from "@/lib/db/customer-notices";

/** Where a job is: who does it and when (ISO instants). */
export interface PlacementSnapshot {
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
}

export interface PlaceJobInput {
  jobId: string;
  /** The job's version as the dispatcher saw it. */
  jobVersion: number;
  /** The assignment's version as seen, or null when the job was seen unassigned. */
  assignmentVersion: number | null;
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
  /** Tell the customer when the 24-hour rule applies (the dispatcher may untick it). */
  notifyCustomer: boolean;
}

export interface UnassignJobInput {
  jobId: string;
  jobVersion: number;
  assignmentVersion: number;
  notifyCustomer: boolean;
}

export type ChangeKind = "assign" | "move" | "resize" | "reassign" | "crew" | "unassign" | "undo";

export interface BoardChangeResult {
  changeId: string;
  kind: ChangeKind;
  summary: string;
  job: BoardJob;
  assignment: BoardAssignment | null;
  warnings: CheckIssue[];
  /** "queued" when the customer was told, "declined" when the dispatcher chose not to. */
  customerNotice: "queued" | "declined" | "not_needed" | "unreachable";
}

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

interface LockedAssignment {
  id: string;
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
  version: number;
  active: boolean;
  publishedAt: string | null;
  publishedSnapshot: PlacementSnapshot | null;
}



async function lockJob(tx: Queryable, orgId: string, jobId: string): Promise<BoardJob> {
  // lock the job row first: every change to a job serialises on it
  const locked = await tx.query("select id from public.jobs where id = $1 and org_id = $2 for update", [jobId, orgId]);
  if (locked.length === 0) throw new ActionFailure("not_found", "That job does not exist in your company.");
  const rows = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [jobId]);
  return mapJob(rows[0]);
}

/** The job's assignment row (active, or the latest inactive one), locked. */
async function lockAssignment(tx: Queryable, jobId: string): Promise<LockedAssignment | null> {
  const rows = await tx.query<Record<string, unknown>>(
    `select id, leader_id, starts_at, ends_at, version, active, published_at, published_snapshot
       from public.assignments where job_id = $1
      order by active desc, updated_at desc limit 1 for update`,
    [jobId],
  );
  const r = rows[0];
  if (!r) return null;
  const helpers = await tx.query<{ technician_id: string }>(
    "select technician_id from public.assignment_helpers where assignment_id = $1 order by technician_id",
    [r.id],
  );
  return {
    id: r.id as string,
    leaderId: r.leader_id as string,
    helperIds: helpers.map((h) => h.technician_id),
    start: new Date(r.starts_at as string).toISOString(),
    end: new Date(r.ends_at as string).toISOString(),
    version: Number(r.version),
    active: Boolean(r.active),
    publishedAt: r.published_at ? new Date(r.published_at as string).toISOString() : null,
    publishedSnapshot: (r.published_snapshot as PlacementSnapshot | null) ?? null,
  };
}

/** "WO-1042 was changed by Sam Okafor at 09:14": who last touched a job. */
export async function lastChangeOf(tx: Queryable, jobId: string, timeZone: string): Promise<string> {
  const rows = await tx.query<{ full_name: string | null; at: Date }>(
    `select p.full_name, x.at from (
        select actor_id, created_at as at from public.board_changes where job_id = $1
        union all
        select actor_id, at from public.audit_log where row_id = $1 and table_name = 'jobs'
      ) x left join public.profiles p on p.id = x.actor_id
      order by x.at desc limit 1`,
    [jobId],
  );
  const r = rows[0];
  if (!r) return "someone else";
  const time = formatClock(Math.floor(new Date(r.at).getTime() / 60000), timeZone);
  return `${r.full_name ?? "the system"} at ${time}`;
}

async function conflict(tx: Queryable, job: BoardJob, company: CompanySettings): Promise<never> {
  const who = await lastChangeOf(tx, job.id, company.timeZone);
  throw new ActionFailure("conflict", `${job.workOrder} was changed by ${who}. The board now shows the latest.`);
}

async function technicianNames(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; name: string }>("select id, name from public.technicians where id = any($1::uuid[])", [ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

function sameCrew(a: PlacementSnapshot, b: PlacementSnapshot): boolean {
  return a.leaderId === b.leaderId && [...a.helperIds].sort().join() === [...b.helperIds].sort().join();
}

export function kindOf(before: PlacementSnapshot | null, after: PlacementSnapshot | null): ChangeKind {
  if (!before && after) return "assign";
  if (before && !after) return "unassign";
  if (!before || !after) return "move";
  if (before.leaderId !== after.leaderId) return "reassign";
  if (before.start === after.start && before.end === after.end) return "crew";
  if (before.start === after.start && sameCrew(before, after)) return "resize";
  return "move";
}

function describe(
  kind: ChangeKind,
  actor: string,
  job: BoardJob,
  before: PlacementSnapshot | null,
  after: PlacementSnapshot | null,
  names: Map<string, string>,
  timeZone: string,
): string {
  const clock = (iso: string) => formatClock(toMinute(iso), timeZone);
  const who = (id: string) => names.get(id) ?? "an unknown technician";
  const crew = (p: PlacementSnapshot) =>
    p.helperIds.length > 0 ? `${who(p.leaderId)} (with ${p.helperIds.map(who).join(", ")})` : who(p.leaderId);
  const wo = job.workOrder;
  switch (kind) {
    case "assign":
      return `${actor} scheduled ${wo} for ${crew(after!)} at ${clock(after!.start)}–${clock(after!.end)}`;
    case "unassign":
      return `${actor} unscheduled ${wo} (was ${who(before!.leaderId)} ${clock(before!.start)})`;
    case "resize":
      return `${actor} changed ${wo} on ${who(after!.leaderId)} to ${clock(after!.start)}–${clock(after!.end)} (was until ${clock(before!.end)})`;
    case "crew":
      return `${actor} changed the crew of ${wo} to ${crew(after!)}`;
    default:
      return `${actor} moved ${wo} from ${who(before!.leaderId)} ${clock(before!.start)} to ${crew(after!)} ${clock(after!.start)}`;
  }
}

function snapshotOf(a: LockedAssignment | null): PlacementSnapshot | null {
  return a && a.active ? { leaderId: a.leaderId, helperIds: [...a.helperIds].sort(), start: a.start, end: a.end } : null;
}

interface ApplyOptions {
  actor: Actor;
  job: BoardJob;
  current: LockedAssignment | null;
  next: PlacementSnapshot | null;
  notifyCustomer: boolean;
  company: CompanySettings;
  now: Date;
  warnings: CheckIssue[];
  undoOf?: { id: string; summary: string };
}

/** Writes a placement (or its removal), the change record, and the customer's notice. */
async function applyChange(tx: Queryable, o: ApplyOptions): Promise<BoardChangeResult> {
  const before = snapshotOf(o.current);
  const baseKind = kindOf(before, o.next);
  const names = await technicianNames(tx, [
    ...(before ? [before.leaderId, ...before.helperIds] : []),
    ...(o.next ? [o.next.leaderId, ...o.next.helperIds] : []),
  ]);
  let summary = describe(baseKind, o.actor.name, o.job, before, o.next, names, o.company.timeZone);
  if (o.undoOf) {
    const own = o.undoOf.summary.startsWith(`${o.actor.name} `) ? o.undoOf.summary.slice(o.actor.name.length + 1) : o.undoOf.summary;
    summary = `${o.actor.name} undid: ${own}`;
  }
  const kind: ChangeKind = o.undoOf ? "undo" : baseKind;

  // the 24-hour rule: a published visit changed close to its time is told to the customer
  const published = o.current?.publishedSnapshot ?? null;
  const applies = rescheduleNoticeApplies({
    published: published !== null,
    previous: published ? { start: toMinute(published.start), end: toMinute(published.end) } : null,
    next: o.next ? { start: toMinute(o.next.start), end: toMinute(o.next.end) } : null,
    now: Math.floor(o.now.getTime() / 60000),
    ruleEnabled: o.company.rescheduleNoticeEnabled,
  });

  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({ summary, kind, ...(applies ? { notify_customer: o.notifyCustomer } : {}), ...(o.undoOf ? { undo: true } : {}) }),
  ]);

  let assignmentId = o.current?.id ?? null;
  if (o.next) {
    if (o.current) {
      await tx.query(
        "update public.assignments set leader_id = $2, starts_at = $3, ends_at = $4, active = true, auto_assigned = false where id = $1",
        [o.current.id, o.next.leaderId, o.next.start, o.next.end],
      );
      const oldHelpers = o.current.active ? o.current.helperIds : [];
      const removed = oldHelpers.filter((h) => !o.next!.helperIds.includes(h));
      const added = o.next.helperIds.filter((h) => !oldHelpers.includes(h));
      if (!o.current.active && o.current.helperIds.length > 0) {
        await tx.query("delete from public.assignment_helpers where assignment_id = $1", [o.current.id]);
      } else if (removed.length > 0) {
        await tx.query("delete from public.assignment_helpers where assignment_id = $1 and technician_id = any($2::uuid[])", [o.current.id, removed]);
      }
      for (const h of o.current.active ? added : o.next.helperIds) {
        await tx.query("insert into public.assignment_helpers (org_id, assignment_id, technician_id) values ($1, $2, $3)", [o.actor.orgId, o.current.id, h]);
      }
    } else {
      const [row] = await tx.query<{ id: string }>(
        "insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at) values ($1, $2, $3, $4, $5) returning id",
        [o.actor.orgId, o.job.id, o.next.leaderId, o.next.start, o.next.end],
      );
      assignmentId = row.id;
      for (const h of o.next.helperIds) {
        await tx.query("insert into public.assignment_helpers (org_id, assignment_id, technician_id) values ($1, $2, $3)", [o.actor.orgId, row.id, h]);
      }
    }
    // a person placing the job settles any automatic decision; open broadcast offers end
    if (o.job.dispatchState === "offered") {
      await tx.query("update public.job_offers set status = 'withdrawn', responded_at = now() where job_id = $1 and status = 'offered'", [o.job.id]);
    }
    // One update of the job (one version, one audit row): a change to a planned visit
    // waits for the next publish; work under way stays under way.
    await tx.query(
      `update public.jobs
          set status = case when status = 'in_progress' then status else 'scheduled' end,
              reschedule_count = reschedule_count + $2,
              dispatch_state = case when dispatch_state in ('review', 'offered', 'auto_assigned', 'preassigned') then 'manual' else dispatch_state end
        where id = $1`,
      [o.job.id, before && published && o.job.status !== "in_progress" ? 1 : 0],
    );
  } else if (o.current) {
    await tx.query("update public.assignments set active = false where id = $1", [o.current.id]);
    await tx.query("update public.jobs set status = 'unscheduled', reschedule_count = reschedule_count + $2 where id = $1", [
      o.job.id,
      published ? 1 : 0,
    ]);
  }

  let customerNotice: BoardChangeResult["customerNotice"] = "not_needed";
  const [change] = await tx.query<{ id: string }>(
    `insert into public.board_changes (org_id, actor_id, job_id, kind, before, after, summary, notify_customer, undo_of)
     values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9) returning id`,
    [
      o.actor.orgId,
      o.actor.userId,
      o.job.id,
      kind,
      before ? JSON.stringify(before) : null,
      o.next ? JSON.stringify(o.next) : null,
      summary,
      applies ? o.notifyCustomer : null,
      o.undoOf?.id ?? null,
    ],
  );
  if (applies) {
    if (!o.notifyCustomer) customerNotice = "declined";
    else {
      const queued = await queueCustomerRescheduleNotice(tx, {
        orgId: o.actor.orgId,
        createdBy: o.actor.userId,
        changeId: change.id,
        job: o.job,
        companyName: o.company.name,
        timeZone: o.company.timeZone,
        previous: published,
        next: o.next,
        technicianName: o.next ? (names.get(o.next.leaderId) ?? null) : null,
      });
      customerNotice = queued ? "queued" : "unreachable";
    }
  }

  const [jobRow] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [o.job.id]);
  const after = await lockAssignment(tx, o.job.id);
  return {
    changeId: change.id,
    kind,
    summary,
    job: mapJob(jobRow),
    assignment:
      after && after.active && assignmentId
        ? {
            id: after.id,
            jobId: o.job.id,
            leaderId: after.leaderId,
            helperIds: after.helperIds,
            start: after.start,
            end: after.end,
            version: after.version,
            publishedAt: after.publishedAt,
            autoAssigned: false,
          }
        : null,
    warnings: o.warnings,
    customerNotice,
  };
}

async function checkAgainstBoard(
  tx: Queryable,
  actor: Actor,
  company: CompanySettings,
  job: BoardJob,
  next: PlacementSnapshot,
): Promise<CheckIssue[]> {
  const crew = [next.leaderId, ...next.helperIds];
  const known = await tx.query<{ id: string; active: boolean }>(
    "select id, active from public.technicians where org_id = $1 and id = any($2::uuid[])",
    [actor.orgId, crew],
  );
  for (const id of crew) {
    const t = known.find((k) => k.id === id);
    if (!t) throw new ActionFailure("refused", "That technician does not exist in your company.");
    if (!t.active) throw new ActionFailure("refused", "That technician is no longer active.");
  }
  const date = wallClock(new Date(next.start), company.timeZone).date;
  const day = await loadBoardDay(tx, actor.orgId, date, { technicianIds: crew, company });
  if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
  day.jobs[job.id] = job;
  // the job's own current placement is replaced by this change
  day.assignments = day.assignments.filter((a) => a.jobId !== job.id);
  const board = toEngineBoard(day);
  const result = checkPlacement(
    { jobId: job.id, leaderId: next.leaderId, helperIds: next.helperIds, start: toMinute(next.start), end: toMinute(next.end) },
    board,
    travelFor(day, board),
    { timeZone: company.timeZone },
  );
  if (result.errors.length > 0) throw new ActionFailure("refused", result.errors.map((e) => e.message).join(" "));
  return result.warnings;
}

async function companyOf(tx: Queryable, orgId: string): Promise<CompanySettings> {
  const company = await loadCompanySettings(tx, orgId);
  if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
  return company;
}

/**
 * Places a job: assigns it from the queue, moves or resizes it, reassigns it or
 * changes its crew. Refuses stale versions and hard errors; returns warnings.
 */
export async function placeJob(tx: Queryable, actor: Actor, input: PlaceJobInput, now: Date): Promise<BoardChangeResult> {
  const company = await companyOf(tx, actor.orgId);
  const job = await lockJob(tx, actor.orgId, input.jobId);
  const current = await lockAssignment(tx, job.id);
  if (job.version !== input.jobVersion) await conflict(tx, job, company);
  const seenActive = input.assignmentVersion !== null;
  if (seenActive !== Boolean(current?.active) || (current?.active && current.version !== input.assignmentVersion)) {
    await conflict(tx, job, company);
  }
  if (job.status === "done" || job.status === "cancelled") {
    throw new ActionFailure("refused", `${job.workOrder} is ${job.status} and cannot be scheduled.`);
  }
  if (Date.parse(input.end) <= Date.parse(input.start)) {
    throw new ActionFailure("refused", `${job.workOrder} must end after it starts.`);
  }
  const next: PlacementSnapshot = {
    leaderId: input.leaderId,
    helperIds: [...new Set(input.helperIds)].sort(),
    start: new Date(input.start).toISOString(),
    end: new Date(input.end).toISOString(),
  };
  const warnings = await checkAgainstBoard(tx, actor, company, job, next);
  return applyChange(tx, { actor, job, current, next, notifyCustomer: input.notifyCustomer, company, now, warnings });
}

/** Takes a job off the board back to the unscheduled queue. */
export async function unassignJob(tx: Queryable, actor: Actor, input: UnassignJobInput, now: Date): Promise<BoardChangeResult> {
  const company = await companyOf(tx, actor.orgId);
  const job = await lockJob(tx, actor.orgId, input.jobId);
  const current = await lockAssignment(tx, job.id);
  if (job.version !== input.jobVersion || !current?.active || current.version !== input.assignmentVersion) {
    await conflict(tx, job, company);
  }
  if (job.status === "done" || job.status === "cancelled" || job.status === "in_progress") {
    throw new ActionFailure("refused", `${job.workOrder} is ${job.status.replace("_", " ")} and cannot be unscheduled.`);
  }
  return applyChange(tx, { actor, job, current, next: null, notifyCustomer: input.notifyCustomer, company, now, warnings: [] });
}

export interface UndoableChange {
  id: string;
  jobId: string;
  kind: ChangeKind;
  summary: string;
  createdAt: string;
}

/** The person's own most recent changes that can still be undone, newest first. */
export async function listUndoable(tx: Queryable, actor: Actor, limit = 10): Promise<UndoableChange[]> {
  const rows = await tx.query<{ id: string; job_id: string; kind: ChangeKind; summary: string; created_at: Date }>(
    `select id, job_id, kind, summary, created_at from public.board_changes
      where org_id = $1 and actor_id = $2 and undone_at is null and kind <> 'undo'
      order by created_at desc limit $3`,
    [actor.orgId, actor.userId, limit],
  );
  return rows.map((r) => ({ id: r.id, jobId: r.job_id, kind: r.kind, summary: r.summary, createdAt: new Date(r.created_at).toISOString() }));
}

/**
 * Undoes one of the person's own changes (the latest when no id is given) by
 * putting the job back where it was — itself a normal, checked, audited change.
 * Refused when the job has changed since.
 */
export async function undoChange(
  tx: Queryable,
  actor: Actor,
  input: { changeId?: string; notifyCustomer: boolean },
  now: Date,
): Promise<BoardChangeResult> {
  const company = await companyOf(tx, actor.orgId);
  type ChangeRow = { id: string; job_id: string; before: PlacementSnapshot | null; after: PlacementSnapshot | null; summary: string; undone_at: Date | null; kind: ChangeKind };
  const columns = "id, job_id, before, after, summary, undone_at, kind";
  const rows = input.changeId
    ? await tx.query<ChangeRow>(
        `select ${columns} from public.board_changes where id = $1 and org_id = $2 and actor_id = $3 for update`,
        [input.changeId, actor.orgId, actor.userId],
      )
    : await tx.query<ChangeRow>(
        `select ${columns} from public.board_changes
          where org_id = $1 and actor_id = $2 and undone_at is null and kind <> 'undo'
          order by created_at desc limit 1 for update`,
        [actor.orgId, actor.userId],
      );
  const change = rows[0];
  if (!change) throw new ActionFailure("not_found", "There is nothing of yours to undo.");
  if (change.undone_at) throw new ActionFailure("conflict", "That change has already been undone.");
  if (change.kind === "undo") throw new ActionFailure("refused", "An undo cannot itself be undone; make the change again instead.");
  const job = await lockJob(tx, actor.orgId, change.job_id);
  const current = await lockAssignment(tx, job.id);
  const now_ = snapshotOf(current);
  const unchanged =
    (change.after === null && now_ === null) ||
    (change.after !== null && now_ !== null && change.after.start === now_.start && change.after.end === now_.end && sameCrew(change.after, now_));
  if (!unchanged) {
    const who = await lastChangeOf(tx, job.id, company.timeZone);
    throw new ActionFailure("conflict", `${job.workOrder} was changed by ${who} since; undo would overwrite that change.`);
  }
  if (job.status === "done" || job.status === "cancelled") {
    throw new ActionFailure("refused", `${job.workOrder} is ${job.status}; it can no longer be moved.`);
  }
  const warnings = change.before ? await checkAgainstBoard(tx, actor, company, job, change.before) : [];
  const result = await applyChange(tx, {
    actor,
    job,
    current,
    next: change.before,
    notifyCustomer: input.notifyCustomer,
    company,
    now,
    warnings,
    undoOf: { id: change.id, summary: change.summary },
  });
  await tx.query("update public.board_changes set undone_at = now() where id = $1", [change.id]);
  return result;
}
