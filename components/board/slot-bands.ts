/**
 * What a lane draws behind its visits from the company's slot template: the
 * fixed blocks and flex slots of the day, and the recovery buffer kept after a
 * visit when another follows (the same rule placement checks apply).
 */
import type { BoardSlotBlock } from "@/lib/db/board";
import type { EpochMinute, Interval } from "@/lib/engine/types";
import { toMinute } from "@/lib/time/epoch-minute";

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
