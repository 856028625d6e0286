/**
 * A board grouped for fast lookups: technicians and jobs by id, and each
 * technician's lane — every assignment they are on, as leader or helper, in
 * time order. Build it once per board and reuse it across many checks and
 * scorings; add each decision with `addAssignment` so the next one sees it.
 */
import type { Assignment, Board, Job, Technician } from "@/lib/engine/types";

export interface BoardIndex {
  technicians: Technician[];
  technicianById: Map<string, Technician>;
  jobById: Map<string, Job>;
  assignmentByJobId: Map<string, Assignment>;
  /** Technician id → assignments they are on (leader or helper), by start then end. */
  lanes: Map<string, Assignment[]>;
}

const EMPTY_LANE: readonly Assignment[] = Object.freeze([]);

/** Everyone on an assignment's crew, leader first, each once. */
export function crewOf(assignment: Pick<Assignment, "leaderId" | "helperIds">): string[] {
  return [...new Set([assignment.leaderId, ...assignment.helperIds])];
}

/**
 * Groups a board once. Assignments of cancelled jobs block no one and are left
 * out of the lanes.
 *
 * @example
 * const index = prepareBoard(board);
 * laneOf(index, "t-1") // Ana's assignments for the day, in time order
 */
export function prepareBoard(board: Board): BoardIndex {
  const index: BoardIndex = {
    technicians: board.technicians,
    technicianById: new Map(board.technicians.map((t) => [t.id, t])),
    jobById: new Map(board.jobs.map((j) => [j.id, j])),
    assignmentByJobId: new Map(),
    lanes: new Map(),
  };
  for (const assignment of board.assignments) {
    if (index.jobById.get(assignment.jobId)?.status === "cancelled") continue;
    index.assignmentByJobId.set(assignment.jobId, assignment);
    for (const id of crewOf(assignment)) {
      const lane = index.lanes.get(id);
      if (lane) lane.push(assignment);
      else index.lanes.set(id, [assignment]);
    }
  }
  for (const lane of index.lanes.values()) lane.sort(byTime);
  return index;
}

/**
 * A technician's assignments in time order (empty when they have none).
 *
 * @example laneOf(index, "t-1").map((a) => a.jobId) // ["j-3", "j-1"]
 */
export function laneOf(index: BoardIndex, technicianId: string): readonly Assignment[] {
  return index.lanes.get(technicianId) ?? EMPTY_LANE;
}

/**
 * Records a decision in the index, replacing the job's previous assignment if it
 * had one. Pass the job when it is new to the board.
 *
 * @example addAssignment(index, { jobId: "j-9", leaderId: "t-1", helperIds: [], start, end, version: 1 }, job)
 */
export function addAssignment(index: BoardIndex, assignment: Assignment, job?: Job): void {
  if (job) index.jobById.set(job.id, job);
  removeAssignment(index, assignment.jobId);
  index.assignmentByJobId.set(assignment.jobId, assignment);
  for (const id of crewOf(assignment)) {
    let lane = index.lanes.get(id);
    if (!lane) index.lanes.set(id, (lane = []));
    lane.splice(insertionPoint(lane, assignment), 0, assignment);
  }
}

/**
 * Takes a job's assignment off the index (unassigning it).
 *
 * @example removeAssignment(index, "j-9")
 */
export function removeAssignment(index: BoardIndex, jobId: string): void {
  const existing = index.assignmentByJobId.get(jobId);
  if (!existing) return;
  index.assignmentByJobId.delete(jobId);
  for (const id of crewOf(existing)) {
    const lane = index.lanes.get(id);
    const at = lane?.indexOf(existing) ?? -1;
    if (lane && at >= 0) lane.splice(at, 1);
  }
}

function byTime(a: Assignment, b: Assignment): number {
  return a.start - b.start || a.end - b.end;
}

function insertionPoint(lane: Assignment[], assignment: Assignment): number {
  let low = 0;
  let high = lane.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (byTime(lane[mid], assignment) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
