import { z } from "zod";

/** A wall-clock time from a datetime-local input, in the company's time zone. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "Use a date and time like 2026-11-23T09:30." });

const optionalLocal = z.union([LocalDateTime, z.literal("").transform(() => null)]).nullish();

/** Skills typed as "HVAC, EPA-608" or sent as a list. */
export const SkillList = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(","))])
  .transform((list) => [...new Set(list.map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(60, { error: "A skill name is at most 60 characters." })).max(20, { error: "At most 20 skills." }));

export const Priority = z.coerce
  .number()
  .int()
  .min(1, { error: "Priority is 1 (emergency) to 4 (low)." })
  .max(4, { error: "Priority is 1 (emergency) to 4 (low)." }) as unknown as z.ZodType<1 | 2 | 3 | 4>;

export const NewJobSchema = z
  .object({
    workOrder: z.string().trim().max(64, { error: "A work order is at most 64 characters." }).optional(),
    templateId: z.union([z.uuid(), z.literal("").transform(() => null)]).nullish(),
    customerId: z.uuid({ error: "Choose a customer." }),
    /** The customer's site of the visit; empty: the customer's primary site. */
    siteId: z.union([z.uuid(), z.literal("").transform(() => null)]).nullish(),
    description: z.string().trim().max(2000).optional(),
    priority: Priority.optional(),
    requiredSkills: SkillList.optional(),
    estimatedMinutes: z.coerce.number().int({ error: "Whole minutes." }).min(5, { error: "At least 5 minutes." }).max(1440, { error: "At most 24 hours." }).optional(),
    windowStart: optionalLocal,
    windowEnd: optionalLocal,
    deadline: optionalLocal,
    slaProtected: z.boolean().optional(),
    notes: z.string().trim().max(2000).optional(),
    autoDispatch: z.boolean().default(true),
    /** The day to find room in (YYYY-MM-DD); empty = the window's day, else today. */
    date: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2026-11-23." }), z.literal("").transform(() => null)]).nullish(),
  })
  .refine((v) => Boolean(v.windowStart) === Boolean(v.windowEnd), { error: "Give both ends of the arrival window, or neither.", path: ["windowEnd"] })
  .refine((v) => !v.windowStart || !v.windowEnd || v.windowEnd > v.windowStart, { error: "The window must end after it starts.", path: ["windowEnd"] });
export type NewJobValues = z.infer<typeof NewJobSchema>;

export const JobIdSchema = z.object({ jobId: z.uuid() });
export const SuggestSchema = z.object({ jobId: z.uuid(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/** The dispatcher's answer to a customer's request for another time. */
export const RescheduleAnswerSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("move"),
    jobId: z.uuid(),
    jobVersion: z.number().int().nonnegative(),
    assignmentVersion: z.number().int().nonnegative().nullable(),
    leaderId: z.uuid(),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
  }),
  z.object({
    decision: z.literal("decline"),
    jobId: z.uuid(),
    jobVersion: z.number().int().nonnegative(),
    message: z.string().trim().min(3, { error: "Tell the customer why, in a few words." }).max(500, { error: "At most 500 characters." }),
  }),
]);
export type RescheduleAnswerInput = z.infer<typeof RescheduleAnswerSchema>;
