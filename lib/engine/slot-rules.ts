/**
 * Slot templates and the recovery buffer, as rules every placement path shares
 * (insertion, scoring, checks, bump ranking, replacement — and the optimiser).
 *
 * - Flex slots are kept for urgent work: a job of priority 1 (emergency) or 2
 *   (high) may use one; any other job may not overlap one.
 * - Fixed blocks are reserved for one kind of work (a job template): a job of that
 *   template prefers to sit inside its block, any other job prefers to stay out.
 *   Both are preferences worth `SLOT_FIT_MINUTES` of driving.
 * - The recovery buffer is kept between two on-site jobs of a technician, on top
 *   of the drive between them (not before the first job of the day).
 */
import { overlaps } from "@/lib/engine/ranges";
import type { Interval, Job, SlotBlock, Technician } from "@/lib/engine/types";

/** A routine job in its own block is worth this many minutes of extra driving; one in another kind's block costs as much. */
export const SLOT_FIT_MINUTES = 15;

/** Where a placement sits relative to the slot blocks. */
export type SlotFit =
  | { kind: "open" }
  | { kind: "own_block"; block: SlotBlock }
  | { kind: "other_block"; block: SlotBlock }
  | { kind: "flex"; block: SlotBlock };

/**
 * Whether a job may go into a flex slot: only urgent work (priority 1–2).
 *
 * @example mayUseFlex({ ...job, priority: 1 }) // true
 */
export function mayUseFlex(job: Pick<Job, "priority">): boolean {
  return job.priority <= 2;
}

/**
 * The buffer kept after one on-site job before the next (0 when unset).
 *
 * @example recoveryBuffer({ ...ana, recoveryBufferMin: 15 }) // 15
 */
export function recoveryBuffer(t: Pick<Technician, "recoveryBufferMin">): number {
  return Math.max(0, t.recoveryBufferMin ?? 0);
}

/**
 * Intervals of a technician's day a job may not overlap because of the slot
 * template: the flex slots, unless the job is urgent.
 *
 * @example closedBlocks(ana, { ...job, priority: 3 }) // [{ start: 780, end: 900, kind: "flex", … }]
 */
export function closedBlocks(t: Pick<Technician, "slotBlocks">, job: Pick<Job, "priority">): SlotBlock[] {
  if (!t.slotBlocks?.length || mayUseFlex(job)) return [];
  return t.slotBlocks.filter((b) => b.kind === "flex");
}

/**
 * How a placement sits with the technician's blocks: inside its own fixed block,
 * overlapping another kind's fixed block, in a flex slot, or in open time.
 * A job of a block's template counts as in its block only when wholly inside.
 *
 * @example slotFit(ana, routineJob, { start: 540, end: 600 }) // { kind: "own_block", block }
 */
export function slotFit(t: Pick<Technician, "slotBlocks">, job: Pick<Job, "templateId">, at: Interval): SlotFit {
  for (const block of t.slotBlocks ?? []) {
    if (!overlaps(block, at)) continue;
    if (block.kind === "flex") return { kind: "flex", block };
    const own = job.templateId != null && block.templateId === job.templateId;
    if (own && block.start <= at.start && at.end <= block.end) return { kind: "own_block", block };
    if (!own) return { kind: "other_block", block };
  }
  return { kind: "open" };
}

/**
 * Minutes-of-driving equivalent of a fit: −SLOT_FIT_MINUTES in its own block,
 * +SLOT_FIT_MINUTES in another kind's block, 0 otherwise.
 *
 * @example slotFitCost({ kind: "own_block", block }) // -15
 */
export function slotFitCost(fit: SlotFit): number {
  if (fit.kind === "own_block") return -SLOT_FIT_MINUTES;
  if (fit.kind === "other_block") return SLOT_FIT_MINUTES;
  return 0;
}

/** The fixed blocks reserved for this job's template. */
export function ownBlocks(t: Pick<Technician, "slotBlocks">, job: Pick<Job, "templateId">): SlotBlock[] {
  if (job.templateId == null) return [];
  return (t.slotBlocks ?? []).filter((b) => b.kind === "fixed" && b.templateId === job.templateId);
}

/** The fixed blocks reserved for other kinds of work than this job's. */
export function otherBlocks(t: Pick<Technician, "slotBlocks">, job: Pick<Job, "templateId">): SlotBlock[] {
  return (t.slotBlocks ?? []).filter((b) => b.kind === "fixed" && (job.templateId == null || b.templateId !== job.templateId));
}
