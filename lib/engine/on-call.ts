/**
 * On-call rotations: whose turn it is at an instant, the turns in a period and the
 * on-call hours each technician carried (for the fairness table).
 *
 * A rotation hands over at `handoverTime` local time in its own time zone, every
 * day (daily) or every seven days (weekly), starting on `startsOn` with the first
 * member. Turn k runs from handover on startsOn + k×length to the next handover,
 * so a turn over a daylight-saving change is an hour shorter or longer in real
 * time. An approved swap gives one turn (named by its start) to another member.
 */
import { wallClock, zonedToUtc } from "@/lib/time/zoned-time";
import { addDays } from "@/lib/time/calendar-date";
import type { EpochMinute } from "@/lib/engine/types";

export interface Rotation {
  id: string;
  name: string;
  cadence: "daily" | "weekly";
  /** "HH:MM" local time of the handover. */
  handoverTime: string;
  timeZone: string;
  /** YYYY-MM-DD: the first turn's date. */
  startsOn: string;
  /** Technician ids in turn order. */
  memberIds: string[];
}

/** An approved swap: the turn starting at `turnStart` goes to `toTechnicianId`. */
export interface ApprovedSwap {
  rotationId: string;
  turnStart: EpochMinute;
  fromTechnicianId: string;
  toTechnicianId: string;
}

export interface OnCallTurn {
  rotationId: string;
  /** 0 for the first turn of the rotation. */
  index: number;
  start: EpochMinute;
  end: EpochMinute;
  technicianId: string;
  /** Who the turn was scheduled for, when a swap gave it to someone else. */
  swappedFrom: string | null;
}

const toMinute = (d: Date): EpochMinute => Math.floor(d.getTime() / 60000);
const dayCount = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function turnLength(r: Rotation): number {
  return r.cadence === "weekly" ? 7 : 1;
}

function turnStart(r: Rotation, index: number): EpochMinute {
  return toMinute(zonedToUtc(addDays(r.startsOn, index * turnLength(r)), r.handoverTime, r.timeZone));
}

function turn(r: Rotation, index: number, swaps: readonly ApprovedSwap[]): OnCallTurn {
  const start = turnStart(r, index);
  const scheduled = r.memberIds[index % r.memberIds.length];
  const swap = swaps.find((s) => s.rotationId === r.id && s.turnStart === start);
  return {
    rotationId: r.id,
    index,
    start,
    end: turnStart(r, index + 1),
    technicianId: swap ? swap.toTechnicianId : scheduled,
    swappedFrom: swap ? scheduled : null,
  };
}

/** Index of the turn running at `at` (may be negative before the rotation starts). */
function indexAt(r: Rotation, at: EpochMinute): number {
  const local = wallClock(new Date(at * 60000), r.timeZone).date;
  let index = Math.floor(dayCount(r.startsOn, local) / turnLength(r));
  while (turnStart(r, index) > at) index--;
  while (turnStart(r, index + 1) <= at) index++;
  return index;
}

/**
 * The turn running at `at`, or null before the rotation starts or without members.
 *
 * @example
 * onCallAt(rotation, [], toMinute(new Date("2026-11-23T14:00:00Z")))
 * // { technicianId: "t-2", start: …, end: …, index: 1, swappedFrom: null }
 */
export function onCallAt(r: Rotation, swaps: readonly ApprovedSwap[], at: EpochMinute): OnCallTurn | null {
  if (r.memberIds.length === 0) return null;
  const index = indexAt(r, at);
  return index < 0 ? null : turn(r, index, swaps);
}

/**
 * Every turn overlapping `[from, to)`, in order.
 *
 * @example turnsBetween(rotation, swaps, now, now + 14 * 1440).filter((t) => t.technicianId === me)
 */
export function turnsBetween(r: Rotation, swaps: readonly ApprovedSwap[], from: EpochMinute, to: EpochMinute): OnCallTurn[] {
  if (r.memberIds.length === 0 || to <= from) return [];
  const turns: OnCallTurn[] = [];
  for (let index = Math.max(0, indexAt(r, from)); turnStart(r, index) < to; index++) {
    const t = turn(r, index, swaps);
    if (t.end > from) turns.push(t);
  }
  return turns;
}

/**
 * On-call hours per technician in `[from, to)`, turns clipped to the period.
 *
 * @example onCallHours(rotation, swaps, ninetyDaysAgo, now) // Map { "t-1" => 720, "t-2" => 696 }
 */
export function onCallHours(r: Rotation, swaps: readonly ApprovedSwap[], from: EpochMinute, to: EpochMinute): Map<string, number> {
  const hours = new Map<string, number>();
  for (const t of turnsBetween(r, swaps, from, to)) {
    const minutes = Math.min(t.end, to) - Math.max(t.start, from);
    hours.set(t.technicianId, (hours.get(t.technicianId) ?? 0) + minutes / 60);
  }
  return hours;
}
