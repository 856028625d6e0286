import { z } from "zod";
import { DateParam } from "@/lib/schemas/board";

const text = (max: number, message: string) => z.string().trim().max(max, { error: message });
const optional = (max: number, message: string) =>
  text(max, message)
    .transform((s) => s || null)
    .nullish();

/** What a customer sends from /request/<slug>; every field bounded. */
export const PortalRequestSchema = z
  .object({
    name: text(100, "At most 100 characters.").min(1, { error: "Enter your name." }),
    phone: optional(40, "At most 40 characters."),
    email: z.union([z.literal("").transform(() => null), z.email({ error: "Enter a valid email address." }).max(200)]).nullish(),
    address: text(300, "At most 300 characters.").min(3, { error: "Enter the street address where we should come." }),
    city: optional(120, "At most 120 characters."),
    postalCode: optional(20, "At most 20 characters."),
    problem: text(2000, "At most 2,000 characters.").min(3, { error: "Tell us what is wrong." }),
    templateId: z.uuid({ error: "Choose the kind of service." }),
    preferredDate: z.union([z.literal("").transform(() => null), DateParam]).nullish(),
    preferredWindow: z.enum(["any", "morning", "afternoon"]).default("any"),
    /** Left empty by people; filled by form-filling robots. */
    website: z.string().max(200).optional(),
  })
  .refine((v) => v.phone || v.email, { error: "Give a phone number or an email address so we can reach you.", path: ["phone"] });
export type PortalRequestValues = z.infer<typeof PortalRequestSchema>;

export const PortalRescheduleSchema = z.object({
  message: z.string().trim().min(3, { error: "Say which days or times suit you." }).max(500, { error: "At most 500 characters." }),
  requestedDate: DateParam.or(z.literal("").transform(() => null)).nullish().refine((d) => Boolean(d), { error: "Choose the day you would like." }),
  requestedWindow: z.enum(["any", "morning", "afternoon"]).default("any"),
});

export const PortalSettingsSchema = z.object({
  enabled: z.boolean(),
  offeredTemplateIds: z.array(z.uuid()).max(200),
});
