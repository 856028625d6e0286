/**
 * The gaps view: idle windows of 30 minutes or more per technician from now to the
 * end of the week, overloaded days with the visits that could move, the week's
 * balance across the team, and the queued jobs that best fill one gap.
 */
import type { Queryable } from "@/lib/db/client";
import { loadBoardDay, loadCompanySettings, type BoardDay } from "@/lib/db/board";
import { loadBoardWeek } from "@/lib/db/week";
import { toEngineBoard, toEngineJob, travelFor } from "@/lib/board/engine-board";
import { toIso, toMinute } from "@/lib/time/epoch-minute";
import { prepareBoard } from "@/lib/engine/board-index";
import { dayGaps, fillFromQueue, weekBalance, type Balance } from "@/lib/engine/gaps";
import { dayRange, wallClock } from "@/lib/time/zoned-time";
import { addDays } from "@/lib/time/calendar-date";

export interface GapView {
  technicianId: string;
  technicianName: string;
  date: string;
  start: string;
  end: string;
  minutes: number;
}

export interface MovableVisit {
  jobId: string;
  workOrder: string;
  customerName: string;
  priority: 1 | 2 | 3 | 4;
  start: string;
  end: string;
}

export interface OverloadView {
  technicianId: string;
  technicianName: string;
  date: string;
  utilisation: number;
  bookedMinutes: number;
  availableMinutes: number;
  /** Visits that could move (not pinned, not SLA, not under way), lowest priority first; days still to come only. */
  movable: MovableVisit[];
}

export interface GapsView {
  today: string;
  weekStart: string;
  days: string[];
  timeZone: string;
  capacityThreshold: number;
  gaps: GapView[];
  overloads: OverloadView[];
  balance: Balance | null;
}

/** Days from today to Sunday, each loaded as the board loads it. */
async function remainingDays(tx: Queryable, orgId: string, today: string, days: string[]): Promise<BoardDay[]> {
  const loaded: BoardDay[] = [];
  for (const d of days.filter((d) => d >= today)) {
    const day = await loadBoardDay(tx, orgId, d);
    if (day) loaded.push(day);
  }
  return loaded;
}

export async function loadGaps(tx: Queryable, orgId: string, now: Date): Promise<GapsView | null> {
  const company = await loadCompanySettings(tx, orgId);
  if (!company) return null;
  const today = wallClock(now, company.timeZone).date;
  const week = await loadBoardWeek(tx, orgId, today);
  if (!week) return null;
  const boards = await remainingDays(tx, orgId, today, week.days);
  const nowMinute = Math.ceil(now.getTime() / 60000);

  const gaps: GapView[] = [];
  for (const day of boards) {
    const index = prepareBoard(toEngineBoard(day));
    for (const { technician, gaps: windows } of dayGaps(index, { from: nowMinute })) {
      for (const g of windows) {
        gaps.push({ technicianId: technician.id, technicianName: technician.name, date: day.date, start: toIso(g.start), end: toIso(g.end), minutes: g.end - g.start });
      }
    }
  }

  const overloads: OverloadView[] = [];
  const utilisations: number[] = [];
  for (const t of week.technicians) {
    let booked = 0;
    let available = 0;
    for (const d of t.days) {
      const avail = d.shiftMinutes - d.timeOffMinutes;
      booked += d.bookedMinutes;
      available += Math.max(0, avail);
      const u = avail > 0 ? d.bookedMinutes / avail : d.bookedMinutes > 0 ? Infinity : 0;
      if (d.bookedMinutes > 0 && (u > company.capacityThreshold || u > 1)) {
        const board = boards.find((b) => b.date === d.date);
        const movable: MovableVisit[] = board
          ? board.assignments
              .filter((a) => a.leaderId === t.id || a.helperIds.includes(t.id))
              .map((a) => ({ a, j: board.jobs[a.jobId] }))
              .filter(({ a, j }) => j && !j.pinned && !j.slaProtected && j.status !== "in_progress" && j.status !== "done" && Date.parse(a.start) > now.getTime())
              .sort((x, y) => y.j.priority - x.j.priority || x.a.start.localeCompare(y.a.start))
              .map(({ a, j }) => ({ jobId: j.id, workOrder: j.workOrder, customerName: j.customerName, priority: j.priority, start: a.start, end: a.end }))
          : [];
        overloads.push({ technicianId: t.id, technicianName: t.name, date: d.date, utilisation: u, bookedMinutes: d.bookedMinutes, availableMinutes: Math.max(0, avail), movable });
      }
    }
    if (available > 0) utilisations.push(booked / available);
  }
  return {
    today,
    weekStart: week.start,
    days: week.days,
    timeZone: company.timeZone,
    capacityThreshold: company.capacityThreshold,
    gaps,
    overloads,
    balance: weekBalance(utilisations),
  };
}

export interface GapFillView {
  jobId: string;
  jobVersion: number;
  workOrder: string;
  customerName: string;
  priority: 1 | 2 | 3 | 4;
  start: string;
  end: string;
  score: number;
  reasons: { factor: string; value: number; why: string }[];
}

/** The queued jobs (the 300 most urgent) that best fill one technician's gap, with the engine's reasons. */
export async function suggestGapFills(
  tx: Queryable,
  orgId: string,
  gap: { technicianId: string; date: string; start: string; end: string },
  now: Date,
): Promise<GapFillView[]> {
  const day = await loadBoardDay(tx, orgId, gap.date);
  if (!day) return [];
  const board = toEngineBoard(day);
  const index = prepareBoard(board);
  const technician = index.technicianById.get(gap.technicianId);
  if (!technician) return [];
  const queue = day.queue.slice(0, 300).map((id) => toEngineJob(day.jobs[id]));
  const range = dayRange(day.date, day.company.timeZone);
  const fills = fillFromQueue(index, technician, { start: toMinute(gap.start), end: toMinute(gap.end) }, queue, travelFor(day, board), {
    earliestStart: Math.ceil(now.getTime() / 60000),
    slotMinutes: day.company.snapMinutes,
    day: { start: toMinute(range.start.toISOString()), end: toMinute(range.end.toISOString()) },
    capacityThreshold: day.company.capacityThreshold,
    weights: day.company.scoringWeights,
    timeZone: day.company.timeZone,
  });
  return fills.map(({ job, candidate }) => ({
    jobId: job.id,
    jobVersion: day.jobs[job.id].version,
    workOrder: job.workOrder,
    customerName: job.customerName,
    priority: job.priority,
    start: toIso(candidate.slot!.start),
    end: toIso(candidate.slot!.end),
    score: candidate.score,
    reasons: candidate.parts,
  }));
}

/** The first and last day of the gaps view, for links. */
export function weekEnd(weekStart: string): string {
  return addDays(weekStart, 6);
}
