import { expect, test } from "vitest";
import { toIso, toMinute } from "@/lib/time/epoch-minute";

test.each([
  ["2026-11-23T14:00:00Z", 29_924_040],
  ["2026-11-23T14:00:59.999Z", 29_924_040],
  ["2026-11-23T08:00:00-06:00", 29_924_040],
  ["1970-01-01T00:01:00Z", 1],
])("%s is epoch minute %i", (iso, minute) => {
  expect(toMinute(iso)).toBe(minute);
  expect(toMinute(new Date(iso))).toBe(minute);
});

test("an epoch minute reads back as a UTC ISO string", () => {
  expect(toIso(29_924_040)).toBe("2026-11-23T14:00:00.000Z");
  expect(toMinute(toIso(29_924_041))).toBe(29_924_041);
});
