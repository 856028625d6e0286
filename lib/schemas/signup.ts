import { z } from "zod";
import { isTimeZone } from "@/lib/time/zoned-time";

/** Shortest password Crewboard accepts for a new account. */
export const MIN_PASSWORD_LENGTH = 10;

export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(1024, { error: "Use at most 1,024 characters." });

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address." }).max(320));

export const TimeZoneSchema = z.string().refine(
  isTimeZone,
  { error: "Choose a time zone such as America/Chicago." },
);

/** "Create your company": the company and its first admin. */
export const CreateCompanySchema = z.object({
  companyName: z.string().trim().min(1, { error: "Enter your company's name." }).max(200, { error: "Use at most 200 characters." }),
  timeZone: TimeZoneSchema,
  fullName: z.string().trim().min(1, { error: "Enter your name." }).max(200, { error: "Use at most 200 characters." }),
  email: EmailSchema,
  password: NewPasswordSchema,
});
export type CreateCompanyInput = z.infer<typeof CreateCompanySchema>;

/**
 * A URL-safe company slug from its name (companies.slug: `^[a-z0-9][a-z0-9-]{1,62}$`).
 *
 * @example
 * slugFromName("Polar Air & Refrigeration") // "polar-air-refrigeration"
 */
export function slugFromName(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return base.length >= 2 ? base : `company${base ? `-${base}` : ""}`;
}
