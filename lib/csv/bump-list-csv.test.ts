import { describe, expect, test } from "vitest";
import { BUMP_LIST_HEADER, formatWindowCell, serializeBumpList } from "@/lib/csv/bump-list-csv";
import { UNRESOLVED_HEADER, serializeUnresolved } from "@/lib/csv/unresolved-csv";

const TZ = "America/Chicago";

describe("serializeBumpList", () => {
  test("one row per bumped visit, windows local to the company", () => {
    const text = serializeBumpList(
      [
        {
          workOrder: "WO-1042",
          customerName: "Oak Dental",
          oldWindow: { start: "2026-11-23T15:00:00Z", end: "2026-11-23T17:00:00Z" },
          newWindow: { start: "2026-11-23T20:00:00Z", end: "2026-11-23T22:00:00Z" },
          technicianBefore: "Ali Haddad",
          technicianAfter: "Sam Okafor",
          addedTravelMin: 12,
          reason: "least harm: no SLA, customer reachable, 3 h slack",
        },
        {
          workOrder: "WO-1050",
          customerName: "Silent Storage",
          oldWindow: { start: "2026-11-23T21:00:00Z", end: "2026-11-24T07:00:00Z" },
          newWindow: null,
          technicianBefore: "Mei Chen",
          technicianAfter: null,
          addedTravelMin: null,
          reason: "back to the queue",
        },
      ],
      TZ,
    );
    expect(text.split("\r\n")).toEqual([
      `\uFEFF${BUMP_LIST_HEADER.join(",")}`,
      `WO-1042,Oak Dental,2026-11-23 09:00-11:00,2026-11-23 14:00-16:00,Ali Haddad,Sam Okafor,12,"least harm: no SLA, customer reachable, 3 h slack"`,
      "WO-1050,Silent Storage,2026-11-23 15:00 - 2026-11-24 01:00,,Mei Chen,,,back to the queue",
      "",
    ]);
  });

  test.each([
    [null, ""],
    [{ start: "2026-11-23T15:00:00Z", end: "2026-11-23T15:30:00Z" }, "2026-11-23 09:00-09:30"],
  ])("formatWindowCell(%j) = %j", (w, cell) => expect(formatWindowCell(w, TZ)).toBe(cell));
});

describe("serializeUnresolved", () => {
  test("labels, local times and the reason", () => {
    const text = serializeUnresolved(
      [
        {
          workOrder: "WO-7",
          customerName: "@Home Care",
          priority: 1,
          status: "scheduled",
          technician: "Ali Haddad",
          start: "2026-11-23T21:00:00Z",
          end: "2026-11-23T22:00:00Z",
          windowStart: null,
          windowEnd: null,
          deadline: null,
          city: null,
          slaProtected: true,
          contract: true,
          reason: "not done by the end of the day (scheduled)",
        },
      ],
      TZ,
    );
    expect(text.split("\r\n").slice(0, 2)).toEqual([
      `\uFEFF${UNRESOLVED_HEADER.join(",")}`,
      `WO-7,"'@Home Care",Emergency,Scheduled,Ali Haddad,2026-11-23 15:00,2026-11-23 16:00,,,,,yes,yes,not done by the end of the day (scheduled)`,
    ]);
  });
});
