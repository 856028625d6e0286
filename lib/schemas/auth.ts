import { z } from "zod";

export const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address." }).max(320)),
  password: z.string().min(1, { error: "Enter your password." }).max(1024),
  next: z.string().optional(),
});
export type SignInInput = z.infer<typeof SignInSchema>;

const BASE = "http://crewboard.invalid";

/**
 * Where to go after sign-in: only a path on this site. The value is parsed as a URL
 * against a placeholder origin, the way a browser would resolve it, and refused unless
 * it stays on that origin; control characters and backslashes (which browsers strip or
 * read as "/") are refused outright, so `/\t/evil.example`, `//evil`, `/\\evil` and
 * `https://…` all fall back to the person's home page.
 *
 * @example
 * safeNextPath("/audit?x=1") // "/audit?x=1"
 * safeNextPath("//evil.example") // "/schedules"
 */
export function safeNextPath(next: string | undefined | null, role?: string): string {
  // technicians go to their phone app, everyone else to the board
  const fallback = role === "technician" ? "/tech" : "/schedules";
  if (!next || next.length > 2000 || !next.startsWith("/")) return fallback;
  // C0/C1 controls, DEL, backslashes and whitespace have no place in a path we send people to
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || next.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
