"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/connection";
import { resetPassword } from "@/lib/db/passwords";
import { hashPassword } from "@/lib/auth/password";
import { linkTokenHash } from "@/lib/auth/tokens";
import { ResetPasswordSchema } from "@/lib/schemas/passwords";
import { currentSupabaseUser, setPasswordThroughSupabase, signOutOfSupabase } from "@/lib/auth/supabase-auth";
import { SUPABASE_RESET_TOKEN, supabaseForRequest } from "@/lib/auth/supabase-cookies";
import { accountForSupabaseUser } from "@/lib/db/accounts";
import { revokeUserSessions } from "@/lib/db/sessions";

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
  const supabase = await supabaseForRequest();
  if (supabase && parsed.data.token === SUPABASE_RESET_TOKEN) {
    // the reset link was Supabase's: its session (from /auth/confirm) sets the new password
    const person = await currentSupabaseUser(supabase.config, supabase.jar);
    if (!person) return { message: "This link has expired or was already used. Ask for a new one." };
    const set = await setPasswordThroughSupabase(supabase.config, supabase.jar, parsed.data.newPassword);
    if (!set.ok) return { message: set.message };
    const userId = await accountForSupabaseUser(await getDb(), person.userId, person.email);
    if (userId) await revokeUserSessions(await getDb(), userId, "password reset");
    await signOutOfSupabase(supabase.config, supabase.jar);
    redirect("/login?reset=1");
  }
  const result = await resetPassword(await getDb(), linkTokenHash(parsed.data.token), await hashPassword(parsed.data.newPassword));
  if (!result.ok) return { message: "This link has expired or was already used. Ask for a new one." };
  redirect("/login?reset=1");
}
