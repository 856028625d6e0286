"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/connection";
import { createCompanyWithAdmin } from "@/lib/db/signup";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { startSession } from "@/lib/auth/session";
import { signupMode } from "@/lib/auth/signup-mode";
import { CreateCompanySchema } from "@/lib/schemas/signup";
import { signUpThroughSupabase } from "@/lib/auth/supabase-auth";
import { supabaseForRequest } from "@/lib/auth/supabase-cookies";

export interface CreateCompanyState {
  values: { companyName: string; timeZone: string; fullName: string; email: string };
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

/** "Create your company": the company, its first admin, and a session for them. */
export async function createCompanyAction(_prev: CreateCompanyState, form: FormData): Promise<CreateCompanyState> {
  const text = (k: string) => String(form.get(k) ?? "");
  const values = { companyName: text("companyName"), timeZone: text("timeZone"), fullName: text("fullName"), email: text("email") };
  const parsed = CreateCompanySchema.safeParse({ ...values, password: text("password") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { values, message: "Some fields need attention.", fieldErrors };
  }
  const input = parsed.data;
  const supabase = await supabaseForRequest();
  let externalUserId: string | undefined;
  let confirmFirst = false;
  if (supabase) {
    // Supabase Auth holds the account: it signs the person in, or creates their account
    const account = await signUpThroughSupabase(supabase.config, supabase.jar, input.email, input.password, input.fullName);
    if (!account.ok) {
      if (account.code === "exists") return { values, message: "Some fields need attention.", fieldErrors: { password: [account.message] } };
      return { values, message: account.message };
    }
    externalUserId = account.userId;
    confirmFirst = !account.signedIn;
  }
  const outcome = await createCompanyWithAdmin(await getDb(), input, externalUserId ? null : await hashPassword(input.password), {
    onlyIfEmpty: signupMode() === "first-run",
    existingPasswordOk: (stored) => verifyPassword(input.password, stored),
    externalUserId,
  });
  if (!outcome.ok) {
    if (outcome.code === "closed") {
      return { values, message: "This Crewboard already has its company. Sign in, or ask its administrator for an invitation." };
    }
    return {
      values,
      message: "Some fields need attention.",
      fieldErrors: { password: ["This email already has a Crewboard account: enter that account's password to add a company to it, or use another email."] },
    };
  }
  if (confirmFirst) {
    return { values, message: `${input.companyName} is ready. Open the confirmation link we just emailed to ${input.email}, then sign in.` };
  }
  await startSession(outcome.userId, outcome.orgId);
  redirect("/schedules");
}
