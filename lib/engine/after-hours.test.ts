import { describe, expect, test } from "vitest";
import { afterHoursSlot, isAfterHours } from "@/lib/engine/after-hours";

const hm = (s: string) => {
  const [h, m] = s.split(":").map(Number);
  return h * 60 + m;
};
const span = (a: string, b: string) => ({ start: hm(a), end: hm(b) });

describe("isAfterHours", () => {
  test.each([
    { name: "evening after the only shift", at: "21:00", days: [{ shift: span("08:00", "17:00") }], after: true },
    { name: "a minute before the shift", at: "07:59", days: [{ shift: span("08:00", "17:00") }], after: true },
    { name: "the shift's first minute", at: "08:00", days: [{ shift: span("08:00", "17:00") }], after: false },
    { name: "its last minute", at: "16:59", days: [{ shift: span("08:00", "17:00") }], after: false },
    { name: "the moment it ends", at: "17:00", days: [{ shift: span("08:00", "17:00") }], after: true },
    { name: "someone works late", at: "18:00", days: [{ shift: span("08:00", "17:00") }, { shift: span("12:00", "20:00") }], after: false },
    { name: "the late one is on time off", at: "18:00", days: [{ shift: span("08:00", "17:00") }, { shift: span("12:00", "20:00"), timeOff: [span("17:00", "20:00")] }], after: true },
    { name: "another's time off does not count", at: "10:00", days: [{ shift: span("08:00", "17:00") }, { shift: null, timeOff: [span("09:00", "11:00")] }], after: false },
    { name: "nobody works that day", at: "10:00", days: [{ shift: null }], after: true },
  ])("$name ($at): after hours $after", ({ at, days, after }) => {
    expect(isAfterHours(hm(at), days)).toBe(after);
  });
});

describe("afterHoursSlot", () => {
  test("starts once the technician can drive there, rounded up to the snap", () => {
    expect(afterHoursSlot(hm("21:02"), 60, 22, [])).toEqual(span("21:25", "22:25"));
    expect(afterHoursSlot(hm("21:02"), 60, 22, [], { snapMinutes: 15 })).toEqual(span("21:30", "22:30"));
  });

  test("waits for a visit still running or booked in the way, then drives", () => {
    const busy = [span("20:30", "21:40"), span("23:00", "23:30"), span("18:00", "19:00")];
    expect(afterHoursSlot(hm("21:00"), 60, 20, busy)).toEqual(span("22:00", "23:00"));
    // too long to fit before the 23:00 visit: after it
    expect(afterHoursSlot(hm("21:00"), 90, 20, busy)).toEqual({ start: hm("23:50"), end: hm("23:50") + 90 });
  });
});
