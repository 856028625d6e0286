import { z } from "zod";
import { LocalDateTime, Priority, SkillList } from "@/lib/schemas/jobs";

const optionalText = (max: number) => z.string().trim().max(max).transform((s) => s || null).nullish();
const coordinate = (min: number, max: number, what: string) =>
  z.union([z.literal("").transform(() => null), z.coerce.number({ error: `Enter the ${what} as a number.` }).min(min, { error: `The ${what} is between ${min} and ${max}.` }).max(max, { error: `The ${what} is between ${min} and ${max}.` })]).nullish();

export const UrgentIntakeSchema = z
  .object({
    workOrder: z.string().trim().min(1, { error: "Enter the work-order number." }).max(64, { error: "A work order is at most 64 characters." }),
    customerId: z.union([z.uuid(), z.literal("").transform(() => null)]).nullish(),
    newCustomerName: optionalText(200),
    newCustomerPhone: optionalText(40),
    newCustomerEmail: z.union([z.literal("").transform(() => null), z.email({ error: "Enter a valid email address." })]).nullish(),
    address: optionalText(300),
    city: optionalText(120),
    lat: coordinate(-90, 90, "latitude"),
    lng: coordinate(-180, 180, "longitude"),
    requiredSkills: SkillList,
    durationMin: z.coerce.number({ error: "Enter the duration in minutes." }).int({ error: "Whole minutes." }).min(5, { error: "At least 5 minutes." }).max(720, { error: "At most 12 hours." }),
    deadline: LocalDateTime,
    priority: Priority.default(1 as const),
    description: z.string().trim().min(1, { error: "Say what is wrong." }).max(2000),
    notes: optionalText(2000),
  })
  .refine((v) => v.customerId || v.newCustomerName, { error: "Choose a customer or enter a new one's name.", path: ["customerId"] })
  .refine((v) => v.customerId || v.newCustomerPhone || v.newCustomerEmail, { error: "A new customer needs a phone or an email, so they can be told when you arrive.", path: ["newCustomerPhone"] })
  .refine((v) => v.customerId || (v.lat != null && v.lng != null), { error: "Enter the site's coordinates for a new customer.", path: ["lat"] })
  .refine((v) => (v.lat == null) === (v.lng == null), { error: "Enter both latitude and longitude, or neither.", path: ["lng"] });
export type UrgentIntakeValues = z.infer<typeof UrgentIntakeSchema>;

export const RerankSchema = z.object({ requestId: z.uuid(), allowSlaOverride: z.boolean() });

export const ApproveSchema = z.object({
  requestId: z.uuid(),
  optionId: z.string().min(1).max(500),
  overrideReason: z.string().trim().max(500).nullish(),
});
