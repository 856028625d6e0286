/** A priority / SLA rule as the rules page edits it. */
import { z } from "zod";
import { MATCH_KINDS } from "@/lib/engine/service-rules";

export const RuleSchema = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, { error: "Name the rule." }).max(120, { error: "At most 120 characters." }),
    matchKind: z.enum(MATCH_KINDS, { error: "Choose what the rule covers." }),
    matchValue: z.string().trim().max(200, { error: "At most 200 characters." }).optional().transform((v) => v || null),
    setPriority: z.union([z.coerce.number().int().min(1).max(4), z.literal("").transform(() => null), z.null()]).optional().transform((v) => (v ?? null) as 1 | 2 | 3 | 4 | null),
    setSlaProtected: z.enum(["", "protect", "allow"]).default("").transform((v) => (v === "" ? null : v === "protect")),
    responseMinutes: z
      .union([z.coerce.number().int({ error: "Whole minutes." }).min(1, { error: "At least 1 minute." }).max(43200, { error: "At most 30 days." }), z.literal("").transform(() => null), z.null()])
      .optional()
      .transform((v) => v ?? null),
    position: z.coerce.number().int().min(0).max(10_000).default(0),
    active: z.boolean().default(true),
    applyToOpenJobs: z.boolean().default(false),
  })
  .refine((r) => r.matchKind === "contract_customer" || r.matchValue, { error: "Say which skill, keyword or customer the rule covers.", path: ["matchValue"] })
  .refine((r) => r.setPriority !== null || r.setSlaProtected !== null || r.responseMinutes !== null, { error: "A rule must set a priority, the bump protection or a response time.", path: ["setPriority"] });

export const RuleIdSchema = z.object({ id: z.uuid() });
