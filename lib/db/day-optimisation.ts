/**
 * Approving and undoing an optimised day. The optimisation is one change: its
 * placements go through the board's one checked write path (placeJob:
 * placement_context() and apply_placement()) in one transaction, each recorded
 * with the optimisation's id, after the technicians' days are locked and found
 * exactly as they were planned. A board that changed meanwhile is refused, never
 * overwritten. Undo puts every job back, or nothing when any of them moved since.
 */
import type { Queryable } from "@/lib/db/client";
import { loadBoardDay, loadCompanySettings } from "@/lib/db/board";
import { lastChangeOf, placeJob, undoChange } from "@/lib/db/board-changes";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { toEngineBoard, travelFor } from "@/lib/board/engine-board";
import { checkBoard } from "@/lib/engine/checks";
import type { ApplyDayPlanValues } from "@/lib/schemas/optimise";
import { wallClock } from "@/lib/time/zoned-time";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

export interface AppliedOptimisation {
  optimisationId: string;
  summary: string;
  /** Placements written. */
  changed: number;
  /** What the checks still say about the optimised jobs, in words. */
  warnings: string[];
}

/** A conflict with the board as it is now: the dispatcher is offered to optimise again. */
const STALE = "Optimise again to plan around it; nothing was changed.";

/**
 * Takes the same per-technician-day locks as a drag (placement_context), in the
 * same order, for every technician of the optimisation at once.
 */
async function lockTechnicianDays(tx: Queryable, orgId: string, technicianIds: readonly string[], date: string): Promise<void> {
  const sorted = [...new Set(technicianIds)].sort();
  await tx.query(
    `select count(pg_advisory_xact_lock(hashtextextended($1::text || '/' || t::text || '/' || $3::text, 0)))
       from unnest($2::uuid[]) with ordinality as x(t, n)`,
    [orgId, sorted, date],
  );
}

/**
 * Applies an optimised day as one change.
 *
 * @example
 * const applied = await applyDayPlan(tx, session.user, { date, technicianIds, placements, seen, … }, now());
 * applied.optimisationId // undo it with undoOptimisation(tx, actor, applied.optimisationId, now())
 */
export async function applyDayPlan(tx: Queryable, actor: Actor, input: ApplyDayPlanValues, now: Date): Promise<AppliedOptimisation> {
  const company = await loadCompanySettings(tx, actor.orgId);
  if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
  const optimised = new Set(input.technicianIds);
  for (const p of input.placements) {
    if (!optimised.has(p.leaderId) || p.helperIds.some((id) => !optimised.has(id))) {
      throw new ActionFailure("refused", `${p.workOrder} would go to a technician outside this optimisation.`);
    }
    if (wallClock(new Date(p.start), company.timeZone).date !== input.date) {
      throw new ActionFailure("refused", `${p.workOrder} would move off ${input.date}.`);
    }
  }
  if (input.placements.length === 0) throw new ActionFailure("refused", "This optimisation changes nothing; there is nothing to approve.");

  await lockTechnicianDays(tx, actor.orgId, input.technicianIds, input.date);
  // the lanes as they are now, under the locks, against the lanes the plan was made on
  const day = await loadBoardDay(tx, actor.orgId, input.date, { technicianIds: input.technicianIds, company });
  if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
  const seen = new Map(input.seen.map((v) => [v.jobId, v]));
  const current = new Map(day.assignments.map((a) => [a.jobId, { jobVersion: day.jobs[a.jobId].version, assignmentVersion: a.version }]));
  const changedJob =
    day.assignments.find((a) => {
      const was = seen.get(a.jobId);
      const now_ = current.get(a.jobId)!;
      return !was || was.jobVersion !== now_.jobVersion || was.assignmentVersion !== now_.assignmentVersion;
    })?.jobId ?? input.seen.find((v) => !current.has(v.jobId))?.jobId;
  if (changedJob) {
    const workOrder = day.jobs[changedJob]?.workOrder ?? (await workOrderOf(tx, changedJob)) ?? "A job";
    const who = await lastChangeOf(tx, changedJob, company.timeZone);
    throw new ActionFailure("conflict", `The board changed since it was optimised: ${workOrder} was changed by ${who}. ${STALE}`);
  }

  const [row] = await tx.query<{ id: string }>(
    `insert into public.day_optimisations (org_id, actor_id, day, technician_ids, move_published, summary, travel_before, travel_after, moved, placed)
     values ($1, $2, $3, $4::uuid[], $5, $6, $7, $8, $9, $10) returning id`,
    [
      actor.orgId,
      actor.userId,
      input.date,
      input.technicianIds,
      input.movePublished,
      `${actor.name} optimised ${input.date}: ${input.summary}`,
      Math.round(input.travelBefore),
      Math.round(input.travelAfter),
      input.placements.filter((p) => p.assignmentVersion !== null).length,
      input.placements.filter((p) => p.assignmentVersion === null).length,
    ],
  );
  const optimisationId = row.id;
  for (const p of input.placements) {
    try {
      await placeJob(
        tx,
        actor,
        { ...p, notifyCustomer: input.movePublished },
        now,
        { optimisationId },
      );
    } catch (err) {
      if (err instanceof ActionFailure && err.code === "conflict") {
        throw new ActionFailure("conflict", `The board changed since it was optimised: ${err.message.replace(/ The board now shows the latest\.$/, "")} ${STALE}`);
      }
      throw err;
    }
  }

  // what the checks say about the day as it now is (placements in between may briefly overlap)
  const after = await loadBoardDay(tx, actor.orgId, input.date, { technicianIds: input.technicianIds, company });
  const board = toEngineBoard(after!);
  const issues = checkBoard(board, travelFor(after!, board), { timeZone: company.timeZone });
  const warnings = input.placements.flatMap((p) => (issues[p.jobId] ?? []).map((w) => `${p.workOrder}: ${w.message}`));
  return { optimisationId, summary: input.summary, changed: input.placements.length, warnings };
}

async function workOrderOf(tx: Queryable, jobId: string): Promise<string | null> {
  const rows = await tx.query<{ work_order: string }>("select work_order from public.jobs where id = $1", [jobId]);
  return rows[0]?.work_order ?? null;
}

export interface UndoneOptimisation {
  optimisationId: string;
  /** Jobs put back. */
  restored: number;
  summary: string;
}

/**
 * Takes a whole optimisation back: every job where it was before, in one
 * transaction, or nothing when any of them changed since.
 */
export async function undoOptimisation(tx: Queryable, actor: Actor, optimisationId: string, now: Date): Promise<UndoneOptimisation> {
  const [opt] = await tx.query<{ id: string; day: string; technician_ids: string[]; summary: string; undone_at: Date | null }>(
    `select id, to_char(day, 'YYYY-MM-DD') as day, technician_ids, summary, undone_at from public.day_optimisations
      where id = $1 and org_id = $2 and actor_id = $3 for update`,
    [optimisationId, actor.orgId, actor.userId],
  );
  if (!opt) throw new ActionFailure("not_found", "There is no optimisation of yours to undo.");
  if (opt.undone_at) throw new ActionFailure("conflict", "That optimisation has already been undone.");
  await lockTechnicianDays(tx, actor.orgId, opt.technician_ids, opt.day);
  const changes = await tx.query<{ id: string }>(
    `select id from public.board_changes where optimisation_id = $1 and org_id = $2 and undone_at is null order by created_at desc, id`,
    [optimisationId, actor.orgId],
  );
  for (const change of changes) {
    try {
      await undoChange(tx, actor, { changeId: change.id, notifyCustomer: true }, now, { inOptimisation: true });
    } catch (err) {
      if (err instanceof ActionFailure && err.code === "conflict") {
        throw new ActionFailure("conflict", `The optimisation cannot be undone: ${err.message} Nothing was undone.`);
      }
      throw err;
    }
  }
  await tx.query("update public.day_optimisations set undone_at = now() where id = $1", [optimisationId]);
  return { optimisationId, restored: changes.length, summary: opt.summary };
}
