import { randomBytes } from "node:crypto";
import type { Db, Queryable } from "@/lib/db/client";
import { withService } from "@/lib/db/with-user";
import { slugFromName } from "@/lib/schemas/signup";
import { linkedSupabaseAccount } from "@/lib/db/accounts";

/** True when the database holds no company yet (the first-run page is open). */
export async function hasNoCompany(db: Db): Promise<boolean> {
  const rows = await withService(db, (tx) => tx.query<{ none: boolean }>("select not exists (select 1 from public.companies) as none"));
  return rows[0].none;
}

export interface NewCompany {
  companyName: string;
  timeZone: string;
  fullName: string;
  email: string;
}

export type CreateCompanyOutcome =
  | { ok: true; orgId: string; userId: string; slug: string }
  | { ok: false; code: "closed" | "existing_account" };

/**
 * Creates a company and its first admin in one transaction. A new address gets a new
 * account with `passwordHash`; an address that already has an account joins the new
 * company only when `existingPasswordOk` confirms its owner typed that account's password.
 * With `onlyIfEmpty` (first run) the database-wide lock makes a second company refused,
 * even when two people submit the form at the same moment.
 */
export async function createCompanyWithAdmin(
  db: Db,
  input: NewCompany,
  passwordHash: string | null,
  options: {
    onlyIfEmpty: boolean;
    existingPasswordOk: (storedHash: string | null) => Promise<boolean>;
    /** With Supabase Auth: the Supabase user (their password already checked by Supabase). */
    externalUserId?: string;
  },
): Promise<CreateCompanyOutcome> {
  return withService(db, async (tx) => {
    if (options.onlyIfEmpty) {
      await tx.query("select pg_advisory_xact_lock(hashtext('crewboard:first-company'))");
      const [{ any }] = await tx.query<{ any: boolean }>("select exists (select 1 from public.companies) as any");
      if (any) return { ok: false, code: "closed" } as const;
    }
    let userId: string;
    if (options.externalUserId) {
      userId = await ensureExternalAccount(tx, options.externalUserId, input.email, input.fullName);
    } else {
      const existing = await tx.query<{ id: string; encrypted_password: string | null }>(
        "select id, encrypted_password from auth.users where lower(email) = lower($1)",
        [input.email],
      );
      if (existing[0]) {
        if (!(await options.existingPasswordOk(existing[0].encrypted_password))) return { ok: false, code: "existing_account" } as const;
        userId = existing[0].id;
      } else {
        const [user] = await tx.query<{ id: string }>(
          "insert into auth.users (email, encrypted_password) values (lower($1), $2) returning id",
          [input.email, passwordHash],
        );
        userId = user.id;
        await tx.query("insert into public.profiles (id, email, full_name) values ($1, lower($2), $3)", [userId, input.email, input.fullName]);
      }
    }
    // the audit trail records the new admin as the one who created the company
    await tx.query("select set_config('request.jwt.claims', $1, true), set_config('app.audit_context', $2, true)", [
      JSON.stringify({ sub: userId, role: "authenticated" }),
      JSON.stringify({ signup: true }),
    ]);
    const base = slugFromName(input.companyName);
    const [{ taken }] = await tx.query<{ taken: boolean }>("select exists (select 1 from public.companies where slug = $1) as taken", [base]);
    const slug = taken ? `${base}-${randomBytes(3).toString("hex")}` : base;
    const [company] = await tx.query<{ id: string }>(
      "insert into public.companies (name, slug, time_zone) values ($1, $2, $3) returning id",
      [input.companyName, slug, input.timeZone],
    );
    await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'admin')", [company.id, userId]);
    return { ok: true, orgId: company.id, userId, slug } as const;
  });
}

/**
 * The Crewboard account of a Supabase Auth user, created when missing: the profile
 * takes the Supabase user's id (on a Supabase project auth.users already has the row;
 * on another Postgres it is added, with no password — Supabase holds it). An account
 * that already has this address under another id is linked to the Supabase user.
 */
export async function ensureExternalAccount(tx: Queryable, supabaseUserId: string, email: string, fullName: string): Promise<string> {
  const existing = await linkedSupabaseAccount(tx, supabaseUserId, email);
  if (existing) return existing;
  await tx.query("insert into auth.users (id, email) values ($1, lower($2)) on conflict (id) do nothing", [supabaseUserId, email]);
  await tx.query("insert into public.profiles (id, email, full_name) values ($1, lower($2), $3)", [supabaseUserId, email, fullName]);
  return supabaseUserId;
}
