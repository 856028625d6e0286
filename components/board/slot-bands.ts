/**
 * What a lane draws behind its visits from the company's slot template: the
 * fixed blocks and flex slots of the day, and the recovery buffer kept after a
 * visit when another follows (the same rule placement checks apply).
 */
import type { BoardSlotBlock } from "@/lib/db/board";
import type { EpochMinute, Interval } from "@/lib/engine/types";
import { toMinute } from "@/lib/time/epoch-minute";

/** Background of a fixed block and of a flex slot (day lanes, week cells); the legends use the same swatches. */
export const SLOT_BAND_STYLE = {
  fixed: "bg-sky-100 border-x border-sky-300",
  flex: "bg-[repeating-linear-gradient(135deg,rgb(254_243_199)_0,rgb(254_243_199)_6px,rgb(253_230_138)_6px,rgb(253_230_138)_8px)] border-x border-amber-300",
} as const;
export const RECOVERY_BAND_STYLE = "bg-[repeating-linear-gradient(90deg,rgb(148_163_184)_0,rgb(148_163_184)_2px,transparent_2px,transparent_4px)]";

/** A slot block on the timeline, in epoch minutes. */
export interface SlotBand {
  id: string;
  kind: "fixed" | "flex";
  label: string;
  start: EpochMinute;
  end: EpochMinute;
}

/**
 * The day's slot blocks as bands inside the shown range, in time order (a block
 * wholly outside the range is left out, one crossing its edge is cut at it).
 *
 * @example slotBands(day.slotBlocks, range) // [{ kind: "fixed", label: "Maintenance", start, end }, …]
 */
export function slotBands(blocks: readonly BoardSlotBlock[] | undefined, range: Interval): SlotBand[] {
  const bands: SlotBand[] = [];
  for (const b of blocks ?? []) {
    const start = Math.max(range.start, toMinute(b.start));
    const end = Math.min(range.end, toMinute(b.end));
    if (end > start) bands.push({ id: b.id, kind: b.kind, label: b.label, start, end });
  }
  return bands.sort((a, b) => a.start - b.start);
}

/**
 * The recovery buffer after each visit that another visit follows on the same
 * lane: `bufferMin` minutes from its end (none after the last visit, none when
 * the buffer is 0).
 *
 * @example recoveryBands([{ start: 540, end: 600 }, { start: 660, end: 720 }], 15) // [{ start: 600, end: 615 }]
 */
export function recoveryBands(visits: readonly Interval[], bufferMin: number): Interval[] {
  if (bufferMin <= 0 || visits.length < 2) return [];
  const sorted = [...visits].sort((a, b) => a.start - b.start || a.end - b.end);
  const bands: Interval[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const end = sorted[i].end;
    // a visit overlapping a later one (a crew double-booked) has no gap to buffer
    if (sorted.slice(i + 1).some((v) => v.start < end)) continue;
    bands.push({ start: end, end: end + bufferMin });
  }
  return bands;
}

/** A span of a day by the clock ("HH:MM"), as the slot template and shifts are kept. */
export interface ClockSpan {
  start: string;
  end: string;
}

/** A slot block of one weekday by the clock (the week view draws these). */
export interface ClockSlotBlock extends ClockSpan {
  id: string;
  kind: "fixed" | "flex";
  label: string;
}

const minutesOfDay = (hm: string): number => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/**
 * The part of the day a week cell's strip shows, in minutes after midnight: whole
 * hours covering every shift and block of the week, at least 07:00–18:00.
 *
 * @example stripWindow([{ start: "06:30", end: "15:00" }]) // { start: 360, end: 1080 }
 */
export function stripWindow(spans: readonly ClockSpan[]): { start: number; end: number } {
  let start = 7 * 60;
  let end = 18 * 60;
  for (const s of spans) {
    start = Math.min(start, minutesOfDay(s.start));
    end = Math.max(end, minutesOfDay(s.end));
  }
  return { start: Math.floor(start / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) };
}

/**
 * Where a clock span sits on a strip showing `window`, as left and width percentages
 * (cut at the window's edges; null when wholly outside).
 *
 * @example stripPlacement({ start: "09:00", end: "11:00" }, { start: 420, end: 1080 }) // { left: 18.18…, width: 18.18… }
 */
export function stripPlacement(span: ClockSpan, window: { start: number; end: number }): { left: number; width: number } | null {
  const from = Math.max(window.start, minutesOfDay(span.start));
  const to = Math.min(window.end, minutesOfDay(span.end));
  if (to <= from) return null;
  const length = window.end - window.start;
  return { left: ((from - window.start) / length) * 100, width: ((to - from) / length) * 100 };
}
