/**
 * API keys: created and revoked through the database's own functions (which check
 * the caller is an admin of the company, or the operator's service role), listed
 * under row-level security, and looked up by hash when a request arrives.
 */
import type { Db, Queryable } from "@/lib/db/client";
import { withService, type Role, type SessionUser } from "@/lib/db/with-user";
import { generateKeyToken } from "@/lib/auth/api-key-token";

export type ApiScope = "read" | "write";

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scope: ApiScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  /** Shown once; only its hash is stored. */
  key: string;
  prefix: string;
}

/** Who an API request acts as: the key's own principal, a member of its company. */
export interface ApiPrincipal extends SessionUser {
  keyId: string;
  keyName: string;
  scope: ApiScope;
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

/**
 * Creates a key and its principal. Runs as an admin (withUser) or as the service
 * role (the operator's command line); anyone else is refused by the database.
 */
export async function createApiKey(tx: Queryable, orgId: string, name: string, scope: ApiScope): Promise<CreatedApiKey> {
  const token = generateKeyToken();
  const [row] = await tx.query<{ id: string }>("select private.create_api_key($1, $2, $3, $4, $5) as id", [orgId, name, scope, token.prefix, token.hash]);
  return { id: row.id, key: token.key, prefix: token.prefix };
}

/** The company's keys, newest first (admins only: others see none). */
export async function listApiKeys(tx: Queryable, orgId: string): Promise<ApiKeySummary[]> {
  const rows = await tx.query<Record<string, unknown>>(
    "select id, name, prefix, scope, created_at, last_used_at, revoked_at from public.api_keys where org_id = $1 order by created_at desc",
    [orgId],
  );
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    prefix: r.prefix as string,
    scope: r.scope as ApiScope,
    createdAt: iso(r.created_at)!,
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  }));
}

/** Revokes a key of the company; false when there is no such key the caller may manage. */
export async function revokeApiKey(tx: Queryable, orgId: string, keyId: string): Promise<boolean> {
  const [own] = await tx.query("select 1 from public.api_keys where id = $1 and org_id = $2", [keyId, orgId]);
  if (!own) return false;
  const [row] = await tx.query<{ ok: boolean }>("select private.revoke_api_key($1) as ok", [keyId]);
  return Boolean(row?.ok);
}

/**
 * The principal of an unrevoked key with this hash, stamping when it was last used
 * (at most once a minute). Service role, like checking a password at sign-in: the
 * company is not known until the key is found.
 */
export async function findApiPrincipal(db: Db, keyHash: string): Promise<ApiPrincipal | null> {
  return withService(db, async (tx) => {
    const rows = await tx.query<{ id: string; org_id: string; name: string; scope: ApiScope; principal_id: string; email: string; role: Role; stale: boolean }>(
      `select k.id, k.org_id, k.name, k.scope, k.principal_id, p.email, m.role,
              (k.last_used_at is null or k.last_used_at < now() - interval '1 minute') as stale
         from public.api_keys k
         join public.profiles p on p.id = k.principal_id
         join public.memberships m on m.user_id = k.principal_id and m.org_id = k.org_id
        where k.key_hash = $1 and k.revoked_at is null`,
      [keyHash],
    );
    const k = rows[0];
    if (!k) return null;
    if (k.stale) await tx.query("update public.api_keys set last_used_at = now() where id = $1", [k.id]);
    return { userId: k.principal_id, email: k.email, name: `API key ${k.name}`, orgId: k.org_id, role: k.role, keyId: k.id, keyName: k.name, scope: k.scope };
  });
}

/** The id of a company by its slug (service role: the operator's command line). */
export async function companyIdBySlug(db: Db, slug: string): Promise<string | null> {
  const rows = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.companies where slug = $1", [slug]));
  return rows[0]?.id ?? null;
}
