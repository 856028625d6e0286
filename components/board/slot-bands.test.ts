import { describe, expect, it } from "vitest";
import { recoveryBands, slotBands, stripPlacement, stripWindow } from "@/components/board/slot-bands";
import type { BoardSlotBlock } from "@/lib/db/board";
import { toMinute } from "@/lib/time/epoch-minute";

const at = (iso: string) => toMinute(new Date(iso));
const block = (id: string, kind: "fixed" | "flex", start: string, end: string, label = id): BoardSlotBlock => ({
  id,
  kind,
  label,
  templateId: null,
  start: `2026-11-24T${start}:00.000Z`,
  end: `2026-11-24T${end}:00.000Z`,
});

describe("slotBands", () => {
  const range = { start: at("2026-11-24T06:00:00Z"), end: at("2026-11-24T20:00:00Z") };

  it("places each block on the timeline in time order", () => {
    const bands = slotBands([block("flex", "flex", "13:00", "15:00", "Emergencies"), block("fix", "fixed", "09:00", "11:00", "Maintenance")], range);
    expect(bands.map((b) => [b.label, b.kind, b.end - b.start])).toEqual([
      ["Maintenance", "fixed", 120],
      ["Emergencies", "flex", 120],
    ]);
    expect(bands[0].start).toBe(at("2026-11-24T09:00:00Z"));
  });

  it("cuts a block at the range's edge and leaves out one outside it", () => {
    const bands = slotBands([block("early", "fixed", "05:00", "07:00"), block("night", "flex", "21:00", "23:00")], range);
    expect(bands).toEqual([{ id: "early", kind: "fixed", label: "early", start: range.start, end: at("2026-11-24T07:00:00Z") }]);
  });

  it("draws nothing without a template", () => {
    expect(slotBands(undefined, range)).toEqual([]);
  });
});

describe("recoveryBands", () => {
  it.each([
    { name: "after each visit another follows", buffer: 15, visits: [[540, 600], [660, 720], [800, 860]], bands: [[600, 615], [720, 735]] },
    { name: "in any order", buffer: 20, visits: [[660, 720], [540, 600]], bands: [[600, 620]] },
    { name: "none after a single visit", buffer: 15, visits: [[540, 600]], bands: [] },
    { name: "none when the buffer is 0", buffer: 0, visits: [[540, 600], [660, 720]], bands: [] },
    { name: "none after a visit that overlaps the next", buffer: 15, visits: [[540, 650], [600, 700], [760, 800]], bands: [[700, 715]] },
  ])("$name", ({ buffer, visits, bands }) => {
    const result = recoveryBands(visits.map(([start, end]) => ({ start, end })), buffer);
    expect(result.map((b) => [b.start, b.end])).toEqual(bands);
  });
});

describe("stripWindow", () => {
  it("shows at least 07:00–18:00", () => {
    expect(stripWindow([])).toEqual({ start: 420, end: 1080 });
  });

  it("widens to whole hours around every shift and block", () => {
    expect(stripWindow([{ start: "06:30", end: "15:00" }, { start: "17:00", end: "19:15" }])).toEqual({ start: 360, end: 1200 });
  });
});

describe("stripPlacement", () => {
  const window = { start: 420, end: 1080 };

  it("places a block by the clock", () => {
    const p = stripPlacement({ start: "09:00", end: "11:00" }, window)!;
    expect(p.left).toBeCloseTo((120 / 660) * 100);
    expect(p.width).toBeCloseTo((120 / 660) * 100);
  });

  it("cuts a block at the window's edge and leaves out one wholly outside", () => {
    expect(stripPlacement({ start: "17:00", end: "20:00" }, window)!.width).toBeCloseTo((60 / 660) * 100);
    expect(stripPlacement({ start: "19:00", end: "20:00" }, window)).toBeNull();
  });
});
