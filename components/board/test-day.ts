/** A small fixed board for the board components' unit tests (Chicago, Monday 2026-11-23). */
import type { BoardAssignment, BoardDay, BoardJob, BoardTechnician } from "@/lib/db/board";

export function testJob(id: string, over: Partial<BoardJob> = {}): BoardJob {
  return {
    id,
    workOrder: `WO-${id}`,
    customerId: `c-${id}`,
    customerName: `Customer ${id}`,
    customerPhone: "+15550000000",
    customerEmail: null,
    contract: false,
    preferredTechnicianId: null,
    description: "Rooftop unit preventive maintenance",
    priority: 3,
    requiredSkills: ["HVAC"],
    estimatedMinutes: 90,
    address: "1 Main St",
    city: "Chicago",
    location: { lat: 41.88, lng: -87.63 },
    windowStart: null,
    windowEnd: null,
    deadline: null,
    slaProtected: false,
    pinned: false,
    status: "scheduled",
    rescheduleCount: 0,
    notes: null,
    version: 1,
    dispatchState: "none",
    dispatchReason: null,
    templateId: null,
    visitStatus: null,
    estimatedArrivalAt: null,
    arrivedAt: null,
    finishedAt: null,
    returnVisit: false,
    notFinishedReason: null,
    ...over,
  };
}

export function testTech(id: string, over: Partial<BoardTechnician> = {}): BoardTechnician {
  return {
    id,
    name: `Tech ${id}`,
    skills: ["HVAC"],
    home: { lat: 41.9, lng: -87.65 },
    active: true,
    // 08:00–16:30 Chicago (UTC-6 in November)
    shift: { start: "2026-11-23T14:00:00.000Z", end: "2026-11-23T22:30:00.000Z" },
    timeOff: [],
    ...over,
  };
}

export function testAssignment(jobId: string, leaderId: string, start: string, end: string, over: Partial<BoardAssignment> = {}): BoardAssignment {
  return { id: `a-${jobId}`, jobId, leaderId, helperIds: [], start, end, version: 1, publishedAt: null, autoAssigned: false, ...over };
}

export function testDay(over: Partial<BoardDay> = {}): BoardDay {
  const jobs = [
    testJob("1"),
    testJob("2", { location: { lat: 41.95, lng: -87.7 } }),
    testJob("q1", { status: "unscheduled", priority: 2, estimatedMinutes: 60 }),
    testJob("q2", { status: "unscheduled", priority: 4 }),
  ];
  return {
    date: "2026-11-23",
    company: {
      id: "org",
      name: "Polar Air",
      timeZone: "America/Chicago",
      travelSpeedKmh: 40,
      roadFactor: 1.35,
      travelBufferMin: 5,
      capacityThreshold: 0.9,
      rescheduleNoticeEnabled: true,
      snapMinutes: 15,
      autoDispatchEnabled: false,
    scoringWeights: {},
    },
    technicians: [testTech("t1"), testTech("t2")],
    assignments: [
      // 09:00–10:30 and 11:00–12:30 Chicago
      testAssignment("1", "t1", "2026-11-23T15:00:00.000Z", "2026-11-23T16:30:00.000Z"),
      testAssignment("2", "t1", "2026-11-23T17:00:00.000Z", "2026-11-23T18:30:00.000Z", { helperIds: ["t2"] }),
    ],
    jobs: Object.fromEntries(jobs.map((j) => [j.id, j])),
    queue: ["q1", "q2"],
    ...over,
  };
}
