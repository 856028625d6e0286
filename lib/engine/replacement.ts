/**
 * Placing a bumped job again: later today on any qualified technician, else on
 * the first later working day given that has room, else nowhere.
 *
 * Today the job keeps its own arrival window and deadline when some technician
 * can still honour them; otherwise it takes the best slot today anyway and the
 * miss is reported. It never starts before the window the customer was promised
 * (they may not be home) nor before now. Among the technicians who can take it,
 * the cheapest slot wins: hours the customer's window moves later plus added
 * travel, weighted as in the harm model. On a later day the job's own window and
 * deadline (today's) no longer apply and the cheapest insertion by travel wins,
 * the earlier start on ties.
 *
 * A qualified technician holds every required skill alone: the job's original
 * helpers are not carried over.
 *
 * Most technicians' days are the same for every bump option; only a few lanes
 * change (the urgent job's technician, the bumped jobs' crews, whoever took an
 * earlier bumped job). So each job's best slots on the unchanged board are found
 * once and remembered, and only the changed lanes are searched per option.
 *
 * Searching every technician's day exactly for every bumped job is what makes a
 * large board slow, so each technician first gets a cheap lower bound on their
 * cost (insertion-bound.ts); days that cannot fit the job even then are skipped,
 * and the rest are searched exactly in order of their bound, stopping when the
 * best slot found beats every remaining bound.
 */
import { arrivalWindow } from "@/lib/engine/customer-notice";
import { findInsertions } from "@/lib/engine/insertion";
import type { InsertionPosition } from "@/lib/engine/insertion";
import { laneOf } from "@/lib/engine/board-index";
import type { BoardIndex } from "@/lib/engine/board-index";
import { resolveHarmWeights } from "@/lib/engine/bump-harm";
import type { BumpHarmWeights, BumpHarmWeightsInput } from "@/lib/engine/bump-harm";
import { createInsertionBounds } from "@/lib/engine/insertion-bound";
import type { InsertionBounds } from "@/lib/engine/insertion-bound";
import type { TravelTimes } from "@/lib/engine/travel";
import type { Assignment, EpochMinute, Interval, Job, Technician } from "@/lib/engine/types";

/** One day's board a bumped job can be placed on. */
export interface ReplacementDay {
  index: BoardIndex;
  travel: TravelTimes;
  /** Only shifts overlapping this interval are used. Default: every shift on the board. */
  day?: Interval;
}

export interface ReplacementOptions {
  /** Starts snap to multiples of this many minutes. Default 15. */
  slotMinutes?: number;
  /** Weights for choosing between slots (delay and travel). */
  weights?: BumpHarmWeightsInput;
}

/** Where a bumped job goes. */
export interface Replacement {
  /** 0 for today, 1 for the first later day given, … */
  dayIndex: number;
  technicianId: string;
  technicianName: string;
  start: EpochMinute;
  end: EpochMinute;
  /** Extra driving minutes for that technician. */
  addedTravel: number;
  /** The window the customer had been promised. */
  oldWindow: Interval;
  /** The window the customer is promised now. */
  newWindow: Interval;
  /** The job's own window, when today's new slot misses it. */
  missedWindow: Interval | null;
  /** The job's own deadline, when today's new slot finishes after it. */
  missedDeadline: EpochMinute | null;
}

/** Lanes that differ from a day's board for one option: technician id → their lane, in time order. */
export type LaneChanges = ReadonlyMap<string, readonly Assignment[]>;

export interface ReplacementFinder {
  /**
   * The best new slot for `job`, bumped from `old`, or null when no day has room.
   * `changes[d]` holds the lanes that differ on day `d` (0 = today).
   */
  place(job: Job, old: Assignment, changes: readonly (LaneChanges | undefined)[]): Replacement | null;
}

interface Placed {
  technician: Technician;
  position: InsertionPosition;
  newWindow: Interval;
  cost: number;
}

interface Bounded {
  technician: Technician;
  /** No slot in this technician's day can cost less. */
  bound: number;
}

/** Technicians with a rough bound (unordered), for slots within the job's own window and deadline, and for any slot. */
interface RoughOrders {
  withinOwn: Bounded[];
  any: Bounded[];
}

/**
 * One job's search of one day, resumed where the previous option stopped: each
 * technician moves from a rough bound to a finer one to an exact search, always
 * the one with the least bound first.
 */
interface Search {
  /** A min-heap by rough bound: only the few technicians searched are ever taken off it. */
  rough: Bounded[];
  /** By finer bound, not yet searched exactly. */
  refined: Bounded[];
  /** Feasible slots found, the best per technician, best first. */
  found: Placed[];
}

/**
 * The window a customer was promised for a booked visit: the job's own arrival
 * window, or the standard window around its booked start.
 *
 * @example promisedWindow({ ...job, window: null }, { ...assignment, start: at("10:10") }) // 10:00–12:00
 */
export function promisedWindow(job: Job, assignment: Pick<Assignment, "start">): Interval {
  return job.window ?? arrivalWindow(assignment.start);
}

/**
 * A finder that remembers each job's best slots across the options of one ranking.
 *
 * @example
 * const finder = createReplacementFinder({ index, travel }, [{ index: tomorrow, travel }], now);
 * finder.place(job, assignment, [new Map([["sam", samLaneWithUrgentJob]])])
 * // { dayIndex: 0, technicianId: "ana", start, end, newWindow, addedTravel: 14, ... }
 */
export function createReplacementFinder(
  today: ReplacementDay,
  later: readonly ReplacementDay[],
  now: EpochMinute,
  options: ReplacementOptions = {},
): ReplacementFinder {
  const days = [today, ...later];
  const weights: BumpHarmWeights = resolveHarmWeights(options.weights);
  const slotMinutes = options.slotMinutes ?? 15;
  const qualifiedMemo = new Map<string, Technician[]>();
  const roughMemo = new Map<string, RoughOrders>();
  const searches = new Map<string, Search>();
  const bounds: (InsertionBounds | undefined)[] = [];
  const boundsOn = (d: number) =>
    (bounds[d] ??= createInsertionBounds(days[d].index, days[d].travel, { slotMinutes, day: days[d].day, notBefore: now }));

  const qualifiedOn = (d: number, skills: readonly string[]) => {
    const key = `${d}|${[...skills].sort().join(",")}`;
    let list = qualifiedMemo.get(key);
    if (!list) {
      list = days[d].index.technicians.filter((t) => qualifies(t, skills));
      qualifiedMemo.set(key, list);
    }
    return list;
  };

  /** Harm of the promised window moving later today (never decreases as the start does). */
  const delayCost = (d: number, start: EpochMinute, oldWindow: Interval) => {
    if (d > 0 || keepsWindow(start, oldWindow)) return 0;
    return (weights.delayPerHour * Math.max(0, arrivalWindow(start).start - oldWindow.start)) / 60;
  };

  const slotCost = (d: number, oldWindow: Interval) => (start: EpochMinute, added: number) =>
    delayCost(d, start, oldWindow) + weights.travelPerMin * added;

  /** The cheapest slot in one lane, or null. */
  const evaluate = (
    d: number,
    technician: Technician,
    lane: readonly Assignment[],
    job: Job,
    earliest: EpochMinute,
    oldWindow: Interval,
  ): Placed | null => {
    const { positions } = findInsertions(technician, lane, job, days[d].travel, {
      earliestStart: earliest,
      slotMinutes,
      day: days[d].day,
    });
    let best: Placed | null = null;
    for (const position of positions) {
      const newWindow = d === 0 && keepsWindow(position.start, oldWindow) ? oldWindow : arrivalWindow(position.start);
      const cost = delayCost(d, position.start, oldWindow) + weights.travelPerMin * position.addedTravel;
      const placed = { technician, position, newWindow, cost };
      if (!best || comparePlaced(placed, best) < 0) best = placed;
    }
    return best;
  };

  /** The job's latest start under its own window and deadline. */
  const latestOf = (job: Job) =>
    Math.min(job.window ? job.window.end : Infinity, job.deadline !== null ? job.deadline - job.durationMin : Infinity);

  /** Every qualified technician who might fit the job, by rough bound, for both passes at once. */
  const roughOrdersFor = (d: number, job: Job, earliest: EpochMinute, oldWindow: Interval): RoughOrders => {
    const key = `${d}|${job.id}|${earliest}`;
    let orders = roughMemo.get(key);
    if (!orders) {
      const latest = latestOf(job);
      const cost = slotCost(d, oldWindow);
      const any: Bounded[] = [];
      const withinOwn: Bounded[] = latest === Infinity ? any : [];
      for (const technician of qualifiedOn(d, job.requiredSkills)) {
        const b = boundsOn(d).roughBound(technician, job, earliest, latest, cost);
        if (b.any !== null) any.push({ technician, bound: b.any });
        if (withinOwn !== any && b.withinLatest !== null) withinOwn.push({ technician, bound: b.withinLatest });
      }
      orders = { withinOwn, any };
      roughMemo.set(key, orders);
    }
    return orders;
  };

  /**
   * The best slot on technicians this option leaves unchanged. The own pass must be
   * asked first (it sees the job's own window and deadline; the loose variant has neither).
   */
  const bestUnchanged = (
    d: number,
    job: Job,
    pass: string,
    earliest: EpochMinute,
    oldWindow: Interval,
    changes: LaneChanges | undefined,
  ): Placed | null => {
    const key = `${d}|${job.id}|${earliest}|${pass}`;
    let search = searches.get(key);
    if (!search) {
      const orders = roughOrdersFor(d, job, earliest, oldWindow);
      search = { rough: heapify((pass === "own" ? orders.withinOwn : orders.any).slice()), refined: [], found: [] };
      searches.set(key, search);
    }
    const latest = pass === "own" ? latestOf(job) : Infinity;
    const cost = slotCost(d, oldWindow);
    for (;;) {
      const best = search.found.find((p) => !changes?.has(p.technician.id)) ?? null;
      const rough = search.rough.length ? search.rough[0] : null;
      const refined = search.refined.length ? search.refined[0] : null;
      const lowest = Math.min(rough?.bound ?? Infinity, refined?.bound ?? Infinity);
      if (lowest === Infinity || (best && best.cost < lowest)) return best;
      if (rough && rough.bound <= lowest) {
        popMin(search.rough);
        const b = boundsOn(d).bound(rough.technician, job, earliest, latest, cost);
        const bound = pass === "own" ? b.withinLatest : b.any;
        if (bound !== null) insertSorted(search.refined, { technician: rough.technician, bound }, (x, y) => x.bound - y.bound);
      } else if (refined) {
        search.refined.shift();
        const { technician } = refined;
        const placed = evaluate(d, technician, laneOf(days[d].index, technician.id), job, earliest, oldWindow);
        if (placed) insertSorted(search.found, placed, comparePlaced);
      }
    }
  };

  const bestOnDay = (
    d: number,
    job: Job,
    pass: string,
    earliest: EpochMinute,
    oldWindow: Interval,
    changes: LaneChanges | undefined,
  ): Placed | null => {
    let best: Placed | null = null;
    const consider = (p: Placed | null) => {
      if (p && (!best || comparePlaced(p, best) < 0)) best = p;
    };
    if (changes) {
      for (const [id, lane] of changes) {
        const technician = days[d].index.technicianById.get(id);
        if (technician && qualifies(technician, job.requiredSkills)) {
          consider(evaluate(d, technician, lane, job, earliest, oldWindow));
        }
      }
    }
    consider(bestUnchanged(d, job, pass, earliest, oldWindow, changes));
    return best;
  };

  return {
    place(job, old, changes) {
      const oldWindow = promisedWindow(job, old);
      const earliest = Math.max(now, oldWindow.start);
      const loose: Job = { ...job, window: null, deadline: null };
      const passes: [string, Job][] = [["own", job]];
      if (job.window || job.deadline !== null) passes.push(["loose", loose]);
      for (const [pass, variant] of passes) {
        const best = bestOnDay(0, variant, pass, earliest, oldWindow, changes[0]);
        if (!best) continue;
        const { start, end } = best.position;
        return toReplacement(0, best, oldWindow, {
          missedWindow: pass === "loose" && job.window && !keepsWindow(start, job.window) ? job.window : null,
          missedDeadline: pass === "loose" && job.deadline !== null && end > job.deadline ? job.deadline : null,
        });
      }
      for (let d = 1; d < days.length; d++) {
        const best = bestOnDay(d, loose, "later", now, oldWindow, changes[d]);
        if (best) return toReplacement(d, best, oldWindow, { missedWindow: null, missedDeadline: null });
      }
      return null;
    },
  };
}

/** Orders `items` as a binary min-heap by bound, in place, in linear time. */
function heapify(items: Bounded[]): Bounded[] {
  for (let i = (items.length >> 1) - 1; i >= 0; i--) siftDown(items, i);
  return items;
}

/** Removes the least-bound item of a heap. */
function popMin(heap: Bounded[]): void {
  const last = heap.pop() as Bounded;
  if (heap.length) {
    heap[0] = last;
    siftDown(heap, 0);
  }
}

function siftDown(heap: Bounded[], at: number): void {
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let least = at;
    if (left < heap.length && heap[left].bound < heap[least].bound) least = left;
    if (right < heap.length && heap[right].bound < heap[least].bound) least = right;
    if (least === at) return;
    [heap[at], heap[least]] = [heap[least], heap[at]];
    at = least;
  }
}

/** Inserts into a sorted array, after equals. */
function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compare(list[mid], item) <= 0) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, item);
}

function toReplacement(
  dayIndex: number,
  placed: Placed,
  oldWindow: Interval,
  missed: Pick<Replacement, "missedWindow" | "missedDeadline">,
): Replacement {
  return {
    dayIndex,
    technicianId: placed.technician.id,
    technicianName: placed.technician.name,
    start: placed.position.start,
    end: placed.position.end,
    addedTravel: placed.position.addedTravel,
    oldWindow,
    newWindow: placed.newWindow,
    ...missed,
  };
}

/** Arriving anywhere inside the promised window keeps the promise (its end included, as in checks.ts). */
function keepsWindow(start: EpochMinute, window: Interval): boolean {
  return start >= window.start && start <= window.end;
}

function qualifies(t: Technician, skills: readonly string[]): boolean {
  return t.active && skills.every((s) => t.skills.includes(s));
}

function comparePlaced(a: Placed, b: Placed): number {
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.position.start !== b.position.start) return a.position.start - b.position.start;
  const an = a.technician.name;
  const bn = b.technician.name;
  if (an !== bn) return an < bn ? -1 : 1;
  return a.technician.id < b.technician.id ? -1 : a.technician.id > b.technician.id ? 1 : 0;
}
