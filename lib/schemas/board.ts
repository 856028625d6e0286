import { z } from "zod";

/** A calendar date as YYYY-MM-DD that actually exists. */
export const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2026-11-23." })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { error: "That date does not exist." });

const Uuid = z.uuid({ error: "Not a valid id." });
const Instant = z.iso.datetime({ offset: true, error: "Use an ISO date and time." });
/** The browser tab making a change; its own live events are not echoed back to it. */
export const TabId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, { error: "Not a valid tab id." });

export const PlaceJobSchema = z
  .object({
    jobId: Uuid,
    jobVersion: z.int().positive(),
    assignmentVersion: z.int().positive().nullable(),
    leaderId: z.uuid({ error: "Choose a crew leader." }),
    helperIds: z.array(Uuid).max(10, { error: "A crew has at most 10 helpers." }).default([]),
    start: Instant,
    end: Instant,
    notifyCustomer: z.boolean().default(true),
    tabId: TabId.optional(),
  })
  .refine((v) => Date.parse(v.end) > Date.parse(v.start), { error: "The end must be after the start.", path: ["end"] })
  .refine((v) => Date.parse(v.end) - Date.parse(v.start) <= 24 * 3_600_000, { error: "A visit lasts at most 24 hours.", path: ["end"] })
  .refine((v) => !v.helperIds.includes(v.leaderId), { error: "The crew leader cannot also be a helper.", path: ["helperIds"] });
export type PlaceJobValues = z.infer<typeof PlaceJobSchema>;

export const UnassignJobSchema = z.object({
  jobId: Uuid,
  jobVersion: z.int().positive(),
  assignmentVersion: z.int().positive(),
  notifyCustomer: z.boolean().default(true),
  tabId: TabId.optional(),
});

export const UndoSchema = z.object({
  changeId: Uuid.optional(),
  notifyCustomer: z.boolean().default(true),
  tabId: TabId.optional(),
});

export const DaySchema = z.object({ date: DateParam });

/** Some jobs of one day's board, fetched again after a live event named them. */
export const BoardJobsSchema = z.object({
  date: DateParam,
  jobIds: z.array(Uuid).min(1).max(500, { error: "At most 500 jobs at a time." }),
});
