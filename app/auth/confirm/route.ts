import { type NextRequest, NextResponse } from "next/server";
import { exchangeCodeThroughSupabase } from "@/lib/auth/supabase-auth";
import { SUPABASE_RESET_TOKEN, supabaseForRequest } from "@/lib/auth/supabase-cookies";

/**
 * Where a Supabase Auth email link (password reset) comes back: the one-time code is
 * exchanged for a Supabase session kept in cookies, then the person chooses a new
 * password. Without Supabase Auth, or with a bad code, they are sent to ask again.
 */
export async function GET(request: NextRequest): Promise<NextResponse> {
  const code = request.nextUrl.searchParams.get("code");
  const supabase = await supabaseForRequest();
  const to = (path: string) => NextResponse.redirect(new URL(path, request.nextUrl.origin));
  if (!supabase || !code || code.length > 500) return to("/forgot-password");
  const check = await exchangeCodeThroughSupabase(supabase.config, supabase.jar, code);
  if (!check.ok) return to("/forgot-password");
  return to(`/reset-password/${SUPABASE_RESET_TOKEN}`);
}
