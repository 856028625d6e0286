/** On-call rotations and swaps as forms and actions send them. */
import { z } from "zod";
import { DateParam } from "@/lib/schemas/board";

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Use a time like 08:00." });

export const RotationSchema = z.object({
  name: z.string().trim().min(1, { error: "Give the rotation a name." }).max(120, { error: "At most 120 characters." }),
  cadence: z.enum(["daily", "weekly"], { error: "Choose daily or weekly." }),
  handoverTime: Clock,
  timeZone: z.string().refine((tz) => Intl.supportedValuesOf("timeZone").includes(tz) || tz === "UTC", { error: "Choose a time zone." }),
  startsOn: DateParam,
  memberIds: z
    .array(z.uuid({ error: "Not a valid technician." }))
    .min(1, { error: "Choose at least one technician." })
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, { error: "A technician is in the rotation once." }),
});
export type RotationValues = z.infer<typeof RotationSchema>;

export const SwapRequestSchema = z.object({
  rotationId: z.uuid({ error: "Not a valid rotation." }),
  turnStart: z.iso.datetime({ offset: true, error: "Choose a turn." }),
  toTechnicianId: z.uuid({ error: "Choose who takes the turn." }),
  reason: z.string().trim().max(500, { error: "At most 500 characters." }).nullable().default(null),
});

export const SwapDecisionSchema = z.object({
  id: z.uuid({ error: "Not a valid swap." }),
  approve: z.boolean(),
});
