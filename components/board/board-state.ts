/**
 * The board's local state changes: what a move looks like before the server
 * answers (optimistic), what the server's answer replaces, and how a refused
 * change is put back. Pure: a day in, a new day out; the input is never mutated.
 */
import type { BoardAssignment, BoardDay, BoardJob, BoardJobsPatch, BoardLanes } from "@/lib/db/board";
import { dayRange } from "@/lib/time/zoned-time";

/** Where a job goes: its crew and its time (ISO instants). */
export interface Placement {
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
}

/** A change a dispatcher makes to one job. */
export type BoardChange = { kind: "place"; jobId: string; placement: Placement } | { kind: "unassign"; jobId: string };

/** Each day made here from another, with the jobs it changed: the board's view redoes just those. */
const madeFrom = new WeakMap<BoardDay, { from: BoardDay; jobIds: readonly string[] }>();

/**
 * The day `day` was made from by one of the changes here, and the jobs whose record
 * or assignment that change replaced (nothing else differs), if it was.
 */
export function changeOf(day: BoardDay): { from: BoardDay; jobIds: readonly string[] } | undefined {
  return madeFrom.get(day);
}

const noting = (from: BoardDay, to: BoardDay, jobIds: readonly string[]): BoardDay => {
  if (to !== from) madeFrom.set(to, { from, jobIds });
  return to;
};

/** The prefix of assignment ids that exist only in the browser until the server answers. */
export const PENDING_PREFIX = "pending:";

/** The job's assignment on this day, if any. */
export function assignmentOf(day: BoardDay, jobId: string): BoardAssignment | undefined {
  return day.assignments.find((a) => a.jobId === jobId);
}

const byPriority = (jobs: Record<string, BoardJob>) => (x: string, y: string) => {
  const a = jobs[x];
  const b = jobs[y];
  if (a.priority !== b.priority) return a.priority - b.priority;
  const da = a.deadline ? Date.parse(a.deadline) : Infinity;
  const db = b.deadline ? Date.parse(b.deadline) : Infinity;
  return da - db;
};

function withQueue(day: BoardDay, jobs: Record<string, BoardJob>, jobId: string, queued: boolean): string[] {
  const rest = day.queue.filter((id) => id !== jobId);
  return queued ? [...rest, jobId].sort(byPriority(jobs)) : rest;
}

function onDay(day: BoardDay, a: Pick<BoardAssignment, "start" | "end">): boolean {
  const { start, end } = dayRange(day.date, day.company.timeZone);
  return Date.parse(a.start) < end.getTime() && Date.parse(a.end) > start.getTime();
}

/**
 * The day as it looks right after the dispatcher drops a job: the assignment moved
 * (or created, with a pending id) and the job out of the queue.
 *
 * @example placeOptimistic(day, "j-1", { leaderId: "t-2", helperIds: [], start, end })
 */
export function placeOptimistic(day: BoardDay, jobId: string, p: Placement): BoardDay {
  const current = assignmentOf(day, jobId);
  const next: BoardAssignment = current
    ? { ...current, leaderId: p.leaderId, helperIds: [...p.helperIds], start: p.start, end: p.end, autoAssigned: false }
    : {
        id: `${PENDING_PREFIX}${jobId}`,
        jobId,
        leaderId: p.leaderId,
        helperIds: [...p.helperIds],
        start: p.start,
        end: p.end,
        version: 0,
        publishedAt: null,
        autoAssigned: false,
      };
  const job = day.jobs[jobId];
  const jobs = job && job.status === "unscheduled" ? { ...day.jobs, [jobId]: { ...job, status: "scheduled" as const } } : day.jobs;
  return noting(day, {
    ...day,
    jobs,
    assignments: current ? day.assignments.map((a) => (a.jobId === jobId ? next : a)) : [...day.assignments, next],
    queue: withQueue(day, jobs, jobId, false),
  }, [jobId]);
}

/**
 * The day right after the dispatcher drops a job on the queue: off the board,
 * back in the queue.
 *
 * @example unassignOptimistic(day, "j-1").queue.includes("j-1") // true
 */
export function unassignOptimistic(day: BoardDay, jobId: string): BoardDay {
  const job = day.jobs[jobId];
  if (!job) return day;
  const jobs = { ...day.jobs, [jobId]: { ...job, status: "unscheduled" as const } };
  return noting(day, { ...day, jobs, assignments: day.assignments.filter((a) => a.jobId !== jobId), queue: withQueue(day, jobs, jobId, true) }, [jobId]);
}

/** Applies a change optimistically. */
export function applyOptimistic(day: BoardDay, change: BoardChange): BoardDay {
  return change.kind === "place" ? placeOptimistic(day, change.jobId, change.placement) : unassignOptimistic(day, change.jobId);
}

/**
 * Replaces a job and its assignment with what the server returned (new versions).
 * An assignment that now falls on another day leaves this day's board.
 *
 * @example applyServerResult(day, { job, assignment }) // the job at its saved place and version
 */
export function applyServerResult(day: BoardDay, result: { job: BoardJob; assignment: BoardAssignment | null }): BoardDay {
  const { job, assignment } = result;
  const jobs = { ...day.jobs, [job.id]: job };
  const others = day.assignments.filter((a) => a.jobId !== job.id);
  const assignments = assignment && onDay(day, assignment) ? [...others, assignment] : others;
  return noting(day, { ...day, jobs, assignments, queue: withQueue(day, jobs, job.id, assignment === null && job.status === "unscheduled") }, [job.id]);
}

/**
 * Lays other people's changes on the day: each asked-for job takes its fresh record,
 * assignment and queue place; an asked-for job the patch no longer has (deleted, or
 * no longer visible) leaves the board. Everything else stays as it is.
 *
 * @example applyJobsPatch(day, ["j-1"], { date, jobs: [job], assignments: [a], queued: [] })
 */
export function applyJobsPatch(day: BoardDay, askedFor: readonly string[], patch: BoardJobsPatch): BoardDay {
  if (patch.date !== day.date) return day;
  const asked = new Set(askedFor);
  const jobs = { ...day.jobs };
  for (const id of asked) delete jobs[id];
  for (const job of patch.jobs) jobs[job.id] = job;
  const fresh = patch.assignments.filter((a) => onDay(day, a));
  const assignments = [...day.assignments.filter((a) => !asked.has(a.jobId)), ...fresh];
  // jobs on a lane stay in `jobs`; the others stay only while they are queued
  const onLane = new Set(assignments.map((a) => a.jobId));
  const queued = new Set(patch.queued);
  for (const id of asked) if (jobs[id] && !onLane.has(id) && !queued.has(id)) delete jobs[id];
  const queue = [...day.queue.filter((id) => !asked.has(id)), ...patch.queued.filter((id) => jobs[id])].sort(byPriority(jobs));
  const touched = new Set([...asked, ...patch.jobs.map((j) => j.id), ...fresh.map((a) => a.jobId)]);
  return noting(day, { ...day, jobs, assignments, queue }, [...touched]);
}

/**
 * Adds slices of lanes to a board whose first paint had only the first ones: their
 * technicians after those already here, and their visits. What the board already
 * holds stays as it is (a visit shared with a lane already here, or patched since),
 * and so do the jobs in `settled` (changed by other people while the slices were
 * read: their patch, not a slice, says where they are).
 *
 * @example mergeLanes(firstPaint, [{ date, offset: 30, technicians, assignments, jobs, more: false }])
 */
export function mergeLanes(day: BoardDay, slices: readonly BoardLanes[], settled: ReadonlySet<string> = new Set()): BoardDay {
  const known = new Set(day.technicians.map((t) => t.id));
  const placed = new Set(day.assignments.map((a) => a.jobId));
  const technicians: BoardDay["technicians"] = [];
  const assignments: BoardAssignment[] = [];
  const jobs = { ...day.jobs };
  for (const slice of slices) {
    if (slice.date !== day.date) continue;
    for (const t of slice.technicians) {
      if (known.has(t.id)) continue;
      known.add(t.id);
      technicians.push(t);
    }
    for (const a of slice.assignments) {
      const job = slice.jobs[a.jobId];
      if (!job || placed.has(a.jobId) || settled.has(a.jobId) || day.jobs[a.jobId] !== undefined) continue;
      placed.add(a.jobId);
      jobs[a.jobId] = job;
      assignments.push(a);
    }
  }
  if (technicians.length === 0 && assignments.length === 0) return day;
  return { ...day, technicians: [...day.technicians, ...technicians], assignments: [...day.assignments, ...assignments], jobs };
}

/**
 * What a live patch means for the dispatcher beyond moved blocks: a visit on this
 * board that somebody else (a customer through the portal, another dispatcher, the
 * API) cancelled, or that now waits for review (a customer asking for another time).
 * Said once, as the patch lands, so nothing the customer asked for goes unnoticed.
 *
 * @example
 * patchNotices(day, { …, jobs: [{ ...job, status: "cancelled" }] })
 * // ["WO-1042 for Acme Diner was cancelled and has left the board."]
 */
export function patchNotices(before: BoardDay, patch: BoardJobsPatch): string[] {
  if (patch.date !== before.date) return [];
  const shown = new Set([...before.assignments.map((a) => a.jobId), ...before.queue]);
  const notices: string[] = [];
  for (const job of patch.jobs) {
    const was = before.jobs[job.id];
    if (!was || !shown.has(job.id)) continue;
    const who = `${job.workOrder} for ${job.customerName}`;
    if (job.status === "cancelled" && was.status !== "cancelled") {
      notices.push(`${who} was cancelled and has left the board.`);
    } else if (job.dispatchState === "review" && was.dispatchState !== "review") {
      notices.push(`${who} needs review: ${job.dispatchReason ?? "no reason was given"}.`);
    }
  }
  return notices;
}

/**
 * Puts one job back the way it was in `before` (its record, assignment and queue
 * place), keeping everything else as it is now.
 *
 * @example restoreJob(afterOptimisticMove, beforeMove, "j-1")
 */
export function restoreJob(day: BoardDay, before: BoardDay, jobId: string): BoardDay {
  const job = before.jobs[jobId];
  const jobs = { ...day.jobs };
  if (job) jobs[jobId] = job;
  else delete jobs[jobId];
  const was = assignmentOf(before, jobId);
  const others = day.assignments.filter((a) => a.jobId !== jobId);
  return noting(day, { ...day, jobs, assignments: was ? [...others, was] : others, queue: withQueue(day, jobs, jobId, before.queue.includes(jobId)) }, [jobId]);
}

/**
 * A freshly loaded day with the changes still waiting for the server laid on top,
 * so a reload in the middle of a save does not make the block jump back and forth.
 */
export function reapplyPending(day: BoardDay, pending: Iterable<BoardChange>): BoardDay {
  let next = day;
  for (const change of pending) if (next.jobs[change.jobId]) next = applyOptimistic(next, change);
  return next;
}

/**
 * The crew after a block is dragged from `from`'s lane to `to`'s: the leader's
 * block hands the job to `to`; a helper's block swaps that helper for `to`.
 *
 * @example moveCrew({ leaderId: "a", helperIds: ["b"] }, "a", "c") // { leaderId: "c", helperIds: ["b"] }
 */
export function moveCrew(a: Pick<BoardAssignment, "leaderId" | "helperIds">, from: string, to: string): { leaderId: string; helperIds: string[] } {
  if (from === to) return { leaderId: a.leaderId, helperIds: [...a.helperIds] };
  if (a.leaderId === from) return { leaderId: to, helperIds: a.helperIds.filter((h) => h !== to) };
  // dragged from a helper's lane: that helper is replaced, unless the target already is on the crew
  if (to === a.leaderId || a.helperIds.includes(to)) return { leaderId: a.leaderId, helperIds: [...a.helperIds] };
  return { leaderId: a.leaderId, helperIds: a.helperIds.map((h) => (h === from ? to : h)) };
}
