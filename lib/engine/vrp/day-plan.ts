import { formatClock } from "@/lib/time/format-time";
import type { EpochMinute } from "@/lib/engine/types";
import type { DayProblem, FixedStop, SkippedTechnician } from "@/lib/engine/vrp/day-problem";
import type { VrpSolution } from "@/lib/engine/vrp/instance";

export interface PlannedStop {
  jobId: string;
  workOrder: string;
  customerName: string;
  start: EpochMinute;
  end: EpochMinute;
  /** Driving to this stop, minutes. */
  travelBefore: number;
  /** A helper's place on a crew job (the leader's route holds the job). */
  helper: boolean;
}

export interface RoutePlan {
  technicianId: string;
  technicianName: string;
  stops: PlannedStop[];
  /** Driving minutes of the day as it stands, and as planned (home to home). */
  travelBefore: number;
  travelAfter: number;
  /** Back home, as planned. */
  homeAt: EpochMinute;
  /**
   * Whether the stops start on the company's snap grid. False when rounding a
   * start up would miss a window or the shift end: those times stay to the minute.
   */
  snapped: boolean;
}

export interface PlanChange {
  jobId: string;
  workOrder: string;
  /** Null when the job comes from the queue. */
  from: { technicianId: string; technicianName: string; start: EpochMinute; end: EpochMinute } | null;
  to: { technicianId: string; technicianName: string; start: EpochMinute; end: EpochMinute };
  why: string;
}

export interface PlanLeftOut {
  jobId: string;
  workOrder: string;
  /** True when the job was booked on the board and loses its place. */
  wasBooked: boolean;
  why: string;
}

/** An optimised day, ready to preview and apply. */
export interface DayPlan {
  routes: RoutePlan[];
  /** Booked jobs that change technician or time. */
  moved: PlanChange[];
  /** Queue jobs the plan places. */
  placed: PlanChange[];
  leftOut: PlanLeftOut[];
  fixed: FixedStop[];
  skipped: SkippedTechnician[];
  travelBefore: number;
  travelAfter: number;
  summary: string;
}

export interface DayPlanOptions {
  timeZone: string;
  /**
   * Start each stop that may move on a multiple of this many minutes after
   * midnight (the company's snap setting), where the route still keeps every
   * window and the shift with it. Default 1 (to the minute).
   */
  snapMinutes?: number;
}

interface Timed {
  client: number;
  start: number;
  end: number;
  travel: number;
}

interface Driven {
  stops: Timed[];
  travel: number;
  home: number;
  snapped: boolean;
}

/**
 * Drive a route: leave home at shift start, wait for windows, start each stop as
 * early as it may — on the snap grid when `snap` > 1 and the route keeps every
 * window and the shift that way (times are minutes after the day's midnight, so
 * the grid is the local clock's). Pinned stops keep their time.
 */
function drive(problem: DayProblem, vehicle: number, route: readonly number[], snap = 1): Driven {
  const instance = problem.instance;
  const m = instance.locationCount;
  let place = instance.vehicleStart[vehicle];
  let clock = instance.shiftStart[vehicle];
  let travel = 0;
  let late = false;
  const stops: Timed[] = [];
  for (const client of route) {
    if (instance.inPlace?.[client] === 1) {
      // a break: taken where the technician is, at its time; the drive to the next stop comes after it
      clock = Math.max(clock, instance.readyTime[client]) + instance.serviceTime[client];
      continue;
    }
    const to = instance.clientLocation[client];
    const leg = instance.duration[place * m + to];
    travel += leg;
    let start = Math.max(clock + leg, instance.readyTime[client]);
    if (snap > 1 && instance.pinnedVehicle[client] < 0) {
      start = Math.ceil(start / snap - 1e-9) * snap;
      if (start > instance.dueTime[client] + 1e-9) late = true;
    }
    const end = start + instance.serviceTime[client];
    stops.push({ client, start, end, travel: leg });
    clock = end;
    place = to;
  }
  if (stops.length === 0) return { stops, travel: 0, home: instance.shiftStart[vehicle], snapped: snap > 1 };
  const back = instance.duration[place * m + instance.vehicleEnd[vehicle]];
  travel += back;
  if (snap > 1 && (late || clock + back > instance.shiftEnd[vehicle] + 1e-9)) return drive(problem, vehicle, route, 1);
  return { stops, travel, home: clock + back, snapped: snap > 1 };
}

const minutes = (value: number) => `${Math.round(value)} min`;

/**
 * Turn a solution of a day problem into a plan a dispatcher can read: each
 * technician's ordered stops with times and driving before and after, the
 * booked jobs that move (old → new technician and time), queue jobs newly
 * placed, and what is left out, each with its reason in words.
 *
 * @example
 * const plan = describeDayPlan(problem, result.solution, { timeZone: "America/Chicago" });
 * plan.summary // "Driving 412 min → 356 min (−56 min); 3 jobs move, 2 placed from the queue"
 */
export function describeDayPlan(problem: DayProblem, solution: VrpSolution, options: DayPlanOptions): DayPlan {
  const { timeZone } = options;
  const origin = problem.origin;
  const clock = (value: number) => formatClock(Math.round(origin + value), timeZone);
  const before = problem.technicians.map((_, k) => drive(problem, k, problem.initial.routes[k] ?? []));
  const snap = Math.max(1, Math.round(options.snapMinutes ?? 1));
  const after = problem.technicians.map((_, k) => drive(problem, k, solution.routes[k] ?? [], snap));
  const wasAt = new Map<number, { vehicle: number; stop: Timed }>();
  before.forEach((route, k) => route.stops.forEach((stop) => wasAt.set(stop.client, { vehicle: k, stop })));

  const routes: RoutePlan[] = problem.technicians.map((technician, k) => ({
    technicianId: technician.id,
    technicianName: technician.name,
    stops: after[k].stops.map((stop) => {
      const job = problem.clientJob[stop.client];
      return {
        jobId: job.id,
        workOrder: job.workOrder,
        customerName: job.customerName,
        start: Math.round(origin + stop.start),
        end: Math.round(origin + stop.end),
        travelBefore: Math.round(stop.travel),
        helper: problem.clientIsHelperVisit[stop.client],
      };
    }),
    travelBefore: Math.round(before[k].travel),
    travelAfter: Math.round(after[k].travel),
    homeAt: Math.round(origin + after[k].home),
    snapped: after[k].snapped,
  }));

  const moved: PlanChange[] = [];
  const placed: PlanChange[] = [];
  after.forEach((route, k) => {
    const technician = problem.technicians[k];
    route.stops.forEach((stop, position) => {
      if (problem.clientIsHelperVisit[stop.client] || problem.instance.pinnedVehicle[stop.client] >= 0) return;
      const job = problem.clientJob[stop.client];
      const to = {
        technicianId: technician.id,
        technicianName: technician.name,
        start: Math.round(origin + stop.start),
        end: Math.round(origin + stop.end),
      };
      const previous = position > 0 ? problem.clientJob[route.stops[position - 1].client].workOrder : "home";
      const old = wasAt.get(stop.client);
      if (!old) {
        placed.push({
          jobId: job.id,
          workOrder: job.workOrder,
          from: null,
          to,
          why: `Priority ${job.priority} job from the queue: ${technician.name} fits it in after ${previous} at ${clock(stop.start)}, driving ${minutes(stop.travel)} to it`,
        });
        return;
      }
      const sameTechnician = old.vehicle === k;
      // compared with the visit as booked (the replay of the day before may start it earlier)
      const booked = problem.clientBooked[stop.client] ?? { start: origin + old.stop.start, end: origin + old.stop.end };
      if (sameTechnician && Math.round(booked.start) === to.start && Math.round(booked.end) === to.end) return;
      const oldTechnician = problem.technicians[old.vehicle];
      const why = sameTechnician
        ? `${technician.name}'s day is re-ordered: driving ${minutes(before[k].travel)} → ${minutes(route.travel)}`
        : `${technician.name} is better placed for it (after ${previous}); ${oldTechnician.name}'s driving ${minutes(before[old.vehicle].travel)} → ${minutes(after[old.vehicle].travel)}, ${technician.name}'s ${minutes(before[k].travel)} → ${minutes(route.travel)}`;
      moved.push({
        jobId: job.id,
        workOrder: job.workOrder,
        from: {
          technicianId: oldTechnician.id,
          technicianName: oldTechnician.name,
          start: Math.round(booked.start),
          end: Math.round(booked.end),
        },
        to,
        why,
      });
    });
  });

  const leftOut: PlanLeftOut[] = solution.unassigned
    .filter((client) => client < problem.clientJob.length && !problem.clientIsHelperVisit[client])
    .map((client) => {
      const job = problem.clientJob[client];
      return { jobId: job.id, workOrder: job.workOrder, wasBooked: wasAt.has(client), why: leftOutReason(problem, client, clock) };
    });

  const travelBefore = before.reduce((sum, route) => sum + route.travel, 0);
  const travelAfter = after.reduce((sum, route) => sum + route.travel, 0);
  const saved = travelAfter - travelBefore;
  const summary =
    `Driving ${minutes(travelBefore)} → ${minutes(travelAfter)} (${saved <= 0 ? "−" : "+"}${minutes(Math.abs(saved))}); ` +
    `${moved.length} ${moved.length === 1 ? "job moves" : "jobs move"}, ${placed.length} placed from the queue` +
    (leftOut.length > 0 ? `, ${leftOut.length} left out` : "");
  return {
    routes,
    moved,
    placed,
    leftOut,
    fixed: problem.fixed,
    skipped: problem.skipped,
    travelBefore: Math.round(travelBefore),
    travelAfter: Math.round(travelAfter),
    summary,
  };
}

function leftOutReason(problem: DayProblem, client: number, clock: (value: number) => string): string {
  const instance = problem.instance;
  const job = problem.clientJob[client];
  const v = instance.vehicleCount;
  const m = instance.locationCount;
  const skilled: number[] = [];
  for (let k = 0; k < v; k++) if (instance.allowed === null || instance.allowed[client * v + k] === 1) skilled.push(k);
  if (skilled.length === 0) {
    return `Nobody in this optimisation holds ${job.requiredSkills.join(", ")}`;
  }
  const place = instance.clientLocation[client];
  const reachable = skilled.filter((k) => {
    const arrive = instance.shiftStart[k] + instance.duration[instance.vehicleStart[k] * m + place];
    const start = Math.max(arrive, instance.readyTime[client]);
    const home = start + instance.serviceTime[client] + instance.duration[place * m + instance.vehicleEnd[k]];
    return start <= instance.dueTime[client] && home <= instance.shiftEnd[k];
  });
  const window = `${clock(instance.readyTime[client])}–${clock(instance.dueTime[client])}`;
  if (reachable.length === 0) {
    return `No technician who can do it can start it between ${window} and be home by the end of their shift`;
  }
  return `The days of ${reachable.map((k) => problem.technicians[k].name).join(", ")} are full between ${window} with work that ranks as high or higher (priority ${job.priority})`;
}
