/**
 * Builders for engine tests: a fixed day (Monday 2026-11-23, UTC), technicians
 * and jobs with sensible defaults, and a travel table with explicit minutes so a
 * test states the travel it depends on. Used by tests only.
 */
import type { TravelTimes } from "@/lib/engine/travel";
import type { Assignment, EpochMinute, Interval, Job, Technician } from "@/lib/engine/types";

export const DAY: EpochMinute = Date.UTC(2026, 10, 23, 0, 0) / 60000;

/** "HH:MM" on the test day as an epoch minute. */
export function at(hhmm: string): EpochMinute {
  const [h, m] = hhmm.split(":").map(Number);
  return DAY + h * 60 + m;
}

/** "HH:MM"–"HH:MM" on the test day. */
export function span(from: string, to: string): Interval {
  return { start: at(from), end: at(to) };
}

export function makeTechnician(t: Partial<Technician> & { id: string }): Technician {
  return {
    name: t.id,
    skills: [],
    home: { lat: 40, lng: -75 },
    shifts: [span("08:00", "16:00")],
    timeOff: [],
    active: true,
    ...t,
  };
}

export function makeJob(j: Partial<Job> & { id: string }): Job {
  return {
    workOrder: `WO-${j.id}`,
    customerId: "c1",
    customerName: "Harbour Deli",
    priority: 3,
    requiredSkills: [],
    durationMin: 60,
    location: { lat: 40, lng: -75 },
    window: null,
    deadline: null,
    slaProtected: false,
    contract: false,
    status: "scheduled",
    pinned: false,
    rescheduleCount: 0,
    customerReachable: true,
    preferredTechnicianId: null,
    ...j,
  };
}

export function makeAssignment(
  jobId: string,
  leaderId: string,
  from: string,
  to: string,
  helperIds: string[] = [],
): Assignment {
  return { jobId, leaderId, helperIds, start: at(from), end: at(to), version: 1 };
}

/**
 * Travel from a table of "a↔b" minutes (both directions) or "a→b" (one way,
 * checked first); unlisted trips take `otherwise` minutes, staying put takes 0.
 */
export function travelTable(minutes: Record<string, number>, otherwise = 0): TravelTimes {
  return {
    minutes(from, to) {
      if (from === to) return 0;
      return (
        minutes[`${from}→${to}`] ?? minutes[`${from}↔${to}`] ?? minutes[`${to}↔${from}`] ?? otherwise
      );
    },
  };
}
