"use server";

import { after } from "next/server";
import { getDb } from "@/lib/db/connection";
import { requestPasswordReset } from "@/lib/db/passwords";
import { PASSWORD_RESET_MINUTES, passwordResetNotice } from "@/lib/accounts/notices";
import { passwordResetOrigin } from "@/lib/auth/public-url";
import { newLinkToken } from "@/lib/auth/tokens";
import { ForgotPasswordSchema } from "@/lib/schemas/passwords";
import { requestPasswordResetThroughSupabase } from "@/lib/auth/supabase-auth";
import { supabaseForRequest } from "@/lib/auth/supabase-cookies";

export interface ForgotState {
  email: string;
  sent?: boolean;
  fieldErrors?: Record<string, string[]>;
}

/**
 * Ask for a reset link. The answer is the same whether or not the address has an
 * account, and the work happens after the answer is sent, so its timing says nothing
 * either.
 */
export async function forgotPasswordAction(_prev: ForgotState, form: FormData): Promise<ForgotState> {
  const email = String(form.get("email") ?? "");
  const parsed = ForgotPasswordSchema.safeParse({ email });
  if (!parsed.success) return { email, fieldErrors: { email: parsed.error.issues.map((i) => i.message) } };
  const supabase = await supabaseForRequest();
  if (supabase) {
    // Supabase Auth sends its own reset email; its link comes back to /auth/confirm
    await requestPasswordResetThroughSupabase(supabase.config, supabase.jar, parsed.data.email, `${passwordResetOrigin()}/auth/confirm`);
    return { email, sent: true };
  }
  const { token, tokenHash } = newLinkToken();
  const link = `${passwordResetOrigin()}/reset-password/${token}`;
  after(async () => {
    try {
      await requestPasswordReset(await getDb(), parsed.data.email, { tokenHash, minutes: PASSWORD_RESET_MINUTES, notice: () => passwordResetNotice(link) });
    } catch (err) {
      console.error("password reset: could not record the link", err);
    }
  });
  return { email, sent: true };
}
