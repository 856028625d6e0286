/** A recurring maintenance series as the customer page edits it. */
import { z } from "zod";
import { Priority, SkillList } from "@/lib/schemas/jobs";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2026-12-31." });
const time = z.union([z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Use a time like 08:00." }), z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null);

export const SeriesSchema = z
  .object({
    id: z.uuid().optional(),
    version: z.coerce.number().int().positive().optional(),
    customerId: z.uuid(),
    siteId: z.uuid({ error: "Choose the site." }),
    description: z.string().trim().min(1, { error: "Say what is done at each visit." }).max(2000),
    priority: Priority.default(3 as const),
    requiredSkills: SkillList.default([]),
    estimatedMinutes: z.coerce.number().int({ error: "Whole minutes." }).min(5, { error: "At least 5 minutes." }).max(1440, { error: "At most 24 hours." }),
    slaProtected: z.boolean().default(false),
    notes: z.string().trim().max(2000).optional().transform((v) => v || null),
    frequency: z.enum(["weekly", "monthly", "monthly_weekday"], { error: "Choose how often." }),
    every: z.coerce.number().int().min(1, { error: "At least 1." }).max(52, { error: "At most 52." }),
    startsOn: date,
    endsOn: z.union([date, z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null),
    windowStart: time,
    windowEnd: time,
    horizonDays: z.coerce.number().int().min(7, { error: "At least 7 days." }).max(366, { error: "At most a year." }).default(60),
    /** The kind of work (a job template): its routine slots take the visits. Empty: none. */
    templateId: z.union([z.uuid({ error: "Choose a kind of work from the list." }), z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null),
  })
  .refine((s) => !s.endsOn || s.endsOn >= s.startsOn, { error: "The series must end on or after its first visit.", path: ["endsOn"] })
  .refine((s) => (s.windowStart === null) === (s.windowEnd === null), { error: "Give both ends of the arrival window, or neither.", path: ["windowEnd"] })
  .refine((s) => !s.windowStart || !s.windowEnd || s.windowEnd > s.windowStart, { error: "The window must end after it starts.", path: ["windowEnd"] });

export const SeriesRefSchema = z.object({ id: z.uuid(), version: z.coerce.number().int().positive() });
