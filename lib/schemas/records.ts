/**
 * Forms for the records a company keeps: technicians, customers with sites and
 * contacts, and the address lookup they share. One schema per operation.
 */
import { z } from "zod";
import { SkillList } from "@/lib/schemas/jobs";

const trimmed = (max: number, what: string) => z.string().trim().max(max, { error: `${what} is at most ${max} characters.` });
const optionalText = (max: number, what: string) =>
  z.union([trimmed(max, what), z.null()]).optional().transform((v) => (v ? v : null));
const email = z.union([
  z.literal("").transform(() => null),
  z.null(),
  z.string().trim().toLowerCase().pipe(z.email({ error: "Enter an email address like name@example.com." })),
]).optional().transform((v) => v ?? null);
const phone = z
  .union([z.null(), z.string().trim().max(40, { error: "A phone number is at most 40 characters." })])
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^[+()\d\s.-]{5,40}$/.test(v), { error: "Use digits, spaces, + ( ) . and - only." });
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2026-12-31." });
const optionalDate = z.union([dateText, z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Use a time like 07:30." });

/** Comma-separated words or a list (zones, tags). */
export const WordList = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(","))])
  .transform((list) => [...new Set(list.map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(60, { error: "A name is at most 60 characters." })).max(30, { error: "At most 30 entries." }));

/** An address as typed, with the point the person confirmed on the map (if any). */
export const AddressInput = z
  .object({
    address: trimmed(300, "The street address").min(1, { error: "Enter the street address." }),
    city: optionalText(120, "The city"),
    region: optionalText(60, "The state"),
    postalCode: optionalText(20, "The postal code"),
    country: z
      .union([z.literal(""), z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { error: "Use a two-letter country code like US." })])
      .optional()
      .transform((v) => v || "US"),
    /** From the lookup or the dragged pin; absent means "look it up on save". */
    lat: z.coerce.number().min(-90).max(90).nullish(),
    lng: z.coerce.number().min(-180).max(180).nullish(),
    approximate: z.boolean().optional(),
  })
  .refine((v) => (v.lat == null) === (v.lng == null), { error: "The map point is incomplete: look the address up again.", path: ["address"] });
export type AddressValues = z.infer<typeof AddressInput>;

export const LookupAddressSchema = z.object({
  address: trimmed(300, "The street address"),
  city: optionalText(120, "The city"),
  region: optionalText(60, "The state"),
  postalCode: optionalText(20, "The postal code"),
  country: z.string().trim().toUpperCase().max(2).optional(),
});

export const ShiftInput = z
  .object({
    weekday: z.coerce.number().int().min(1).max(7),
    start: time,
    end: time,
    breakStart: z.union([time, z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null),
    breakMinutes: z.union([z.coerce.number().int().min(5, { error: "A break is at least 5 minutes." }).max(240, { error: "A break is at most 4 hours." }), z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null),
  })
  .refine((s) => s.end > s.start, { error: "The shift must end after it starts.", path: ["end"] })
  .refine((s) => (s.breakStart === null) === (s.breakMinutes === null), { error: "Give the break's start and length, or neither.", path: ["breakMinutes"] })
  .refine((s) => s.breakStart === null || (s.breakStart >= s.start && minutesOf(s.breakStart) + (s.breakMinutes ?? 0) <= minutesOf(s.end)), {
    error: "The break must fall inside the shift.",
    path: ["breakStart"],
  });

function minutesOf(hm: string): number {
  const [h, m] = hm.split(":").map(Number);
  return h * 60 + m;
}

export const CertificationInput = z.object({
  name: trimmed(60, "A certification name").min(1, { error: "Name the certification." }),
  expiresOn: optionalDate,
});

export const TechnicianSchema = z.object({
  id: z.uuid().optional(),
  version: z.coerce.number().int().positive().optional(),
  name: trimmed(200, "The name").min(1, { error: "Enter the technician's name." }),
  email,
  phone,
  skills: SkillList.default([]),
  zones: WordList.default([]),
  notes: optionalText(4000, "Notes"),
  home: AddressInput,
  userId: z.union([z.uuid(), z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null),
  shifts: z
    .array(ShiftInput)
    .max(7)
    .default([])
    .refine((list) => new Set(list.map((s) => s.weekday)).size === list.length, { error: "One shift per weekday." }),
  certifications: z
    .array(CertificationInput)
    .max(30)
    .default([])
    .refine((list) => new Set(list.map((c) => c.name.toLowerCase())).size === list.length, { error: "Each certification once." }),
});
export type TechnicianValues = z.infer<typeof TechnicianSchema>;

export const TimeOffSchema = z
  .object({
    technicianId: z.uuid(),
    id: z.uuid().optional(),
    start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "Use a date and time." }),
    end: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "Use a date and time." }),
    reason: optionalText(200, "The reason"),
  })
  .refine((v) => v.end > v.start, { error: "Time off must end after it starts.", path: ["end"] });

export const TimeOffIdSchema = z.object({ technicianId: z.uuid(), id: z.uuid() });
export const TechnicianStateSchema = z.object({ id: z.uuid(), version: z.coerce.number().int().positive(), active: z.boolean() });

export const CustomerSchema = z.object({
  id: z.uuid().optional(),
  version: z.coerce.number().int().positive().optional(),
  name: trimmed(200, "The name").min(1, { error: "Enter the customer's name." }),
  email,
  phone,
  contract: z.boolean().default(false),
  slaPriority: z.union([z.coerce.number().int().min(1).max(4), z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null),
  responseMinutes: z
    .union([z.coerce.number().int({ error: "Whole minutes." }).min(1, { error: "At least 1 minute." }).max(43200, { error: "At most 30 days." }), z.literal("").transform(() => null), z.null()])
    .optional()
    .transform((v) => v ?? null),
  contractEndsOn: optionalDate,
  notes: optionalText(4000, "Notes"),
  preferredTechnicianId: z.union([z.uuid(), z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null),
});
export type CustomerValues = z.infer<typeof CustomerSchema>;

/** A first-time caller: name, phone and one site, entered in one go. */
export const QuickCustomerSchema = z.object({
  name: trimmed(200, "The name").min(1, { error: "Enter the customer's name." }),
  phone,
  email,
  site: AddressInput,
});
export type QuickCustomerValues = z.infer<typeof QuickCustomerSchema>;

export const SiteSchema = z.object({
  customerId: z.uuid(),
  id: z.uuid().optional(),
  version: z.coerce.number().int().positive().optional(),
  label: trimmed(120, "The label").min(1, { error: "Name the site (e.g. Warehouse)." }),
  accessNotes: optionalText(2000, "Access notes"),
  preferredTechnicianId: z.union([z.uuid(), z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null),
  primary: z.boolean().default(false),
  active: z.boolean().default(true),
  place: AddressInput,
});
export type SiteValues = z.infer<typeof SiteSchema>;

export const ContactSchema = z
  .object({
    customerId: z.uuid(),
    name: trimmed(200, "The name").min(1, { error: "Enter the contact's name." }),
    role: optionalText(120, "The role"),
    email,
    phone,
    notifyBy: z.enum(["none", "email", "sms"]).default("none"),
  })
  .refine((c) => c.notifyBy !== "email" || c.email, { error: "Notices by email need an email address.", path: ["email"] })
  .refine((c) => c.notifyBy !== "sms" || c.phone, { error: "Notices by text need a phone number.", path: ["phone"] });

export const ContactIdSchema = z.object({ customerId: z.uuid(), id: z.uuid() });
export const CustomerSearchSchema = z.object({ q: z.string().trim().max(200).default(""), limit: z.coerce.number().int().min(1).max(50).default(10) });
