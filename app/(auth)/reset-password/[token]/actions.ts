"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/connection";
import { resetPassword } from "@/lib/db/passwords";
import { hashPassword } from "@/lib/auth/password";
import { linkTokenHash } from "@/lib/auth/tokens";
import { ResetPasswordSchema } from "@/lib/schemas/passwords";

export interface ResetState {
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

/** Choose a new password through a reset link; every session of the account ends. */
export async function resetPasswordAction(_prev: ResetState, form: FormData): Promise<ResetState> {
  const parsed = ResetPasswordSchema.safeParse({ token: String(form.get("token") ?? ""), newPassword: String(form.get("newPassword") ?? "") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { message: "Some fields need attention.", fieldErrors };
  }
  const result = await resetPassword(await getDb(), linkTokenHash(parsed.data.token), await hashPassword(parsed.data.newPassword));
  if (!result.ok) return { message: "This link has expired or was already used. Ask for a new one." };
  redirect("/login?reset=1");
}
