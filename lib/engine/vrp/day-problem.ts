import { crewOf } from "@/lib/engine/board-index";
import { intersect, subtract } from "@/lib/engine/ranges";
import { promisedWindow } from "@/lib/engine/replacement";
import { homeKey, jobKey, type TravelTimes } from "@/lib/engine/travel";
import type { Assignment, Board, EpochMinute, Interval, Job, Technician } from "@/lib/engine/types";
import type { VrpInstance, VrpSolution } from "@/lib/engine/vrp/instance";

export interface DayProblemInput {
  board: Board;
  /** The day being optimised. */
  day: Interval;
  /** Planning time: nothing new starts before it. */
  now: EpochMinute;
  travel: TravelTimes;
  /** Technicians whose day may change (default: every active technician). */
  technicianIds?: readonly string[];
  /** May published jobs move (their customers are then told)? */
  movePublished: boolean;
  /** Jobs every answer must place (an urgent job forced in). */
  forcedJobIds?: readonly string[];
  /** Only these jobs of the queue are considered (default: every one the day could take). */
  queueJobIds?: readonly string[];
  /**
   * Booked jobs that move keep to the window their customer was promised (see
   * `promisedWindow`), so a re-planned day tells no customer a new time.
   */
  keepPromisedWindows?: boolean;
}

/** A stop the optimiser may not move, and why. */
export interface FixedStop {
  jobId: string;
  reason: string;
}

/** A technician left out of the optimisation, and why. */
export interface SkippedTechnician {
  technicianId: string;
  reason: string;
}

/**
 * A dispatch day as a routing problem (see instance.ts), with the maps back to
 * the board. Clients are visits: a crew job on a helper's lane is a visit of
 * its own, pinned like the leader's. Times are minutes after `origin`.
 */
export interface DayProblem {
  instance: VrpInstance;
  origin: EpochMinute;
  technicians: Technician[];
  /**
   * Client index → the job visited. Clients from `clientJob.length` on are the
   * technicians' breaks (see `breaks`), stops the solver keeps in place.
   */
  clientJob: Job[];
  /** The breaks kept free, in client order after the visits: whose, and when (epoch minutes). */
  breaks: { technicianId: string; interval: Interval }[];
  /** Client index → true when it is a helper's copy of a crew job. */
  clientIsHelperVisit: boolean[];
  /** Client index → the visit as booked on the board (epoch minutes), or null for a queue job. */
  clientBooked: (Interval | null)[];
  /** The board as it stands, as a starting solution. */
  initial: VrpSolution;
  fixed: FixedStop[];
  skipped: SkippedTechnician[];
  /** The shift window used for each vehicle (epoch minutes). */
  shifts: Interval[];
}

/** Why a job on the board may not move, or null when it may. */
export function fixedReason(job: Job, assignment: Assignment, input: DayProblemInput): string | null {
  if (job.pinned) return `${job.workOrder} is pinned by the dispatcher`;
  if (job.status === "in_progress") return `${job.workOrder} is in progress`;
  if (job.status === "done") return `${job.workOrder} is done`;
  if (job.status === "published" && !input.movePublished) return `${job.workOrder} is published to its technician and customer`;
  if (assignment.helperIds.length > 0) return `${job.workOrder} has a crew, who keep working it together`;
  if (assignment.start < input.now) return `${job.workOrder} started before now`;
  return null;
}

/**
 * Build the routing problem of one day: every selected technician's shift
 * (cut around time off) from and back to their home, every job already on
 * their lanes, and every unscheduled job of the queue that the day could take.
 * Jobs that must not move are pinned at their time; the rest keep their
 * window, deadline and skills. Being left unplaced costs, for a job already
 * booked, more than any queue job; for a queue job, more than all jobs of
 * lower priority together, so a higher priority is never dropped to keep a
 * lower one. Travel is the company's travel estimate, in minutes: the
 * objective is jobs placed first, then least driving.
 *
 * @example
 * const problem = buildDayProblem({ board, day, now, travel, movePublished: false });
 * const result = solveVrp(problem.instance, { seed: 1, initial: problem.initial, clock, deadline });
 */
export function buildDayProblem(input: DayProblemInput): DayProblem {
  const { board, day } = input;
  const selected = new Set(input.technicianIds ?? board.technicians.map((t) => t.id));
  const technicians: Technician[] = [];
  const shifts: Interval[] = [];
  const skipped: SkippedTechnician[] = [];
  for (const technician of board.technicians) {
    if (!selected.has(technician.id)) continue;
    if (!technician.active) {
      skipped.push({ technicianId: technician.id, reason: `${technician.name} is not active` });
      continue;
    }
    const shift = technician.shifts.map((s) => intersect(s, day)).find((s) => s !== null) ?? null;
    if (shift === null) {
      skipped.push({ technicianId: technician.id, reason: `${technician.name} has no shift that day` });
      continue;
    }
    // Time off splits a shift: keep its longest free part.
    const free = subtract(shift, technician.timeOff);
    const longest = free.sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    if (!longest) {
      skipped.push({ technicianId: technician.id, reason: `${technician.name} is off for the whole shift` });
      continue;
    }
    technicians.push(technician);
    shifts.push(longest);
  }
  const vehicleOf = new Map(technicians.map((t, k) => [t.id, k]));
  const jobById = new Map(board.jobs.map((job) => [job.id, job]));
  const origin = day.start;

  interface Visit {
    job: Job;
    vehicle: number;
    pinnedAt: number | null;
    helper: boolean;
    booked: boolean;
    /** As booked on the board. */
    slot: Interval | null;
    /** Minutes on site: a booked visit keeps the length it is booked for. */
    length: number;
  }
  const visits: Visit[] = [];
  const fixed: FixedStop[] = [];
  const onDay = board.assignments.filter((a) => a.start < day.end && a.end > day.start);
  for (const assignment of onDay) {
    const job = jobById.get(assignment.jobId);
    if (!job || job.status === "cancelled") continue;
    const crew = crewOf(assignment).filter((id) => vehicleOf.has(id));
    if (crew.length === 0) continue;
    const leaderSelected = vehicleOf.has(assignment.leaderId);
    let reason = fixedReason(job, assignment, input);
    if (reason === null && !leaderSelected) reason = `${job.workOrder} is led by a technician outside this optimisation`;
    if (reason !== null) fixed.push({ jobId: job.id, reason });
    for (const id of crew) {
      visits.push({
        job,
        vehicle: vehicleOf.get(id) ?? 0,
        pinnedAt: reason !== null ? assignment.start : null,
        helper: id !== assignment.leaderId,
        booked: true,
        slot: { start: assignment.start, end: assignment.end },
        length: assignment.end - assignment.start,
      });
    }
  }
  const booked = new Set(board.assignments.map((a) => a.jobId));
  const fromQueue = input.queueJobIds ? new Set(input.queueJobIds) : null;
  const forced = new Set(input.forcedJobIds ?? []);
  for (const job of board.jobs) {
    if (job.status !== "unscheduled" || booked.has(job.id)) continue;
    if (fromQueue && !fromQueue.has(job.id) && !forced.has(job.id)) continue;
    if (job.window && (job.window.end < Math.max(day.start, input.now) || job.window.start >= day.end)) continue;
    if (job.deadline !== null && job.deadline < Math.max(day.start, input.now) + job.durationMin) continue;
    visits.push({ job, vehicle: -1, pinnedAt: null, helper: false, booked: false, slot: null, length: job.durationMin });
  }

  // Each technician's breaks (as placement keeps them free): a stop pinned at the
  // break, made wherever the technician is, so no work and no driving falls in it.
  // A break already covered by work that may not move stays as the board has it.
  const breaks: { vehicle: number; interval: Interval }[] = [];
  technicians.forEach((technician, k) => {
    for (const pause of technician.breaks ?? []) {
      const inside = intersect(pause, shifts[k]);
      if (inside === null || inside.end <= input.now) continue;
      const coveredByFixed = visits.some(
        (visit) => visit.vehicle === k && visit.pinnedAt !== null && visit.slot !== null && visit.slot.start < inside.end && visit.slot.end > inside.start,
      );
      if (!coveredByFixed) breaks.push({ vehicle: k, interval: inside });
    }
  });

  // Places: homes first, then each job's site.
  const keys: string[] = technicians.map((t) => homeKey(t.id));
  const placeOf = new Map<string, number>();
  keys.forEach((key, i) => placeOf.set(key, i));
  for (const visit of visits) {
    const key = jobKey(visit.job.id);
    if (!placeOf.has(key)) {
      placeOf.set(key, keys.length);
      keys.push(key);
    }
  }
  const m = keys.length;
  const minutes = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) minutes[i * m + j] = i === j ? 0 : input.travel.minutes(keys[i], keys[j]);
  }

  const c = visits.length + breaks.length;
  const v = technicians.length;
  const maxLeg = minutes.reduce((max, value) => Math.max(max, value), 0);
  // Worth of one placed job, by tier: each tier outweighs every lower one together.
  const unit = (maxLeg + 1) * (c + v + 1);
  const tier = (priority: number) => unit * (c + 1) ** (4 - priority);
  const keepBooked = tier(1) * (c + 1);
  const allowed = new Uint8Array(c * Math.max(v, 1));
  const instance: VrpInstance = {
    clientCount: c,
    vehicleCount: v,
    locationCount: m,
    distance: minutes,
    duration: minutes,
    clientLocation: new Int32Array(c),
    serviceTime: new Float64Array(c),
    readyTime: new Float64Array(c),
    dueTime: new Float64Array(c),
    demand: new Float64Array(c),
    prize: new Float64Array(c),
    vehicleStart: Int32Array.from(technicians, (_, k) => k),
    vehicleEnd: Int32Array.from(technicians, (_, k) => k),
    shiftStart: Float64Array.from(shifts, (s) => s.start - origin),
    shiftEnd: Float64Array.from(shifts, (s) => s.end - origin),
    capacity: new Float64Array(v).fill(Infinity),
    pinnedVehicle: new Int32Array(c).fill(-1),
    allowed,
    inPlace: breaks.length > 0 ? new Uint8Array(c) : null,
  };
  const earliest = Math.max(day.start, input.now) - origin;
  const startOf = new Map(onDay.map((a) => [a.jobId, a.start]));
  visits.forEach((visit, i) => {
    const job = visit.job;
    instance.clientLocation[i] = placeOf.get(jobKey(job.id)) ?? 0;
    instance.serviceTime[i] = visit.length;
    if (visit.pinnedAt !== null) {
      instance.readyTime[i] = visit.pinnedAt - origin;
      instance.dueTime[i] = visit.pinnedAt - origin;
      instance.pinnedVehicle[i] = visit.vehicle;
      instance.prize[i] = Infinity;
      allowed[i * v + visit.vehicle] = 1;
      // A pinned stop outside the shift stretches the shift rather than making the day unsolvable.
      instance.shiftStart[visit.vehicle] = Math.min(instance.shiftStart[visit.vehicle], visit.pinnedAt - origin);
      instance.shiftEnd[visit.vehicle] = Math.max(instance.shiftEnd[visit.vehicle], visit.pinnedAt - origin + visit.length);
      return;
    }
    let ready = earliest;
    let due = day.end - origin - visit.length;
    const promised = visit.booked && input.keepPromisedWindows ? promisedWindow(job, { start: startOf.get(job.id) ?? 0 }) : job.window;
    if (promised) {
      ready = Math.max(ready, promised.start - origin);
      due = Math.min(due, promised.end - origin);
    }
    if (job.deadline !== null) due = Math.min(due, job.deadline - origin - visit.length);
    instance.readyTime[i] = ready;
    instance.dueTime[i] = Math.max(ready, due);
    instance.prize[i] = forced.has(job.id) ? Infinity : visit.booked ? keepBooked + tier(job.priority) : tier(job.priority);
    for (let k = 0; k < v; k++) {
      const skilled = job.requiredSkills.every((skill) => technicians[k].skills.includes(skill));
      allowed[i * v + k] = skilled || k === visit.vehicle ? 1 : 0;
    }
    // A window that cannot be met (already closed) is no reason to lose a booked job: let it start late.
    if (due < ready && visit.booked) instance.dueTime[i] = Math.max(ready, day.end - origin - visit.length);
  });

  breaks.forEach((pause, b) => {
    const i = visits.length + b;
    const k = pause.vehicle;
    instance.clientLocation[i] = instance.vehicleStart[k];
    instance.serviceTime[i] = pause.interval.end - pause.interval.start;
    instance.readyTime[i] = pause.interval.start - origin;
    instance.dueTime[i] = pause.interval.start - origin;
    instance.pinnedVehicle[i] = k;
    instance.prize[i] = Infinity;
    allowed[i * v + k] = 1;
    instance.inPlace![i] = 1;
  });

  // The board may already hold pinned stops too close for the drive between them
  // (checks only warn). Take that lateness as given, so the fixed part of each day
  // is feasible and the rest is planned around it.
  for (let k = 0; k < v; k++) {
    const pinned = Array.from({ length: c }, (_, i) => i)
      .filter((i) => instance.pinnedVehicle[i] === k)
      .sort((a, b) => instance.readyTime[a] - instance.readyTime[b] || a - b);
    let place = instance.vehicleStart[k];
    let clock = instance.shiftStart[k];
    for (const i of pinned) {
      const to = instance.inPlace?.[i] === 1 ? place : instance.clientLocation[i];
      const arrive = clock + (to === place ? 0 : minutes[place * m + to]);
      if (arrive > instance.dueTime[i]) instance.dueTime[i] = arrive;
      clock = Math.max(arrive, instance.readyTime[i]) + instance.serviceTime[i];
      place = to;
    }
    if (pinned.length > 0) {
      instance.shiftEnd[k] = Math.max(instance.shiftEnd[k], clock + minutes[place * m + instance.vehicleEnd[k]]);
    }
  }

  const routes: number[][] = technicians.map(() => []);
  visits.forEach((visit, i) => {
    if (visit.vehicle >= 0) routes[visit.vehicle].push(i);
  });
  breaks.forEach((pause, b) => routes[pause.vehicle].push(visits.length + b));
  const bookedAt = (i: number) => (i < visits.length ? (startOf.get(visits[i].job.id) ?? 0) : breaks[i - visits.length].interval.start);
  for (const route of routes) route.sort((a, b) => bookedAt(a) - bookedAt(b) || a - b);
  const unassigned = visits.flatMap((visit, i) => (visit.vehicle < 0 ? [i] : []));

  return {
    instance,
    origin,
    technicians,
    clientJob: visits.map((visit) => visit.job),
    breaks: breaks.map((pause) => ({ technicianId: technicians[pause.vehicle].id, interval: pause.interval })),
    clientIsHelperVisit: visits.map((visit) => visit.helper),
    clientBooked: visits.map((visit) => visit.slot),
    initial: { routes, unassigned },
    fixed,
    skipped,
    shifts,
  };
}
