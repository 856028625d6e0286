"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/connection";
import { signIn } from "@/lib/auth/sign-in";
import { startSession } from "@/lib/auth/session";
import { authSecret } from "@/lib/auth/secret";
import { DEVICE_TTL_SECONDS, clientAddressFrom, deviceCookieName, encodeDeviceToken, trustedDeviceFor } from "@/lib/auth/device-token";
import { SignInSchema, safeNextPath } from "@/lib/schemas/auth";
import { supabaseForRequest } from "@/lib/auth/supabase-cookies";

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
  const store = await cookies();
  const h = await headers();
  const email = parsed.data.email;
  const client = {
    address: clientAddressFrom((name) => h.get(name)),
    trustedDeviceId: trustedDeviceFor(store.get(deviceCookieName())?.value, email, authSecret()),
  };
  const supabase = (await supabaseForRequest()) ?? undefined;
  const result = await signIn(await getDb(), email, parsed.data.password, { client, supabase });
  if (!result.ok) return { email: raw.email, message: result.message };
  await startSession(result.userId, result.orgId);
  store.set(deviceCookieName(), encodeDeviceToken(email, authSecret(), client.trustedDeviceId ?? undefined), {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.COOKIE_SECURE === "true",
    path: "/",
    maxAge: DEVICE_TTL_SECONDS,
  });
  redirect(safeNextPath(parsed.data.next, result.role));
}
