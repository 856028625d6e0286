import { z } from "zod";
import { isCalendarDate } from "@/lib/time/calendar-date";

/** A calendar date as YYYY-MM-DD that actually exists. */
export const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2026-11-23." })
  .refine(isCalendarDate, { error: "That date does not exist." });

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

/** A slice of a day's lanes (technicians by name), for a large board filling in after its first paint. */
export const BoardLanesSchema = z.object({
  date: DateParam,
  offset: z.coerce.number({ error: "The first lane must be a number." }).int().min(0).max(100_000),
  limit: z.coerce.number({ error: "The number of lanes must be a number." }).int().min(1, { error: "Ask for at least one lane." }).max(200, { error: "At most 200 lanes at a time." }),
});

/** Some jobs of one day's board, fetched again after a live event named them. */
export const BoardJobsSchema = z.object({
  date: DateParam,
  jobIds: z.array(Uuid).min(1).max(500, { error: "At most 500 jobs at a time." }),
});
