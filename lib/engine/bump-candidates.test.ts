import { describe, expect, test } from "vitest";
import { findBumpCandidates } from "@/lib/engine/bump-candidates";
import type { BumpCandidateOptions } from "@/lib/engine/bump-candidates";
import { at, makeAssignment, makeJob, makeTechnician, travelTable } from "@/lib/engine/test-fixtures";
import type { TravelTimes } from "@/lib/engine/travel";
import type { Assignment, Job } from "@/lib/engine/types";

/*
 * Sam works 08:00–16:00. It is 08:00; WO-9001 (priority 1, 60 min) must be done by
 * 12:00. Each test books Sam's day; jobs are Low unless a test says otherwise.
 */
const sam = makeTechnician({ id: "sam", name: "Sam Okafor" });
const urgent = makeJob({ id: "u", workOrder: "WO-9001", priority: 1, status: "unscheduled", deadline: at("12:00") });

function day(bookings: [string, string, string, Partial<Job>?][]) {
  const lane: Assignment[] = bookings.map(([id, from, to]) => makeAssignment(id, "sam", from, to));
  const jobs = new Map(bookings.map(([id, , , job]) => [id, makeJob({ id, workOrder: `WO-${id.toUpperCase()}`, priority: 4, ...job })]));
  return { lane, jobs };
}

function find(bookings: [string, string, string, Partial<Job>?][], options: BumpCandidateOptions = {}, travel: TravelTimes = travelTable({}), job = urgent) {
  const { lane, jobs } = day(bookings);
  return findBumpCandidates(sam, lane, job, jobs, travel, at("08:00"), options);
}

const sets = (r: ReturnType<typeof find>) => r.candidates.map((c) => c.jobs.map((j) => j.id).join("+"));

describe("findBumpCandidates", () => {
  test.each([
    [
      "each job that frees an hour alone",
      [["a", "08:00", "09:00"], ["b", "09:00", "10:00"], ["c", "10:00", "16:00"]],
      ["a", "b", "c"],
    ],
    [
      "a pair only when neither of its jobs frees enough alone",
      [["a", "08:00", "09:30"], ["b", "09:30", "10:00"], ["c", "10:00", "10:30"], ["d", "10:30", "16:00", { slaProtected: true }]],
      ["a", "b+c"],
    ],
    [
      "nothing that would only free room after the deadline",
      [["a", "08:00", "12:00", { pinned: true }], ["b", "12:00", "13:00"], ["c", "13:00", "16:00"]],
      [],
    ],
    [
      "never a pair around a job that cannot move",
      [["a", "08:00", "09:30", { slaProtected: true }], ["b", "09:30", "10:00"], ["c", "10:00", "10:30", { priority: 1 }], ["d", "10:30", "11:00"], ["e", "11:00", "16:00", { slaProtected: true }]],
      [],
    ],
  ] as const)("%s", (_name, bookings, expected) => {
    expect(sets(find(bookings as unknown as [string, string, string, Partial<Job>?][]))).toEqual(expected);
  });

  test("the urgent job takes the freed hole, and the technician's net travel is counted", () => {
    // Dropping B saves 10 in from A and 10 on to C; the urgent job costs 20 in and 15 on.
    const travel = travelTable({ "job:a↔job:b": 10, "job:b↔job:c": 10, "job:a↔job:u": 20, "job:u↔job:c": 15, "job:a↔job:c": 12 });
    const result = find([["a", "08:00", "09:00", { slaProtected: true }], ["b", "09:15", "10:00"], ["c", "10:45", "16:00", { slaProtected: true }]], {}, travel);
    expect(result.candidates).toHaveLength(1);
    expect(result.candidates[0]).toMatchObject({ from: 1, position: { start: at("09:30"), end: at("10:30") }, urgentTravel: 15 });
  });

  test("holes that cannot hold the urgent job cost no travel lookup", () => {
    let lookups = 0;
    const counting: TravelTimes = { minutes: () => (lookups++, 0) };
    const result = find([["a", "08:00", "08:30"], ["b", "08:30", "09:00"], ["c", "09:00", "16:00", { slaProtected: true }]], { maxBumped: 1 }, counting);
    expect(result.candidates).toEqual([]);
    expect(lookups).toBe(0);
  });

  test("looking for the closest finish: only holes that finish before the technician's free gap", () => {
    const loose = { ...urgent, deadline: null };
    const bookings: [string, string, string][] = [["a", "08:00", "09:00"], ["b", "09:00", "10:00"], ["c", "10:00", "15:00"]];
    expect(sets(find(bookings, { prefer: "finish", finishBefore: at("16:00") }, travelTable({}), loose))).toEqual(["a", "b", "c"]);
    expect(sets(find(bookings, { prefer: "finish", finishBefore: at("10:00") }, travelTable({}), loose))).toEqual(["a"]);
  });

  test.each([
    [
      "nothing bumpable",
      [["a", "08:00", "09:00", { status: "in_progress" }], ["b", "09:00", "16:00", { contract: true }], ["c", "16:00", "17:00", { priority: 1 }]],
      "nothing in Sam Okafor's day can be bumped for WO-9001: 1 in progress or done, 1 SLA/contract, 1 as urgent or more",
    ],
    [
      "bumpable jobs that free too little",
      [["a", "08:00", "08:30"], ["b", "08:30", "09:00", { pinned: true }], ["c", "09:00", "09:30"], ["d", "09:30", "16:00", { pinned: true }]],
      "bumping one or two of Sam Okafor's jobs does not make room for WO-9001 in time",
    ],
  ] as const)("why none: %s", (_name, bookings, why) => {
    expect(find(bookings as unknown as [string, string, string, Partial<Job>?][]).why).toBe(why);
  });
});
