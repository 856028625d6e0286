import { z } from "zod";
import { Priority, SkillList } from "@/lib/schemas/jobs";

export const TemplateSchema = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, { error: "Give the template a name." }).max(120),
    defaultMinutes: z.coerce.number().int({ error: "Whole minutes." }).min(5, { error: "At least 5 minutes." }).max(1440, { error: "At most 24 hours." }),
    requiredSkills: SkillList,
    priority: Priority,
    notes: z.string().trim().max(2000).transform((s) => s || null).nullable().default(null),
    dispatchMode: z.enum(["preassigned", "broadcast", "auto", "manual"], { error: "Choose how jobs of this template are dispatched." }),
    autoDispatchEnabled: z.boolean().default(true),
    active: z.boolean().default(true),
    leaderIds: z.array(z.uuid()).max(10).default([]),
    helperIds: z.array(z.uuid()).max(10).default([]),
  })
  .refine((v) => v.dispatchMode !== "preassigned" || v.leaderIds.length > 0, {
    error: "Pre-assigned templates need at least one crew leader.",
    path: ["leaderIds"],
  });
export type TemplateValues = z.infer<typeof TemplateSchema>;
