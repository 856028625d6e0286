import type { DayPlan } from "@/lib/engine/vrp/day-plan";
import type { EpochMinute } from "@/lib/engine/types";

/**
 * A block the optimiser's preview draws on a lane over the day as it stands:
 * where a visit goes ("after": moved there or placed from the queue), or where
 * a visit that moves away is now ("before").
 */
export interface OptimiseGhost {
  jobId: string;
  workOrder: string;
  start: EpochMinute;
  end: EpochMinute;
  kind: "after" | "before";
  /** In words, for the block's label and tooltip: "from Ben 09:00–10:00", "from the queue", "to Ana 13:00–14:00". */
  note: string;
}

/**
 * The preview's ghost blocks per technician lane: every visit the plan moves
 * or places, at its new place ("after"), and every visit it moves, at its old
 * place ("before"). Visits that keep their time and technician get none: the
 * board already shows them.
 *
 * @example
 * const ghosts = optimiseGhosts(proposal.plan, (m) => formatClock(m, tz));
 * ghosts.get(anaId) // [{ workOrder: "WO-1002", kind: "after", note: "from Ben 09:00–10:00", … }, …]
 */
export function optimiseGhosts(plan: DayPlan, clock: (minute: EpochMinute) => string): Map<string, OptimiseGhost[]> {
  const byLane = new Map<string, OptimiseGhost[]>();
  const add = (technicianId: string, ghost: OptimiseGhost) => {
    const list = byLane.get(technicianId);
    if (list) list.push(ghost);
    else byLane.set(technicianId, [ghost]);
  };
  const range = (w: { start: number; end: number }) => `${clock(w.start)}–${clock(w.end)}`;
  for (const change of plan.moved) {
    const { to, from } = change;
    add(to.technicianId, {
      jobId: change.jobId,
      workOrder: change.workOrder,
      start: to.start,
      end: to.end,
      kind: "after",
      note: from ? `from ${from.technicianId === to.technicianId ? "" : `${from.technicianName} `}${range(from)}` : "from the queue",
    });
    if (from) {
      add(from.technicianId, {
        jobId: change.jobId,
        workOrder: change.workOrder,
        start: from.start,
        end: from.end,
        kind: "before",
        note: `to ${from.technicianId === to.technicianId ? "" : `${to.technicianName} `}${range(to)}`,
      });
    }
  }
  for (const change of plan.placed) {
    add(change.to.technicianId, { jobId: change.jobId, workOrder: change.workOrder, start: change.to.start, end: change.to.end, kind: "after", note: "from the queue" });
  }
  for (const list of byLane.values()) list.sort((a, b) => a.start - b.start || a.workOrder.localeCompare(b.workOrder));
  return byLane;
}
