/**
 * An optimised day as the board previews and applies it: the engine's plan in
 * words, the placements to write (each with the versions it was planned
 * against), every visit the plan was made around (to refuse it if the board
 * changed since), and the routes before and after for the map.
 */
import type { BoardDay } from "@/lib/db/board";
import { addressOf, routesOnBoard, type RouteOnMap } from "@/lib/board/route-plan";
import { crewOf } from "@/lib/engine/board-index";
import type { DayPlan } from "@/lib/engine/vrp/day-plan";
import type { DayProblem } from "@/lib/engine/vrp/day-problem";
import type { TravelTimes } from "@/lib/engine/travel";
import { toIso } from "@/lib/time/epoch-minute";

/** One placement of the plan, ready for the board's checked write path. */
export interface ProposedPlacement {
  jobId: string;
  workOrder: string;
  jobVersion: number;
  /** The assignment's version when planned; null for a job from the queue. */
  assignmentVersion: number | null;
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
}

/** A visit on the optimised technicians' lanes as it stood when the plan was made. */
export interface SeenVisit {
  jobId: string;
  jobVersion: number;
  assignmentVersion: number;
}

export type { RouteOnMap };

export interface DayProposal {
  date: string;
  technicianIds: string[];
  movePublished: boolean;
  plan: DayPlan;
  placements: ProposedPlacement[];
  seen: SeenVisit[];
  before: RouteOnMap[];
  after: RouteOnMap[];
  iterations: number;
  elapsedMs: number;
  /** Where the drive times come from (road network or the company's estimate, and why). */
  travelNote?: string;
}

/**
 * Turns the engine's plan of `day` into a proposal to preview and apply.
 *
 * @example
 * const proposal = proposeDay(day, problem, plan, travel, { movePublished: false, iterations, elapsedMs });
 * proposal.placements // [{ jobId, leaderId, start, end, jobVersion, assignmentVersion }, …]
 */
export function proposeDay(
  day: BoardDay,
  problem: DayProblem,
  plan: DayPlan,
  travel: TravelTimes,
  options: { movePublished: boolean; iterations: number; elapsedMs: number; travelNote?: string },
): DayProposal {
  const technicianIds = problem.technicians.map((t) => t.id);
  const optimised = new Set(technicianIds);
  const assignmentOf = new Map(day.assignments.map((a) => [a.jobId, a]));
  const placements: ProposedPlacement[] = [...plan.moved, ...plan.placed].map((change) => {
    const job = day.jobs[change.jobId];
    const assignment = assignmentOf.get(change.jobId);
    return {
      jobId: change.jobId,
      workOrder: change.workOrder,
      jobVersion: job.version,
      assignmentVersion: assignment?.version ?? null,
      leaderId: change.to.technicianId,
      // the optimiser moves only jobs without helpers
      helperIds: [],
      start: toIso(change.to.start),
      end: toIso(change.to.end),
    };
  });
  const seen: SeenVisit[] = day.assignments
    .filter((a) => crewOf(a).some((id) => optimised.has(id)))
    .map((a) => ({ jobId: a.jobId, jobVersion: day.jobs[a.jobId]?.version ?? 0, assignmentVersion: a.version }));

  const before = routesOnBoard(day, technicianIds, travel);
  const after: RouteOnMap[] = plan.routes.map((route) => {
    const technician = day.technicians.find((t) => t.id === route.technicianId)!;
    return {
      technicianId: route.technicianId,
      technicianName: route.technicianName,
      home: technician.home,
      travel: route.travelAfter,
      homeAt: route.stops.length > 0 ? toIso(route.homeAt) : null,
      stops: route.stops.map((stop) => {
        const job = day.jobs[stop.jobId];
        return {
          jobId: stop.jobId,
          workOrder: stop.workOrder,
          customerName: stop.customerName,
          address: addressOf(job),
          lat: job.location.lat,
          lng: job.location.lng,
          start: toIso(stop.start),
          end: toIso(stop.end),
          travelBefore: stop.travelBefore,
        };
      }),
    };
  });
  return { date: day.date, technicianIds, movePublished: options.movePublished, plan, placements, seen, before, after, iterations: options.iterations, elapsedMs: options.elapsedMs, travelNote: options.travelNote };
}
