import "server-only";
import { cookies } from "next/headers";
import type { CookieJar, SupabaseAuthConfig } from "@/lib/auth/supabase-auth";
import { supabaseAuthConfig } from "@/lib/auth/supabase-auth";

/** The Supabase Auth setting with this request's cookies as the client's storage, or null when off. */
export async function supabaseForRequest(): Promise<{ config: SupabaseAuthConfig; jar: CookieJar } | null> {
  const config = supabaseAuthConfig();
  if (!config) return null;
  const store = await cookies();
  return {
    config,
    jar: {
      getAll: () => store.getAll().map(({ name, value }) => ({ name, value })),
      setAll: (list) => {
        try {
          for (const { name, value, options } of list) store.set(name, value, options);
        } catch {
          // a page (not an action or route) cannot set cookies; nothing it reads needs to
        }
      },
    },
  };
}

/** The reset page's "token" when the reset link was Supabase's (the session is in cookies). */
export const SUPABASE_RESET_TOKEN = "supabase-reset-session";
