import { describe, expect, it } from "vitest";
import { createBoardView } from "@/components/board/board-view";
import { applyOptimistic } from "@/components/board/board-state";
import { createLaneInfoCache, laneJob, laneShare } from "@/components/board/lane-info";
import { testAssignment, testDay, testJob, testTech } from "@/components/board/test-day";

// t1: WO-1 09:00–10:30 and WO-2 10:00–11:30 with t2 helping (double booked); t3: WO-3 alone
const day = testDay({
  technicians: [testTech("t1"), testTech("t2"), testTech("t3")],
  jobs: { ...testDay().jobs, "3": testJob("3", { location: { lat: 41.8, lng: -87.6 } }) },
  assignments: [
    testAssignment("1", "t1", "2026-11-23T15:00:00.000Z", "2026-11-23T16:30:00.000Z"),
    testAssignment("2", "t1", "2026-11-23T16:00:00.000Z", "2026-11-23T17:30:00.000Z", { helperIds: ["t2"] }),
    testAssignment("3", "t3", "2026-11-23T15:00:00.000Z", "2026-11-23T16:00:00.000Z"),
  ],
});

describe("createLaneInfoCache", () => {
  it("gives a lane its visits' warnings and crews", () => {
    const view = createBoardView(day);
    const info = createLaneInfoCache()(view.layoutOf("t1")!, view);
    expect(info.warnings.get("2")?.map((w) => w.code)).toContain("double_booked");
    expect(info.crews.get("2")).toEqual(["Tech t1", "Tech t2"]);
    expect([...info.warnings.keys()].sort()).toEqual(["1", "2"]);
  });

  it("keeps an untouched lane's info the same object across a move, and renews the lanes the move touched", () => {
    const infoOf = createLaneInfoCache();
    const before = createBoardView(day);
    const lanes = ["t1", "t2", "t3"].map((t) => infoOf(before.layoutOf(t)!, before));
    // WO-1 moves off t1's double booking to 12:00
    const moved = applyOptimistic(day, { kind: "place", jobId: "1", placement: { leaderId: "t1", helperIds: [], start: "2026-11-23T18:00:00.000Z", end: "2026-11-23T19:30:00.000Z" } });
    const after = createBoardView(moved, before);
    const [t1, t2, t3] = ["t1", "t2", "t3"].map((t) => infoOf(after.layoutOf(t)!, after));
    expect(t3).toBe(lanes[2]);
    expect(t1).not.toBe(lanes[0]);
    expect(t1.warnings.get("2")?.map((w) => w.code) ?? []).not.toContain("double_booked");
    // t2 only helps on WO-2, whose warnings changed: its lane is renewed even if its layout were kept
    expect(t2.warnings.get("2")).toBe(after.warningsOf("2"));
  });

  it("renews a kept layout's info when a visit on it got other warnings", () => {
    const infoOf = createLaneInfoCache();
    const view = createBoardView(day);
    const layout = view.layoutOf("t1")!;
    const first = infoOf(layout, view);
    expect(infoOf(layout, view)).toBe(first);
    const other = { warningsOf: (id: string) => (id === "1" ? [] : view.warningsOf(id)), crewNamesOf: view.crewNamesOf };
    const renewed = infoOf(layout, other);
    expect(renewed).not.toBe(first);
    expect(renewed.warnings.get("1")).toEqual([]);
    const renamed = { warningsOf: other.warningsOf, crewNamesOf: () => ["Someone else"] };
    expect(infoOf(layout, renamed).crews.get("2")).toEqual(["Someone else"]);
  });
});

describe("laneShare and laneJob", () => {
  const view = createBoardView(day);
  const t1 = view.layoutOf("t1")!;
  const t3 = view.layoutOf("t3")!;

  it("hands a lane the board-wide set only when one of its visits is in it", () => {
    const pending = new Set(["1"]);
    expect(laneShare(t1, pending)).toBe(pending);
    const none = laneShare(t3, pending);
    expect(none.size).toBe(0);
    expect(laneShare(t3, new Set(["2"]))).toBe(none);
  });

  it("names a job only on the lanes it is on", () => {
    expect(laneJob(t1, "2")).toBe("2");
    expect(laneJob(t3, "2")).toBeNull();
    expect(laneJob(t1, null)).toBeNull();
  });
});
