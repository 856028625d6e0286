/**
 * Changes a dispatcher makes on the board: place (assign, move, resize, reassign,
 * change crew), unassign and undo. Each runs inside the caller's withUser
 * transaction in two statements: `placement_context()` locks what the change
 * touches and returns what the checks read; the engine checks it here; and
 * `apply_placement()` writes the change and its record. Under the 24-hour rule the
 * customer's notice is queued in the same transaction.
 */
import type { Queryable } from "@/lib/db/client";
import { mapJob, type BoardAssignment, type BoardJob, type CompanySettings } from "@/lib/db/board";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { toEngineBoard, travelFor } from "@/lib/board/engine-board";
import { describeChange, describeUndo, kindOf, sameCrew, type ChangeKind, type PlacementSnapshot } from "@/lib/board/change-sentence";
import { checkPlacement, type CheckIssue } from "@/lib/engine/checks";
import { rescheduleNoticeApplies } from "@/lib/engine/customer-notice";
import { toMinute } from "@/lib/time/epoch-minute";
import { formatClock } from "@/lib/time/format-time";
import { loadPlacementContext, mapLockedAssignment, type LockedAssignment, type PlacementContext } from "@/lib/db/placement-context";
import { queueCustomerRescheduleNotice } from "@/lib/db/customer-notices";

export { kindOf };
export type { ChangeKind, PlacementSnapshot };

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

function snapshotOf(a: LockedAssignment | null): PlacementSnapshot | null {
  return a && a.active ? { leaderId: a.leaderId, helperIds: [...a.helperIds].sort(), start: a.start, end: a.end } : null;
}

async function contextOf(tx: Queryable, actor: Actor, jobId: string, next: PlacementSnapshot | null): Promise<PlacementContext> {
  const ctx = await loadPlacementContext(tx, actor.orgId, jobId, next ? [next.leaderId, ...next.helperIds] : null, next?.start ?? null);
  if (!ctx) {
    // the locked read sees only jobs the caller may change: one they can merely read is a
    // question of role, not of existence
    const readable = await tx.query("select 1 from public.jobs where id = $1 and org_id = $2", [jobId, actor.orgId]);
    if (readable.length > 0) throw new ActionFailure("forbidden", "Your role can view the board but not change it.");
    throw new ActionFailure("not_found", "That job does not exist in your company.");
  }
  return ctx;
}

/** Runs the engine's checks of `next` against the crew's lanes; refuses hard errors, returns warnings. */
function checkAgainstLanes(ctx: PlacementContext, next: PlacementSnapshot): CheckIssue[] {
  for (const id of [next.leaderId, ...next.helperIds]) {
    const active = ctx.active.get(id);
    if (active === undefined) throw new ActionFailure("refused", "That technician does not exist in your company.");
    if (!active) throw new ActionFailure("refused", "That technician is no longer active.");
  }
  const day = ctx.day!;
  const board = toEngineBoard({ ...day, jobs: { ...day.jobs, [ctx.job.id]: ctx.job } });
  const result = checkPlacement(
    { jobId: ctx.job.id, leaderId: next.leaderId, helperIds: next.helperIds, start: toMinute(next.start), end: toMinute(next.end) },
    board,
    travelFor(day, board),
    { timeZone: ctx.company.timeZone },
  );
  if (result.errors.length > 0) throw new ActionFailure("refused", result.errors.map((e) => e.message).join(" "));
  return result.warnings;
}

/**
 * An automatic booking's decision, written with the placement in the job's one
 * update (and the assignment marked automatic as it is written).
 */
export interface AutomaticPlacement {
  state: string;
  reason: string;
  detail: unknown;
}

interface ApplyOptions {
  actor: Actor;
  ctx: PlacementContext;
  next: PlacementSnapshot | null;
  notifyCustomer: boolean;
  now: Date;
  warnings: CheckIssue[];
  undoOf?: { id: string; summary: string };
  /** The day optimisation this change is part of. */
  optimisationId?: string;
  automatic?: AutomaticPlacement;
}

/** Writes a placement (or its removal) and the change record in one statement; queues the customer's notice. */
async function applyChange(tx: Queryable, o: ApplyOptions): Promise<BoardChangeResult> {
  const { ctx, actor } = o;
  const before = snapshotOf(ctx.current);
  const baseKind = kindOf(before, o.next);
  const summary = o.undoOf
    ? describeUndo(actor.name, o.undoOf.summary)
    : describeChange(baseKind, actor.name, ctx.job.workOrder, before, o.next, ctx.names, ctx.company.timeZone);
  const kind: ChangeKind = o.undoOf ? "undo" : baseKind;

  // the 24-hour rule: a published visit changed close to its time is told to the customer
  const published = ctx.current?.publishedSnapshot ?? null;
  const applies = rescheduleNoticeApplies({
    published: published !== null,
    previous: published ? { start: toMinute(published.start), end: toMinute(published.end) } : null,
    next: o.next ? { start: toMinute(o.next.start), end: toMinute(o.next.end) } : null,
    now: Math.floor(o.now.getTime() / 60000),
    ruleEnabled: ctx.company.rescheduleNoticeEnabled,
  });
  // a published visit that moves counts as rescheduled (work under way does not)
  const rescheduled = o.next ? before && published && ctx.job.status !== "in_progress" : published;

  const [row] = await tx.query<{ r: Record<string, unknown> }>("select public.apply_placement($1, $2, $3, $4::jsonb, $5, $6::jsonb) as r", [
    actor.orgId,
    ctx.job.id,
    ctx.current?.id ?? null,
    o.next ? JSON.stringify(o.next) : null,
    rescheduled ? 1 : 0,
    JSON.stringify({
      kind,
      before,
      after: o.next,
      summary,
      notify_customer: applies ? o.notifyCustomer : null,
      undo_of: o.undoOf?.id ?? null,
      optimisation_id: o.optimisationId ?? null,
      ...(o.automatic ? { auto_assigned: true, dispatch: o.automatic } : {}),
      actor_id: actor.userId,
      audit_context: { summary, kind, ...(applies ? { notify_customer: o.notifyCustomer } : {}), ...(o.undoOf ? { undo: true } : {}) },
    }),
  ]);
  const changeId = row.r.change_id as string;
  const after = row.r.assignment ? mapLockedAssignment(row.r.assignment as Record<string, unknown>) : null;

  let customerNotice: BoardChangeResult["customerNotice"] = "not_needed";
  if (applies) {
    if (!o.notifyCustomer) customerNotice = "declined";
    else {
      const queued = await queueCustomerRescheduleNotice(tx, {
        orgId: actor.orgId,
        createdBy: actor.userId,
        changeId,
        job: ctx.job,
        companyName: ctx.company.name,
        timeZone: ctx.company.timeZone,
        previous: published,
        next: o.next,
        technicianName: o.next ? (ctx.names.get(o.next.leaderId) ?? null) : null,
      });
      customerNotice = queued ? "queued" : "unreachable";
    }
  }

  return {
    changeId,
    kind,
    summary,
    job: mapJob(row.r.job as Record<string, unknown>),
    assignment: after
      ? {
          id: after.id,
          jobId: ctx.job.id,
          leaderId: after.leaderId,
          helperIds: after.helperIds,
          start: after.start,
          end: after.end,
          version: after.version,
          publishedAt: after.publishedAt,
          autoAssigned: Boolean(o.automatic),
        }
      : null,
    warnings: o.warnings,
    customerNotice,
  };
}

/**
 * Places a job: assigns it from the queue, moves or resizes it, reassigns it or
 * changes its crew. Refuses stale versions and hard errors; returns warnings.
 */
export interface PlaceJobOptions {
  /**
   * Warnings that refuse the placement instead: automatic dispatch never books a
   * technician twice, though a person may choose to.
   */
  refuseWarnings?: readonly CheckIssue["code"][];
  /** Part of a day optimisation: recorded on the change, so it is undone with the rest. */
  optimisationId?: string;
  /** Booked by automatic dispatch: its decision is written with the placement. */
  automatic?: AutomaticPlacement;
}

export async function placeJob(tx: Queryable, actor: Actor, input: PlaceJobInput, now: Date, options: PlaceJobOptions = {}): Promise<BoardChangeResult> {
  if (Date.parse(input.end) <= Date.parse(input.start)) {
    throw new ActionFailure("refused", "A visit must end after it starts.");
  }
  const next: PlacementSnapshot = {
    leaderId: input.leaderId,
    helperIds: [...new Set(input.helperIds)].sort(),
    start: new Date(input.start).toISOString(),
    end: new Date(input.end).toISOString(),
  };
  const ctx = await contextOf(tx, actor, input.jobId, next);
  const { job, current, company } = ctx;
  if (job.version !== input.jobVersion) await conflict(tx, job, company);
  const seenActive = input.assignmentVersion !== null;
  if (seenActive !== Boolean(current?.active) || (current?.active && current.version !== input.assignmentVersion)) {
    await conflict(tx, job, company);
  }
  if (job.status === "done" || job.status === "cancelled") {
    throw new ActionFailure("refused", `${job.workOrder} is ${job.status} and cannot be scheduled.`);
  }
  const warnings = checkAgainstLanes(ctx, next);
  const refused = warnings.filter((w) => options.refuseWarnings?.includes(w.code));
  if (refused.length > 0) throw new ActionFailure("refused", refused.map((w) => w.message).join(" "));
  return applyChange(tx, { actor, ctx, next, notifyCustomer: input.notifyCustomer, now, warnings, optimisationId: options.optimisationId, automatic: options.automatic });
}

/** Takes a job off the board back to the unscheduled queue. */
export async function unassignJob(tx: Queryable, actor: Actor, input: UnassignJobInput, now: Date): Promise<BoardChangeResult> {
  const ctx = await contextOf(tx, actor, input.jobId, null);
  const { job, current, company } = ctx;
  if (job.version !== input.jobVersion || !current?.active || current.version !== input.assignmentVersion) {
    await conflict(tx, job, company);
  }
  if (job.status === "done" || job.status === "cancelled" || job.status === "in_progress") {
    throw new ActionFailure("refused", `${job.workOrder} is ${job.status.replace("_", " ")} and cannot be unscheduled.`);
  }
  return applyChange(tx, { actor, ctx, next: null, notifyCustomer: input.notifyCustomer, now, warnings: [] });
}

export interface UndoableChange {
  /** The change's id, or the optimisation's for a whole optimised day. */
  id: string;
  /** The job changed; null for an optimisation (many jobs). */
  jobId: string | null;
  kind: ChangeKind | "optimise";
  summary: string;
  createdAt: string;
}

/**
 * The person's own most recent changes that can still be undone, newest first;
 * the placements of one day optimisation count as one change.
 */
export async function listUndoable(tx: Queryable, actor: Actor, limit = 10): Promise<UndoableChange[]> {
  const rows = await tx.query<{ id: string; job_id: string | null; kind: ChangeKind | "optimise"; summary: string; created_at: Date }>(
    `select * from (
        select id, job_id, kind, summary, created_at from public.board_changes
         where org_id = $1 and actor_id = $2 and undone_at is null and kind <> 'undo' and optimisation_id is null
         order by created_at desc limit $3) changes
      union all
      select * from (
        select id, null::uuid, 'optimise', summary, created_at from public.day_optimisations
         where org_id = $1 and actor_id = $2 and undone_at is null
         order by created_at desc limit $3) optimisations
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
  options: { inOptimisation?: boolean } = {},
): Promise<BoardChangeResult> {
  type ChangeRow = {
    id: string;
    job_id: string;
    before: PlacementSnapshot | null;
    after: PlacementSnapshot | null;
    summary: string;
    undone_at: Date | null;
    kind: ChangeKind;
    optimisation_id: string | null;
  };
  const columns = "id, job_id, before, after, summary, undone_at, kind, optimisation_id";
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
  if (change.optimisation_id && !options.inOptimisation) {
    throw new ActionFailure("refused", "That change is part of a day optimisation: undo the optimisation as a whole from your recent changes.");
  }
  if (change.undone_at) throw new ActionFailure("conflict", "That change has already been undone.");
  if (change.kind === "undo") throw new ActionFailure("refused", "An undo cannot itself be undone; make the change again instead.");
  const ctx = await contextOf(tx, actor, change.job_id, change.before);
  const { job, current, company } = ctx;
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
  const warnings = change.before ? checkAgainstLanes(ctx, change.before) : [];
  return applyChange(tx, {
    actor,
    ctx,
    next: change.before,
    notifyCustomer: input.notifyCustomer,
    now,
    warnings,
    undoOf: { id: change.id, summary: change.summary },
  });
}
