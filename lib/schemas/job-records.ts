/** The jobs list's filter (from the address bar) and the job page's actions. */
import { z } from "zod";

const STATUSES = ["unscheduled", "scheduled", "published", "in_progress", "done", "cancelled"] as const;
const day = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal("").transform(() => undefined)]).optional();

/** Lenient: a bad parameter is dropped, never an error page. */
export const JobSearchParams = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z
    .union([z.enum(STATUSES), z.array(z.enum(STATUSES))])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
    .catch(undefined),
  from: day.catch(undefined),
  to: day.catch(undefined),
  technician: z.union([z.uuid(), z.literal("").transform(() => undefined)]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type JobSearchValues = z.infer<typeof JobSearchParams>;

export const JobNotesSchema = z.object({
  jobId: z.uuid(),
  version: z.coerce.number().int().positive(),
  notes: z.string().trim().max(2000, { error: "Notes are at most 2,000 characters." }).transform((s) => s || null),
});

export const CancelJobSchema = z.object({
  jobId: z.uuid(),
  version: z.coerce.number().int().positive(),
  reason: z.string().trim().min(3, { error: "Say why the job is cancelled (the customer is told)." }).max(500, { error: "At most 500 characters." }),
  notifyCustomer: z.boolean().default(true),
});

export const CopyJobSchema = z.object({ jobId: z.uuid(), kind: z.enum(["duplicate", "return_visit"]) });
