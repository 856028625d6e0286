/**
 * What each technician's lane shows: their visits (as leader or helper) in time
 * order, stacked into tracks where they overlap, the travel leading to each, and
 * how much of their shift is booked.
 */
import type { BoardAssignment, BoardDay, BoardJob, BoardTechnician } from "@/lib/db/board";
import { homeKey, jobKey, type TravelTimes } from "@/lib/engine/travel";
import type { EpochMinute } from "@/lib/engine/types";
import { toMinute } from "@/lib/time/epoch-minute";


export interface LaneTravel {
  minutes: number;
  /** Where the technician comes from: the previous visit on the lane, or home base. */
  from: "home" | "job";
  fromWorkOrder: string | null;
}

export interface LaneItem {
  assignment: BoardAssignment;
  job: BoardJob;
  start: EpochMinute;
  end: EpochMinute;
  role: "leader" | "helper";
  /** 0-based row inside the lane; overlapping visits get different tracks. */
  track: number;
  travel: LaneTravel | null;
}

export interface LaneLayout {
  technician: BoardTechnician;
  items: LaneItem[];
  /** Number of tracks the lane needs (1 unless visits overlap). */
  tracks: number;
  bookedMinutes: number;
  shiftMinutes: number;
}

/** A visit on a technician's lane before layout: the assignment, its job and the technician's part in it. */
export interface LaneEntry {
  assignment: BoardAssignment;
  job: BoardJob;
  role: "leader" | "helper";
}

/**
 * Groups the day's visits by crew member (leader and helpers), leaving out
 * cancelled jobs. One pass over the assignments.
 *
 * @example entriesByTechnician(day).get("t-1") // [{ assignment, job, role: "leader" }, …]
 */
export function entriesByTechnician(day: Pick<BoardDay, "assignments" | "jobs">): Map<string, LaneEntry[]> {
  const byTech = new Map<string, LaneEntry[]>();
  for (const a of day.assignments) {
    const job = day.jobs[a.jobId];
    if (!job || job.status === "cancelled") continue;
    const crew = [a.leaderId, ...a.helperIds.filter((h) => h !== a.leaderId)];
    crew.forEach((id, i) => {
      const list = byTech.get(id);
      const entry: LaneEntry = { assignment: a, job, role: i === 0 ? "leader" : "helper" };
      if (list) list.push(entry);
      else byTech.set(id, [entry]);
    });
  }
  return byTech;
}

/**
 * Lays out one technician's lane. Travel is from the previous visit that ended
 * before this one (when it ended after the shift started), otherwise from home
 * base — the same rule the engine's checks use.
 *
 * @example layoutLane(technician, entriesByTechnician(day).get(technician.id) ?? [], travel)
 */
export function layoutLane(technician: BoardTechnician, laneEntries: LaneEntry[], travel: TravelTimes): LaneLayout {
  const entries = laneEntries
    .map((e) => ({ ...e, start: toMinute(e.assignment.start), end: toMinute(e.assignment.end) }))
    .sort((x, y) => x.start - y.start || x.end - y.end);
  const shift = technician.shift ? { start: toMinute(technician.shift.start), end: toMinute(technician.shift.end) } : null;
  const trackEnds: number[] = [];
  const items: LaneItem[] = [];
  let booked = 0;
  // entries are in start order, so the visit that ended last before this one started is found by a running maximum
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    let track = trackEnds.findIndex((end) => end <= e.start);
    if (track === -1) track = trackEnds.push(e.end) - 1;
    else trackEnds[track] = e.end;
    let prev: (typeof entries)[number] | undefined;
    for (let k = 0; k < i; k++) {
      const o = entries[k];
      if (o.end <= e.start && (!prev || o.end > prev.end)) prev = o;
    }
    items.push({ assignment: e.assignment, job: e.job, role: e.role, start: e.start, end: e.end, track, travel: travelTo(e.job, prev, shift, technician, travel) });
    booked += e.end - e.start;
  }
  return {
    technician,
    items,
    tracks: Math.max(1, trackEnds.length),
    bookedMinutes: booked,
    shiftMinutes: shift ? shift.end - shift.start : 0,
  };
}

/**
 * Lays out every technician's lane, in the board's technician order.
 *
 * @example
 * laneLayouts(day, travelFor(day))[0].items[0].travel // { minutes: 18, from: "home", fromWorkOrder: null }
 */
export function laneLayouts(day: Pick<BoardDay, "technicians" | "assignments" | "jobs">, travel: TravelTimes): LaneLayout[] {
  const byTech = entriesByTechnician(day);
  return day.technicians.map((t) => layoutLane(t, byTech.get(t.id) ?? [], travel));
}

function travelTo(
  job: BoardJob,
  prev: { job: BoardJob; end: EpochMinute } | undefined,
  shift: { start: EpochMinute } | null,
  technician: BoardTechnician,
  travel: TravelTimes,
): LaneTravel | null {
  try {
    if (prev && (!shift || prev.end > shift.start)) {
      return { minutes: travel.minutes(jobKey(prev.job.id), jobKey(job.id)), from: "job", fromWorkOrder: prev.job.workOrder };
    }
    return { minutes: travel.minutes(homeKey(technician.id), jobKey(job.id)), from: "home", fromWorkOrder: null };
  } catch {
    // a place the travel estimate does not know: show no travel rather than break the board
    return null;
  }
}

/**
 * Hours as a dispatcher reads them on a lane: "6.5".
 *
 * @example formatHours(390) // "6.5"
 */
export function formatHours(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10;
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
}
