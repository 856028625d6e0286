import { describe, expect, test } from "vitest";
import {
  DEFAULT_BUMP_HARM_WEIGHTS,
  formatMinutes,
  jobHarm,
  moveHarm,
  resolveHarmWeights,
  sumHarm,
  travelHarm,
} from "@/lib/engine/bump-harm";
import type { BumpMove } from "@/lib/engine/bump-harm";
import { at, makeJob, span } from "@/lib/engine/test-fixtures";

const weights = DEFAULT_BUMP_HARM_WEIGHTS;
const job = makeJob({ id: "j", workOrder: "WO-1002", priority: 4 });

describe("jobHarm", () => {
  test.each([
    ["a Low job", {}, [{ factor: "priority", value: 20, why: "WO-1002 is Low priority" }]],
    ["a High job", { priority: 2 as const }, [{ factor: "priority", value: 120, why: "WO-1002 is High priority" }]],
    ["an SLA job (override)", { slaProtected: true }, [
      { factor: "priority", value: 20, why: "WO-1002 is Low priority" },
      { factor: "sla", value: 500, why: "WO-1002 is SLA-protected: bumped only by override" },
    ]],
    ["a job rescheduled once", { rescheduleCount: 1 }, [
      { factor: "priority", value: 20, why: "WO-1002 is Low priority" },
      { factor: "reschedules", value: 30, why: "WO-1002: already rescheduled once" },
    ]],
    ["a job rescheduled 3 times, customer unreachable", { rescheduleCount: 3, customerReachable: false }, [
      { factor: "priority", value: 20, why: "WO-1002 is Low priority" },
      { factor: "reschedules", value: 90, why: "WO-1002: already rescheduled 3 times" },
      { factor: "reach", value: 80, why: "WO-1002: customer cannot be told: no phone or email" },
    ]],
  ])("%s", (_name, changes, parts) => {
    expect(jobHarm({ ...job, ...changes }, weights)).toEqual(parts);
  });
});

describe("moveHarm", () => {
  const today = (newWindow = span("13:30", "15:30"), missed: Partial<BumpMove> = {}): BumpMove => ({
    kind: "today",
    oldWindow: span("10:00", "12:00"),
    newWindow,
    missedWindow: null,
    missedDeadline: null,
    ...missed,
  } as BumpMove);

  test.each([
    ["pushed back 3 h 30 min", today(), [{ factor: "delay", value: 35, why: "WO-1002: pushed back 3 h 30 min (new window 13:30–15:30)" }]],
    ["inside the old window", today(span("10:00", "12:00")), [{ factor: "delay", value: 0, why: "WO-1002: stays inside its 10:00–12:00 window" }]],
    ["missing its own window", today(span("13:30", "15:30"), { missedWindow: span("10:00", "11:00") }), [
      { factor: "delay", value: 35, why: "WO-1002: pushed back 3 h 30 min (new window 13:30–15:30)" },
      { factor: "window", value: 40, why: "WO-1002: misses its own 10:00–11:00 window" },
    ]],
    ["finishing after its deadline", today(span("13:30", "15:30"), { missedDeadline: at("14:00") }), [
      { factor: "delay", value: 35, why: "WO-1002: pushed back 3 h 30 min (new window 13:30–15:30)" },
      { factor: "window", value: 40, why: "WO-1002: finishes after its 14:00 deadline" },
    ]],
    ["moved to tomorrow", { kind: "later", dayOffset: 0, dayLabel: "tomorrow", newWindow: { start: at("08:00") + 1440, end: at("10:00") + 1440 } } as BumpMove, [
      { factor: "delay", value: 150, why: "WO-1002: moved to tomorrow 08:00 (new window 08:00–10:00)" },
    ]],
    ["moved two working days on", { kind: "later", dayOffset: 1, dayLabel: "Wed 25 Nov", newWindow: { start: at("09:00") + 2880, end: at("11:00") + 2880 } } as BumpMove, [
      { factor: "delay", value: 210, why: "WO-1002: moved to Wed 25 Nov 09:00 (new window 09:00–11:00)" },
    ]],
    ["left unscheduled", { kind: "unscheduled", noRoom: "no room today or tomorrow" } as BumpMove, [
      { factor: "unscheduled", value: 1000, why: "WO-1002: no room today or tomorrow, left unscheduled" },
    ]],
  ])("%s", (_name, move, parts) => {
    expect(moveHarm(job, move, weights)).toEqual(parts);
  });

  test("clock times are in the company's time zone", () => {
    expect(moveHarm(job, today(), weights, { timeZone: "America/Chicago" })[0].why).toBe(
      "WO-1002: pushed back 3 h 30 min (new window 07:30–09:30)",
    );
  });
});

describe("travelHarm, sums and weights", () => {
  test.each([
    [22, { factor: "travel", value: 22, why: "+22 min travel for Sam Okafor" }],
    [0, { factor: "travel", value: 0, why: "no added travel for Sam Okafor" }],
    [-5, { factor: "travel", value: -5, why: "−5 min travel for Sam Okafor" }],
  ])("%s min", (minutes, part) => {
    expect(travelHarm("Sam Okafor", minutes, weights)).toEqual(part);
  });

  test.each([
    [45, "45 min"],
    [60, "1 h"],
    [210, "3 h 30 min"],
  ])("%s minutes read %s", (minutes, words) => {
    expect(formatMinutes(minutes)).toBe(words);
  });

  test("a sum is rounded to hundredths", () => {
    expect(sumHarm([{ factor: "a", value: 1 / 3, why: "" }, { factor: "b", value: 20, why: "" }])).toBe(20.33);
  });

  test("company weights override the defaults, priority tiers one by one", () => {
    const w = resolveHarmWeights({ priority: { 4: 5 }, laterDay: 90 });
    expect(w.priority).toEqual({ 1: 400, 2: 120, 3: 50, 4: 5 });
    expect(w.laterDay).toBe(90);
    expect(w.unscheduled).toBe(DEFAULT_BUMP_HARM_WEIGHTS.unscheduled);
  });
});
