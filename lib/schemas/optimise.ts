import { z } from "zod";
import { DateParam, TabId } from "@/lib/schemas/board";

const Uuid = z.uuid({ error: "Not a valid id." });
const Instant = z.iso.datetime({ offset: true, error: "Use an ISO date and time." });

/** Longest a dispatcher may let the optimiser think, in seconds. */
export const MAX_OPTIMISE_SECONDS = 30;

/** "Optimise day": which day, whose days, what may move, and how long to think. */
export const OptimiseDaySchema = z.object({
  date: DateParam,
  /** Omitted: every active technician. */
  technicianIds: z.array(Uuid).min(1, { error: "Choose at least one technician." }).max(500).optional(),
  movePublished: z.boolean().default(false),
  timeLimitSeconds: z
    .int()
    .min(1, { error: "Let the optimiser think for at least a second." })
    .max(MAX_OPTIMISE_SECONDS, { error: `The optimiser thinks for at most ${MAX_OPTIMISE_SECONDS} seconds.` })
    .default(5),
});
export type OptimiseDayValues = z.infer<typeof OptimiseDaySchema>;

const Placement = z.object({
  jobId: Uuid,
  workOrder: z.string().max(100),
  jobVersion: z.int().positive(),
  assignmentVersion: z.int().positive().nullable(),
  leaderId: Uuid,
  helperIds: z.array(Uuid).max(10).default([]),
  start: Instant,
  end: Instant,
});

/** Approving a previewed optimisation: the placements and the board they were planned on. */
export const ApplyDayPlanSchema = z.object({
  date: DateParam,
  technicianIds: z.array(Uuid).min(1).max(500),
  movePublished: z.boolean(),
  placements: z.array(Placement).max(2000),
  seen: z.array(z.object({ jobId: Uuid, jobVersion: z.int().positive(), assignmentVersion: z.int().positive() })).max(5000),
  summary: z.string().min(1).max(500),
  travelBefore: z.number().min(0),
  travelAfter: z.number().min(0),
  tabId: TabId.optional(),
});
export type ApplyDayPlanValues = z.infer<typeof ApplyDayPlanSchema>;

export const UndoOptimisationSchema = z.object({ optimisationId: Uuid, tabId: TabId.optional() });

/** One line of the optimiser's streamed answer. */
export type OptimiseStreamLine<T> =
  | { type: "progress"; elapsedMs: number; limitMs: number; iteration: number }
  | { type: "result"; data: T }
  | { type: "failure"; error: { code: string; message: string } };
