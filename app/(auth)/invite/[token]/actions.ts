"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/connection";
import { acceptInvitation } from "@/lib/db/members";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { startSession } from "@/lib/auth/session";
import { linkTokenHash } from "@/lib/auth/tokens";
import { AcceptExistingAccountSchema, AcceptNewAccountSchema } from "@/lib/schemas/invitation";
import { signUpThroughSupabase } from "@/lib/auth/supabase-auth";
import { supabaseForRequest } from "@/lib/auth/supabase-cookies";
import { findInvitation } from "@/lib/db/members";

export interface AcceptState {
  fullName: string;
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

const CLOSED: Record<string, string> = {
  unknown: "This invitation link is not valid. Ask for a new invitation.",
  expired: "This invitation has expired. Ask the administrator to send it again.",
  accepted: "This invitation was already used. Sign in instead.",
  revoked: "This invitation was withdrawn. Ask the administrator if you still need access.",
};

/** Accept an invitation: create the account (or confirm the existing one), join, sign in. */
export async function acceptInvitationAction(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  const text = (k: string) => String(form.get(k) ?? "");
  const existing = form.get("existing") === "true";
  const fullName = text("fullName");
  const parsed = existing
    ? AcceptExistingAccountSchema.safeParse({ token: text("token"), password: text("password") })
    : AcceptNewAccountSchema.safeParse({ token: text("token"), fullName, password: text("password") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { fullName, message: "Some fields need attention.", fieldErrors };
  }
  const input: { token: string; password: string; fullName?: string } = parsed.data;
  const supabase = await supabaseForRequest();
  let externalUserId: string | undefined;
  let confirmFirst = false;
  if (supabase) {
    // Supabase Auth holds the account: sign in to it, or create it, for the invited address
    const invitation = await findInvitation(await getDb(), linkTokenHash(input.token));
    if (!invitation) return { fullName, message: CLOSED.unknown };
    if (invitation.closed) return { fullName, message: CLOSED[invitation.closed] };
    const account = await signUpThroughSupabase(supabase.config, supabase.jar, invitation.email, input.password, input.fullName ?? invitation.email);
    if (!account.ok) {
      if (account.code === "exists") return { fullName, message: "Some fields need attention.", fieldErrors: { password: ["That is not this account's password."] } };
      return { fullName, message: account.message };
    }
    externalUserId = account.userId;
    confirmFirst = !account.signedIn;
  }
  const outcome = await acceptInvitation(await getDb(), linkTokenHash(input.token), {
    externalUserId,
    fullName: input.fullName ?? null,
    // an existing account keeps its password: nothing to hash
    newPasswordHash: existing || externalUserId ? "" : await hashPassword(input.password),
    existingPasswordOk: (stored) => verifyPassword(input.password, stored),
  });
  if (!outcome.ok) {
    if (outcome.code === "wrong_password") return { fullName, message: "Some fields need attention.", fieldErrors: { password: ["That is not this account's password."] } };
    if (outcome.code === "name_required") return { fullName, message: "Some fields need attention.", fieldErrors: { fullName: ["Enter your name."] } };
    return { fullName, message: CLOSED[outcome.code] };
  }
  if (confirmFirst) return { fullName, message: "You have joined. Open the confirmation link we just emailed you, then sign in." };
  await startSession(outcome.userId, outcome.orgId);
  // technicians start on their phone app, everyone else on the board
  redirect(outcome.technicianId ? "/tech" : "/schedules");
}
