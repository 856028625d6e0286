import { describe, expect, it } from "vitest";
import { PENDING_PREFIX, applyJobsPatch, applyOptimistic, applyServerResult, changeOf, moveCrew, placeOptimistic, reapplyPending, restoreJob, unassignOptimistic } from "@/components/board/board-state";
import { testAssignment, testDay, testJob } from "@/components/board/test-day";

const at10 = { leaderId: "t2", helperIds: [], start: "2026-11-23T16:00:00.000Z", end: "2026-11-23T17:00:00.000Z" };

describe("placeOptimistic", () => {
  it("moves an existing assignment at once, keeping its id and version", () => {
    const day = testDay();
    const next = placeOptimistic(day, "1", at10);
    const a = next.assignments.find((x) => x.jobId === "1")!;
    expect(a).toMatchObject({ id: "a-1", version: 1, leaderId: "t2", start: at10.start });
    expect(day.assignments.find((x) => x.jobId === "1")!.leaderId).toBe("t1");
  });

  it("takes a queued job off the queue with a pending assignment", () => {
    const next = placeOptimistic(testDay(), "q1", at10);
    expect(next.queue).toEqual(["q2"]);
    expect(next.assignments.find((x) => x.jobId === "q1")!.id).toBe(`${PENDING_PREFIX}q1`);
    expect(next.jobs.q1.status).toBe("scheduled");
  });
});

describe("unassignOptimistic", () => {
  it("puts the job back in the queue in priority order", () => {
    const next = unassignOptimistic(testDay(), "1");
    expect(next.assignments.map((a) => a.jobId)).toEqual(["2"]);
    expect(next.queue).toEqual(["q1", "1", "q2"]);
    expect(next.jobs["1"].status).toBe("unscheduled");
  });
});

describe("applyServerResult", () => {
  it("replaces the job and assignment with the server's versions", () => {
    const day = placeOptimistic(testDay(), "q1", at10);
    const saved = applyServerResult(day, {
      job: testJob("q1", { version: 2, status: "scheduled", priority: 2 }),
      assignment: testAssignment("q1", "t2", at10.start, at10.end, { id: "a-new", version: 1 }),
    });
    const a = saved.assignments.filter((x) => x.jobId === "q1");
    expect(a).toHaveLength(1);
    expect(a[0].id).toBe("a-new");
    expect(saved.jobs.q1.version).toBe(2);
    expect(saved.queue).toEqual(["q2"]);
  });

  it("drops an assignment that moved to another day", () => {
    const saved = applyServerResult(testDay(), {
      job: testJob("1", { version: 2 }),
      assignment: testAssignment("1", "t1", "2026-11-24T15:00:00.000Z", "2026-11-24T16:00:00.000Z", { version: 2 }),
    });
    expect(saved.assignments.map((a) => a.jobId)).toEqual(["2"]);
    expect(saved.queue).not.toContain("1");
  });

  it("returns an unassigned job to the queue", () => {
    const saved = applyServerResult(testDay(), { job: testJob("1", { version: 2, status: "unscheduled" }), assignment: null });
    expect(saved.queue).toContain("1");
  });
});

describe("restoreJob", () => {
  it("puts a refused move back without touching other changes", () => {
    const before = testDay();
    const moved = placeOptimistic(placeOptimistic(before, "1", at10), "q1", at10);
    const restored = restoreJob(moved, before, "1");
    expect(restored.assignments.find((a) => a.jobId === "1")).toEqual(before.assignments[0]);
    expect(restored.assignments.some((a) => a.jobId === "q1")).toBe(true);
  });

  it("puts a refused drop from the queue back in the queue", () => {
    const before = testDay();
    const restored = restoreJob(placeOptimistic(before, "q1", at10), before, "q1");
    expect(restored.queue).toEqual(["q1", "q2"]);
    expect(restored.assignments.some((a) => a.jobId === "q1")).toBe(false);
  });
});

describe("reapplyPending", () => {
  it("keeps a change still being saved on top of a reloaded day", () => {
    const reloaded = testDay();
    const day = reapplyPending(reloaded, [{ kind: "place", jobId: "1", placement: at10 }]);
    expect(day.assignments.find((a) => a.jobId === "1")!.leaderId).toBe("t2");
  });
});

describe("moveCrew", () => {
  const crew = { leaderId: "a", helperIds: ["b"] };
  it.each([
    ["a", "c", { leaderId: "c", helperIds: ["b"] }],
    ["a", "b", { leaderId: "b", helperIds: [] }],
    ["b", "c", { leaderId: "a", helperIds: ["c"] }],
    ["b", "a", { leaderId: "a", helperIds: ["b"] }],
    ["a", "a", { leaderId: "a", helperIds: ["b"] }],
  ])("dragging from %s's lane to %s's", (from, to, expected) => expect(moveCrew(crew, from, to)).toEqual(expected));
});

describe("applyJobsPatch", () => {
  const date = "2026-11-23";

  it("moves another person's job to its new lane and version, leaving the rest alone", () => {
    const day = testDay();
    const moved = testAssignment("1", "t2", "2026-11-23T19:00:00.000Z", "2026-11-23T20:30:00.000Z", { version: 2 });
    const next = applyJobsPatch(day, ["1"], { date, jobs: [testJob("1", { version: 3 })], assignments: [moved], queued: [] });
    expect(next.assignments.find((a) => a.jobId === "1")).toMatchObject({ leaderId: "t2", version: 2 });
    expect(next.jobs["1"].version).toBe(3);
    expect(next.assignments.find((a) => a.jobId === "2")).toBe(day.assignments.find((a) => a.jobId === "2"));
    expect(next.queue).toEqual(["q1", "q2"]);
  });

  it("puts a job someone unassigned back in the queue, in priority order", () => {
    const next = applyJobsPatch(testDay(), ["1"], { date, jobs: [testJob("1", { status: "unscheduled", priority: 3 })], assignments: [], queued: ["1"] });
    expect(next.assignments.map((a) => a.jobId)).toEqual(["2"]);
    expect(next.queue).toEqual(["q1", "1", "q2"]);
  });

  it("drops a job moved to another day, and a new queued job appears", () => {
    const next = applyJobsPatch(testDay(), ["2", "q9"], {
      date,
      jobs: [testJob("2"), testJob("q9", { status: "unscheduled", priority: 1 })],
      assignments: [testAssignment("2", "t1", "2026-11-24T17:00:00.000Z", "2026-11-24T18:30:00.000Z")],
      queued: ["q9"],
    });
    expect(next.assignments.map((a) => a.jobId)).toEqual(["1"]);
    expect(next.jobs["2"]).toBeUndefined();
    expect(next.queue).toEqual(["q9", "q1", "q2"]);
  });

  it("ignores a patch for another day", () => {
    const day = testDay();
    expect(applyJobsPatch(day, ["1"], { date: "2026-11-24", jobs: [], assignments: [], queued: [] })).toBe(day);
  });
});

describe("changeOf", () => {
  it("names the day a change was made from and the job it touched, so the board's view redoes just that", () => {
    const day = testDay();
    const moved = applyOptimistic(day, { kind: "place", jobId: "1", placement: { leaderId: "t2", helperIds: [], start: "2026-11-23T18:00:00.000Z", end: "2026-11-23T19:00:00.000Z" } });
    expect(changeOf(moved)).toEqual({ from: day, jobIds: ["1"] });
    const saved = applyServerResult(moved, { job: { ...moved.jobs["1"], version: 2 }, assignment: { ...moved.assignments.find((a) => a.jobId === "1")!, version: 2 } });
    expect(changeOf(saved)).toEqual({ from: moved, jobIds: ["1"] });
    const back = restoreJob(saved, day, "1");
    expect(changeOf(back)?.jobIds).toEqual(["1"]);
    expect(changeOf(day)).toBeUndefined();
  });
});
