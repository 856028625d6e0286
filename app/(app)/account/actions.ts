"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/connection";
import { changePassword } from "@/lib/db/passwords";
import { revokeUserSessions } from "@/lib/db/sessions";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endSession, getCurrentSession } from "@/lib/auth/session";
import { ChangePasswordSchema } from "@/lib/schemas/passwords";
import { changePasswordThroughSupabase, signOutOfSupabase } from "@/lib/auth/supabase-auth";
import { supabaseForRequest } from "@/lib/auth/supabase-cookies";

export interface ChangePasswordState {
  done?: string;
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

/** Change your own password; your other sessions end, this one stays. */
export async function changePasswordAction(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const current = await getCurrentSession();
  if (!current) redirect("/login?next=%2Faccount");
  const parsed = ChangePasswordSchema.safeParse({ currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? "") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { message: "Some fields need attention.", fieldErrors };
  }
  const { currentPassword, newPassword } = parsed.data;
  const supabase = await supabaseForRequest();
  if (supabase) {
    // Supabase Auth holds the password: it checks the current one and stores the new one
    const changed = await changePasswordThroughSupabase(supabase.config, supabase.jar, current.context.user.email, currentPassword, newPassword);
    if (!changed.ok) {
      if (changed.code === "wrong_current") return { message: "Some fields need attention.", fieldErrors: { currentPassword: [changed.message] } };
      return { message: changed.message };
    }
    const ended = await revokeUserSessions(await getDb(), current.context.user.userId, "password changed", current.tokenHash);
    return { done: `Password changed. ${ended === 1 ? "1 other session was" : `${ended} other sessions were`} signed out.` };
  }
  const result = await changePassword(
    await getDb(),
    current.context.user.userId,
    (stored) => verifyPassword(currentPassword, stored),
    await hashPassword(newPassword),
    current.tokenHash,
  );
  if (!result.ok) return { message: "Some fields need attention.", fieldErrors: { currentPassword: ["That is not your current password."] } };
  const others = result.endedSessions === 1 ? "1 other session was" : `${result.endedSessions} other sessions were`;
  return { done: `Password changed. ${others} signed out.` };
}

/** End every session of yours, on every device and in every company, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const current = await getCurrentSession();
  if (current) await revokeUserSessions(await getDb(), current.context.user.userId, "signed out everywhere");
  const supabase = await supabaseForRequest();
  if (supabase) await signOutOfSupabase(supabase.config, supabase.jar);
  await endSession();
  redirect("/login");
}
