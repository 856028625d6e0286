import { z } from "zod";

export const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address." }).max(320)),
  password: z.string().min(1, { error: "Enter your password." }).max(1024),
  next: z.string().optional(),
});
export type SignInInput = z.infer<typeof SignInSchema>;

/**
 * Only same-site paths are followed after sign-in (no open redirects). Without one,
 * technicians go to their phone app and everyone else to the board.
 */
export function safeNextPath(next: string | undefined | null, role?: string): string {
  const home = role === "technician" ? "/tech" : "/schedules";
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return home;
  return next;
}
