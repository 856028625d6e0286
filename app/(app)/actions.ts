"use server";

import { redirect } from "next/navigation";
import { endSession } from "@/lib/auth/session";
import { signOutOfSupabase } from "@/lib/auth/supabase-auth";
import { supabaseForRequest } from "@/lib/auth/supabase-cookies";

export async function signOutAction(): Promise<void> {
  const supabase = await supabaseForRequest();
  if (supabase) await signOutOfSupabase(supabase.config, supabase.jar);
  await endSession();
  redirect("/login");
}
