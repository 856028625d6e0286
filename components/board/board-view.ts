/**
 * The engine's view of a loaded day, read lazily: a lane's layout and a job's
 * warnings are worked out the first time a lane is on screen, so a 500-technician
 * board does not check 5,000 visits for every move.
 *
 * A move changes one job, so the next view is derived from the previous one: the
 * engine's index is copied with only the changed jobs and the lanes of their crews
 * redone, and the layouts and warnings of every other lane are kept. A drag then
 * costs the browser a few lanes of work, not the whole day.
 */
import type { BoardAssignment, BoardDay, BoardJob } from "@/lib/db/board";
import { toEngineBoard, toEngineJob, travelFor } from "@/lib/board/engine-board";
import { crewOf, prepareBoard, type BoardIndex } from "@/lib/engine/board-index";
import { checkPlacement, type CheckIssue } from "@/lib/engine/checks";
import type { TravelTimes } from "@/lib/engine/travel";
import type { Assignment } from "@/lib/engine/types";
import { entriesByTechnician, layoutLane, type LaneEntry, type LaneLayout } from "@/components/board/lane-layout";
import { changeOf } from "@/components/board/board-state";
import { toMinute } from "@/lib/time/epoch-minute";

export interface BoardView {
  index: BoardIndex;
  travel: TravelTimes;
  /** The lane of one technician on this day (empty when they are not on the board). */
  layoutOf(technicianId: string): LaneLayout | null;
  /** The warnings about a job where it is now (none for done, cancelled or unplaced jobs). */
  warningsOf(jobId: string): CheckIssue[];
  /** The crew of a job, leader first, by name. */
  crewNamesOf(jobId: string): string[];
}

/** Beyond this many changed jobs (a reload, an optimised day) the view is built afresh. */
const MAX_CHANGED_JOBS = 200;

const NONE: CheckIssue[] = [];

/** What a view was built from and has worked out so far; kept to derive the next one. */
interface ViewState {
  day: BoardDay;
  index: BoardIndex;
  travel: TravelTimes;
  assignments: Map<string, BoardAssignment>;
  /** How many jobs `day.jobs` holds. */
  jobCount: number;
  layouts: Map<string, LaneLayout>;
  warnings: Map<string, CheckIssue[]>;
  /** Each technician's lane entries, grouped on first use (or carried over from the view before). */
  entries: Map<string, LaneEntry[]> | null;
}

const states = new WeakMap<BoardView, ViewState>();

const toEngineAssignment = (a: BoardAssignment): Assignment => ({
  jobId: a.jobId,
  leaderId: a.leaderId,
  helperIds: a.helperIds,
  start: toMinute(a.start),
  end: toMinute(a.end),
  version: a.version,
});

const byTime = (a: Assignment, b: Assignment) => a.start - b.start || a.end - b.end;

function viewOf(state: ViewState): BoardView {
  const { day, index, travel, layouts, warnings } = state;
  const technicians = new Map(day.technicians.map((t) => [t.id, t]));
  const timeZone = day.company.timeZone;
  const view: BoardView = {
    index,
    travel,
    layoutOf(technicianId) {
      let layout = layouts.get(technicianId);
      if (!layout) {
        const technician = technicians.get(technicianId);
        if (!technician) return null;
        state.entries ??= entriesByTechnician(day);
        layout = layoutLane(technician, state.entries.get(technicianId) ?? [], travel);
        layouts.set(technicianId, layout);
      }
      return layout;
    },
    warningsOf(jobId) {
      let list = warnings.get(jobId);
      if (!list) {
        const a = index.assignmentByJobId.get(jobId);
        const job = index.jobById.get(jobId);
        list = !a || !job || job.status === "done" || job.status === "cancelled" ? NONE : checkPlacement(a, index, travel, { timeZone }).warnings;
        warnings.set(jobId, list);
      }
      return list;
    },
    crewNamesOf(jobId) {
      const a = index.assignmentByJobId.get(jobId);
      if (!a) return [];
      const name = (id: string) => index.technicianById.get(id)?.name ?? "Unknown technician";
      return [name(a.leaderId), ...a.helperIds.map(name)];
    },
  };
  states.set(view, state);
  return view;
}

function buildFresh(day: BoardDay): BoardView {
  const board = toEngineBoard(day);
  return viewOf({
    day,
    index: prepareBoard(board),
    travel: travelFor(day, board),
    assignments: assignmentsByJob(day),
    jobCount: jobCount(day.jobs),
    layouts: new Map(),
    warnings: new Map(),
    entries: null,
  });
}

/** Each assignment of the day by its job. */
function assignmentsByJob(day: BoardDay): Map<string, BoardAssignment> {
  const byJob = new Map<string, BoardAssignment>();
  for (const a of day.assignments) byJob.set(a.jobId, a);
  return byJob;
}

const jobCount = (jobs: Record<string, BoardJob>) => {
  let n = 0;
  for (const id in jobs) if (jobs[id] !== undefined) n++;
  return n;
};

/** The jobs whose job or assignment is not the same object in `next` as in `prev` (null when too many). */
function changedJobs(prev: ViewState, next: BoardDay, nextAssignments: Map<string, BoardAssignment>): Set<string> | null {
  const changed = new Set<string>();
  const add = (id: string) => changed.add(id).size <= MAX_CHANGED_JOBS;
  for (const [id, a] of nextAssignments) if (prev.assignments.get(id) !== a && !add(id)) return null;
  for (const id of prev.assignments.keys()) if (!nextAssignments.has(id) && !add(id)) return null;
  if (next.jobs !== prev.day.jobs) {
    const before = prev.day.jobs;
    let kept = 0;
    for (const id in next.jobs) {
      const job = next.jobs[id];
      if (before[id] !== undefined) kept++;
      if (before[id] !== job && !add(id)) return null;
    }
    // only when some job of the day before is not in this one: find which
    if (kept < prev.jobCount) for (const id in before) if (next.jobs[id] === undefined && !add(id)) return null;
  }
  return changed;
}

/** Travel estimates made for `before` still hold for `after` (gone, or still at the same site; not new to the day). */
const travelStillHolds = (before: BoardJob | undefined, after: BoardJob | undefined) =>
  !after || (before !== undefined && before.location.lat === after.location.lat && before.location.lng === after.location.lng);

/**
 * Builds the view of `day` (engine board, index and travel now; lanes and
 * warnings on demand, remembered). Given the view of the day before a change,
 * keeps whatever the change did not touch.
 *
 * @example
 * const view = createBoardView(day);
 * view.warningsOf("j-2") // [{ code: "double_booked", message: "Bo Li is already on WO-1001 at 09:00–10:00" }]
 * const after = createBoardView(applyOptimistic(day, change), view); // only the moved job's lanes are redone
 */
export function createBoardView(day: BoardDay, previous?: BoardView): BoardView {
  const prev = previous ? states.get(previous) : undefined;
  if (!prev) return buildFresh(day);
  if (prev.day === day) return previous!;
  const before = prev.day;
  // technicians, settings and the day itself shape every lane: a change there redoes the whole view
  if (day.date !== before.date || day.technicians !== before.technicians || day.company !== before.company || day.slotBlocks !== before.slotBlocks) {
    return buildFresh(day);
  }
  const assignments = assignmentsByJob(day);
  // a change made in board-state says which jobs it touched; anything else is compared job by job
  const hint = changeOf(day);
  const changed = hint && hint.from === before && hint.jobIds.length <= MAX_CHANGED_JOBS ? new Set(hint.jobIds) : changedJobs(prev, day, assignments);
  if (!changed) return buildFresh(day);
  // nothing on the lanes changed (e.g. only the queue's order): the same view serves
  if (changed.size === 0) return previous!;
  // a job new to the day, or at another site, changes travel to and from it: start the estimates afresh
  for (const id of changed) if (!travelStillHolds(before.jobs[id], day.jobs[id])) return buildFresh(day);

  // the technicians whose lanes the change touches: the old and the new crew of each changed job
  const touched = new Set<string>();
  for (const id of changed) {
    const was = prev.index.assignmentByJobId.get(id);
    if (was) for (const t of crewOf(was)) touched.add(t);
    const now = assignments.get(id);
    if (now) for (const t of crewOf(now)) touched.add(t);
  }

  const jobById = new Map(prev.index.jobById);
  const assignmentByJobId = new Map(prev.index.assignmentByJobId);
  const added: Assignment[] = [];
  for (const id of changed) {
    const job = day.jobs[id];
    if (job) jobById.set(id, toEngineJob(job));
    else jobById.delete(id);
    assignmentByJobId.delete(id);
    const a = assignments.get(id);
    // as prepareBoard: a cancelled job's visit blocks no one
    if (a && job?.status !== "cancelled") {
      const engine = toEngineAssignment(a);
      assignmentByJobId.set(id, engine);
      added.push(engine);
    }
  }
  const lanes = new Map(prev.index.lanes);
  for (const t of touched) {
    const lane = (prev.index.lanes.get(t) ?? []).filter((a) => !changed.has(a.jobId));
    for (const a of added) if (crewOf(a).includes(t)) lane.push(a);
    lane.sort(byTime);
    if (lane.length > 0) lanes.set(t, lane);
    else lanes.delete(t);
  }
  const index: BoardIndex = { technicians: prev.index.technicians, technicianById: prev.index.technicianById, jobById, assignmentByJobId, lanes };

  // keep the layouts of untouched lanes, and the warnings of jobs on none of the touched lanes
  const layouts = new Map(prev.layouts);
  const warnings = new Map(prev.warnings);
  for (const t of touched) {
    layouts.delete(t);
    for (const a of prev.index.lanes.get(t) ?? []) warnings.delete(a.jobId);
    for (const a of lanes.get(t) ?? []) warnings.delete(a.jobId);
  }
  for (const id of changed) warnings.delete(id);

  // lane entries: the touched technicians' regrouped from this day, everyone else's as they were
  let entries: Map<string, LaneEntry[]> | null = null;
  if (prev.entries) {
    const onTouched = (a: BoardAssignment) => touched.has(a.leaderId) || a.helperIds.some((h) => touched.has(h));
    const regrouped = entriesByTechnician({ jobs: day.jobs, assignments: day.assignments.filter(onTouched) });
    entries = new Map(prev.entries);
    for (const t of touched) {
      const list = regrouped.get(t);
      if (list) entries.set(t, list);
      else entries.delete(t);
    }
  }
  let count = prev.jobCount;
  for (const id of changed) count += (day.jobs[id] !== undefined ? 1 : 0) - (before.jobs[id] !== undefined ? 1 : 0);
  return viewOf({ day, index, travel: prev.travel, assignments, jobCount: count, layouts, warnings, entries });
}
