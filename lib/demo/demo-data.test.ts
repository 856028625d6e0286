import { describe, expect, test } from "vitest";
import { BAYSIDE, POLAR_AIR, generateDemoCompany, largeCompanySpec } from "@/lib/demo/demo-data";

const today = "2026-11-23"; // a Monday
const now = new Date("2026-11-23T13:00:00Z"); // 07:00 in Chicago, before anyone starts

describe("generateDemoCompany", () => {
  test("the same seed gives the same company", () => {
    expect(generateDemoCompany(POLAR_AIR, today, now)).toEqual(generateDemoCompany(POLAR_AIR, today, now));
  });

  test("the HVAC demo has 12 technicians, 80 customers and a full day of ~50 jobs with a queue", () => {
    const c = generateDemoCompany(POLAR_AIR, today, now);
    expect(c.technicians).toHaveLength(12);
    expect(c.customers).toHaveLength(80);
    expect(c.jobs).toHaveLength(50);
    const queued = c.jobs.filter((j) => j.status === "unscheduled").length;
    expect(queued).toBeGreaterThanOrEqual(8);
    expect(queued).toBeLessThanOrEqual(14);
    expect(c.assignments).toHaveLength(50 - queued);
    expect(new Set(c.jobs.map((j) => j.workOrder)).size).toBe(50);
  });

  test("one login per role and a second technician, each technician linked to a technician record", () => {
    const c = generateDemoCompany(POLAR_AIR, today, now);
    expect(c.users.map((u) => u.role)).toEqual(["admin", "dispatcher", "technician", "viewer", "technician"]);
    for (const tech of c.users.filter((u) => u.role === "technician")) {
      expect(c.technicians.find((t) => t.id === tech.technicianId)?.userId).toBe(tech.id);
    }
    expect(c.users.filter((u) => u.role === "technician").map((u) => u.email)).toEqual(["technician@polar-air.demo", "technician2@polar-air.demo"]);
  });

  test("a mix of SLA and contract customers and every priority", () => {
    const c = generateDemoCompany(POLAR_AIR, today, now);
    expect(c.customers.some((x) => x.contract)).toBe(true);
    expect(c.jobs.some((j) => j.slaProtected)).toBe(true);
    expect(new Set(c.jobs.map((j) => j.priority)).size).toBeGreaterThanOrEqual(3);
  });

  test("no technician is double-booked and every visit is inside its shift", () => {
    const c = generateDemoCompany(POLAR_AIR, today, now);
    for (const t of c.technicians) {
      const mine = c.assignments.filter((a) => a.leaderId === t.id).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let i = 1; i < mine.length; i++) expect(mine[i].startsAt.getTime()).toBeGreaterThanOrEqual(mine[i - 1].endsAt.getTime());
    }
    // Chicago shifts are 07:00/08:00 to 15:30/16:30 local = 13:00/14:00 to 21:30/22:30 UTC
    for (const a of c.assignments) {
      expect(a.startsAt.getTime()).toBeGreaterThanOrEqual(Date.parse("2026-11-23T13:00:00Z"));
      expect(a.endsAt.getTime()).toBeLessThanOrEqual(Date.parse("2026-11-23T22:30:00Z"));
    }
  });

  test("jobs already finished at 'now' are done, later ones are not", () => {
    const late = new Date("2026-11-23T20:00:00Z");
    const c = generateDemoCompany(POLAR_AIR, today, late);
    for (const a of c.assignments) {
      const job = c.jobs.find((j) => j.id === a.jobId)!;
      if (a.endsAt <= late) expect(job.status).toBe("done");
      else if (a.startsAt > late) expect(["scheduled", "published"]).toContain(job.status);
    }
  });

  test("the two demo companies share no work order, email or id", () => {
    const a = generateDemoCompany(POLAR_AIR, today, now);
    const b = generateDemoCompany(BAYSIDE, today, now);
    const wo = new Set(a.jobs.map((j) => j.workOrder));
    expect(b.jobs.some((j) => wo.has(j.workOrder))).toBe(false);
    expect(a.id).not.toBe(b.id);
    const emails = new Set(a.users.map((u) => u.email));
    expect(b.users.some((u) => emails.has(u.email))).toBe(false);
  });

  test("a large benchmark board fills about ten jobs per technician", () => {
    const c = generateDemoCompany(largeCompanySpec(500, 5000), today, now);
    expect(c.technicians).toHaveLength(500);
    expect(c.assignments.length).toBeGreaterThan(4500);
  });
});

describe("demo crews", () => {
  test("a helper is never booked elsewhere at the same time", () => {
    const c = generateDemoCompany(POLAR_AIR, today, now);
    const lanes = new Map<string, { start: number; end: number }[]>();
    for (const a of c.assignments) {
      for (const id of [a.leaderId, ...a.helperIds]) {
        const lane = lanes.get(id) ?? [];
        expect(lane.some((b) => b.start < a.endsAt.getTime() && b.end > a.startsAt.getTime())).toBe(false);
        lane.push({ start: a.startsAt.getTime(), end: a.endsAt.getTime() });
        lanes.set(id, lane);
      }
    }
    expect(c.assignments.some((a) => a.helperIds.length > 0)).toBe(true);
  });
});
