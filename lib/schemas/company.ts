import { z } from "zod";
import { isTimeZone } from "@/lib/time/zoned-time";

const number = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter the ${label} as a number.` })
    .min(min, { error: `The ${label} is between ${min} and ${max}.` })
    .max(max, { error: `The ${label} is between ${min} and ${max}.` });

/** Everything an admin sets for the company; percentages arrive as 0–100. */
export const CompanySettingsSchema = z.object({
  name: z.string().trim().min(1, { error: "The company needs a name." }).max(200),
  timeZone: z.string().refine(isTimeZone, { error: "Choose a time zone such as America/Chicago." }),
  travelSpeedKmh: number("average speed", 5, 200),
  roadFactor: number("road factor", 1, 3),
  travelBufferMin: number("travel buffer", 0, 120).pipe(z.int({ error: "Whole minutes." })),
  capacityThresholdPercent: number("capacity threshold", 10, 100),
  snapMinutes: z.coerce.number().pipe(z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)], { error: "Snap to 5, 10, 15, 30 or 60 minutes." })),
  rescheduleNoticeEnabled: z.boolean(),
  autoDispatchEnabled: z.boolean(),
  urgentRequiresAdmin: z.boolean(),
  /** True: a dispatcher approves technicians' time off; false: it applies at once. */
  timeOffNeedsApproval: z.boolean(),
  /** Minutes before a visit its crew is reminded; 0 turns visit reminders off. */
  visitReminderMinutes: number("reminder lead time", 0, 240).pipe(z.int({ error: "Whole minutes." })),
  /** When (company time) the summary of tomorrow's published day goes out. */
  eveningSummaryAt: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Enter the summary time like 18:00 (24-hour clock)." }),
  weights: z.object({
    travel: number("travel weight", 0, 100),
    skill: number("skill weight", 0, 1000),
    workload: number("workload weight", 0, 1000),
    preference: number("preference weight", 0, 1000),
  }),
});
export type CompanySettingsValues = z.infer<typeof CompanySettingsSchema>;
