import { z } from "zod";
import { NewPasswordSchema } from "@/lib/schemas/signup";

/** Accepting an invitation with a new account: a name and a password. */
export const AcceptNewAccountSchema = z.object({
  token: z.string().min(20).max(200),
  fullName: z.string().trim().min(1, { error: "Enter your name." }).max(200, { error: "Use at most 200 characters." }),
  password: NewPasswordSchema,
});

/** Accepting an invitation into an existing account: that account's password. */
export const AcceptExistingAccountSchema = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(1, { error: "Enter your password." }).max(1024),
});
