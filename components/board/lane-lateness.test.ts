import { describe, expect, test } from "vitest";
import type { LaneItem } from "@/components/board/lane-layout";
import { laneLateness } from "@/components/board/lane-lateness";
import { testAssignment, testJob } from "@/components/board/test-day";
import type { BoardJob } from "@/lib/db/board";
import { toMinute } from "@/lib/time/epoch-minute";

// Chicago, Monday 2026-11-23 (UTC-6): 09:00 is 15:00Z
const at = (hhmm: string) => toMinute(`2026-11-23T${String(Number(hhmm.slice(0, 2)) + 6).padStart(2, "0")}:${hhmm.slice(3)}:00Z`);

function item(id: string, from: string, to: string, travel: number, job: Partial<BoardJob> = {}): LaneItem {
  const start = at(from);
  const end = at(to);
  return {
    assignment: testAssignment(id, "t1", new Date(start * 60000).toISOString(), new Date(end * 60000).toISOString()),
    job: testJob(id, job),
    start,
    end,
    role: "leader",
    track: 0,
    travel: { minutes: travel, from: "job", fromWorkOrder: null },
  };
}

const iso = (hhmm: string) => new Date(at(hhmm) * 60000).toISOString();

describe("laneLateness", () => {
  test("arrived late on a long visit: the next customer's window will be missed, by how much and why", () => {
    const items = [
      item("a", "08:00", "11:00", 15, { visitStatus: "arrived", arrivedAt: iso("09:00") }),
      // the customer asked for 11:00–12:00
      item("b", "11:30", "12:30", 20, { windowStart: iso("11:00"), windowEnd: iso("12:00") }),
      // promised the arrival window of a 14:00 start: 14:00–16:00
      item("c", "14:00", "15:00", 10),
    ];
    const late = laneLateness(items, at("09:30"));
    expect([...late.values()]).toEqual([
      { stopId: "b", projectedArrival: at("12:20"), promisedBy: at("12:00"), minutesLate: 20, why: "the visit before it runs past its planned end, plus travel" },
    ]);
  });

  test("the same day on time: arrived when planned, nothing to warn about", () => {
    const items = [
      item("a", "08:00", "11:00", 15, { visitStatus: "arrived", arrivedAt: iso("08:00") }),
      item("b", "11:30", "12:30", 20, { windowStart: iso("11:00"), windowEnd: iso("12:00") }),
    ];
    expect(laneLateness(items, at("09:30")).size).toBe(0);
  });

  test("no report from the crew yet: nothing is projected, however late the hour", () => {
    const items = [item("a", "08:00", "11:00", 15), item("b", "11:30", "12:30", 20, { windowStart: iso("11:00"), windowEnd: iso("12:00") })];
    expect(laneLateness(items, at("15:00")).size).toBe(0);
  });

  test("visits before the last report are history; an estimate past the window is late by itself", () => {
    const items = [
      // never reported, long past: not projected
      item("a", "07:00", "08:00", 10),
      item("b", "09:00", "10:00", 10, { visitStatus: "done", finishedAt: iso("10:00") }),
      item("c", "10:30", "11:30", 20, { visitStatus: "on_my_way", estimatedArrivalAt: iso("12:45") }),
      item("d", "13:00", "14:00", 10),
    ];
    const late = laneLateness(items, at("10:40"));
    expect(late.get("a")).toBeUndefined();
    expect(late.get("c")).toMatchObject({ projectedArrival: at("12:45"), promisedBy: at("12:30"), minutesLate: 15, why: "the crew's arrival estimate is past the customer's window" });
    // 12:45 + 60 + 10 = 13:55, inside 13:00–15:00
    expect(late.get("d")).toBeUndefined();
  });
});
