"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/connection";
import { signIn } from "@/lib/auth/sign-in";
import { startSession } from "@/lib/auth/session";
import { SignInSchema, safeNextPath } from "@/lib/schemas/auth";

export interface SignInState {
  email: string;
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

/** Sign-in form action: validates, checks the password, starts the session. */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const raw = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), next: String(form.get("next") ?? "") };
  const parsed = SignInSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { email: raw.email, fieldErrors };
  }
  const result = await signIn(await getDb(), parsed.data.email, parsed.data.password);
  if (!result.ok) return { email: raw.email, message: result.message };
  await startSession(result.userId, result.orgId);
  redirect(safeNextPath(parsed.data.next, result.role));
}
