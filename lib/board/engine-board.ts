/**
 * Turns the board as loaded for display (ISO strings) into the engine's board
 * (epoch minutes), so server actions and the browser run the same checks.
 */
import type { BoardDay, BoardJob } from "@/lib/db/board";
import { boardPoints, createEstimatedTravel, type TravelTimes } from "@/lib/engine/travel";
import type { Board, Job, SlotBlock } from "@/lib/engine/types";
import { toMinute } from "@/lib/time/epoch-minute";
import { zonedToUtc } from "@/lib/time/zoned-time";
import { addDays } from "@/lib/time/calendar-date";

export function toEngineJob(j: BoardJob): Job {
  return {
    id: j.id,
    workOrder: j.workOrder,
    customerId: j.customerId,
    customerName: j.customerName,
    priority: j.priority,
    requiredSkills: j.requiredSkills,
    durationMin: j.estimatedMinutes,
    location: j.location,
    window: j.windowStart && j.windowEnd ? { start: toMinute(j.windowStart), end: toMinute(j.windowEnd) } : null,
    deadline: j.deadline ? toMinute(j.deadline) : null,
    slaProtected: j.slaProtected,
    contract: j.contract,
    status: j.status,
    pinned: j.pinned,
    rescheduleCount: j.rescheduleCount,
    customerReachable: Boolean(j.customerPhone || j.customerEmail),
    preferredTechnicianId: j.preferredTechnicianId,
    templateId: j.templateId,
  };
}

/** The engine's view of a loaded day: every lane carries the day's slot blocks and the recovery buffer. */
export function toEngineBoard(day: BoardDay): Board {
  const slotBlocks: SlotBlock[] = (day.slotBlocks ?? []).map((b) => ({
    start: toMinute(b.start),
    end: toMinute(b.end),
    kind: b.kind,
    templateId: b.templateId,
    label: b.label,
  }));
  const recoveryBufferMin = day.company.recoveryBufferMin ?? 0;
  return {
    technicians: day.technicians.map((t) => ({
      id: t.id,
      name: t.name,
      skills: t.skills,
      home: t.home,
      shifts: t.shift ? [{ start: toMinute(t.shift.start), end: toMinute(t.shift.end) }] : [],
      timeOff: t.timeOff.map((o) => ({ start: toMinute(o.start), end: toMinute(o.end) })),
      breaks: (t.breaks ?? []).map((b) => ({ start: toMinute(b.start), end: toMinute(b.end) })),
      certifications: (t.certifications ?? []).map((c) => ({
        name: c.name,
        expiresOn: c.expiresOn,
        // valid through the whole of its last day in the company's zone
        validUntil: toMinute(zonedToUtc(addDays(c.expiresOn, 1), "00:00", day.company.timeZone)),
      })),
      active: t.active,
      slotBlocks,
      recoveryBufferMin,
    })),
    jobs: Object.values(day.jobs).map(toEngineJob),
    assignments: day.assignments.map((a) => ({
      jobId: a.jobId,
      leaderId: a.leaderId,
      helperIds: a.helperIds,
      start: toMinute(a.start),
      end: toMinute(a.end),
      version: a.version,
    })),
  };
}

/** Travel estimated from the company's settings for the points on this board. */
export function travelFor(day: BoardDay, board: Board = toEngineBoard(day)): TravelTimes {
  return createEstimatedTravel(
    { speedKmh: day.company.travelSpeedKmh, roadFactor: day.company.roadFactor, bufferMin: day.company.travelBufferMin },
    boardPoints(board),
  );
}
