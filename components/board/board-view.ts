/**
 * The engine's view of a loaded day, built once per change of the day and read
 * lazily: a lane's layout and a job's warnings are worked out the first time a
 * lane is on screen, so a 500-technician board does not check 5,000 visits for
 * every move.
 */
import type { BoardDay } from "@/lib/db/board";
import { toEngineBoard, travelFor } from "@/lib/board/engine-board";
import { prepareBoard, type BoardIndex } from "@/lib/engine/board-index";
import { checkPlacement, type CheckIssue } from "@/lib/engine/checks";
import type { TravelTimes } from "@/lib/engine/travel";
import { entriesByTechnician, layoutLane, type LaneLayout } from "@/components/board/lane-layout";

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

const NONE: CheckIssue[] = [];

/**
 * Builds the view of `day` (engine board, index and travel now; lanes and
 * warnings on demand, remembered).
 *
 * @example
 * const view = createBoardView(day);
 * view.warningsOf("j-2") // [{ code: "double_booked", message: "Bo Li is already on WO-1001 at 09:00–10:00" }]
 */
export function createBoardView(day: BoardDay): BoardView {
  const board = toEngineBoard(day);
  const index = prepareBoard(board);
  const travel = travelFor(day, board);
  const timeZone = day.company.timeZone;
  const technicians = new Map(day.technicians.map((t) => [t.id, t]));
  let entries: ReturnType<typeof entriesByTechnician> | null = null;
  const layouts = new Map<string, LaneLayout>();
  const warnings = new Map<string, CheckIssue[]>();

  return {
    index,
    travel,
    layoutOf(technicianId) {
      let layout = layouts.get(technicianId);
      if (!layout) {
        const technician = technicians.get(technicianId);
        if (!technician) return null;
        entries ??= entriesByTechnician(day);
        layout = layoutLane(technician, entries.get(technicianId) ?? [], travel);
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
}
