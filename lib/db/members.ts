/**
 * Company members and invitations: what the members page lists and changes (as the
 * signed-in admin, so row-level security applies), and accepting an invitation (as
 * the service role: the invited person is not a member yet).
 */
import type { Db, Queryable } from "@/lib/db/client";
import { withService, type Role } from "@/lib/db/with-user";
import { ensureExternalAccount } from "@/lib/db/signup";

export interface Member {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  technicianName: string | null;
  invitedByName: string | null;
  expiresAt: string;
  expired: boolean;
  sentCount: number;
}

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();

export async function listMembers(tx: Queryable, orgId: string): Promise<Member[]> {
  const rows = await tx.query<{ id: string; user_id: string; full_name: string; email: string; role: Role; created_at: Date }>(
    `select m.id, m.user_id, p.full_name, p.email, m.role, m.created_at
       from public.memberships m join public.profiles p on p.id = m.user_id
      where m.org_id = $1
      order by p.full_name, p.email`,
    [orgId],
  );
  return rows.map((r) => ({ membershipId: r.id, userId: r.user_id, name: r.full_name, email: r.email, role: r.role, joinedAt: iso(r.created_at) }));
}

/** Invitations not yet accepted or revoked (expired ones too: they can be sent again). */
export async function listPendingInvitations(tx: Queryable, orgId: string, now: Date): Promise<PendingInvitation[]> {
  const rows = await tx.query<{
    id: string;
    email: string;
    role: Role;
    technician_name: string | null;
    invited_by_name: string | null;
    expires_at: Date;
    sent_count: number;
  }>(
    `select i.id, i.email, i.role, t.name as technician_name, p.full_name as invited_by_name, i.expires_at, i.sent_count
       from public.invitations i
       left join public.technicians t on t.id = i.technician_id and t.org_id = i.org_id
       left join public.profiles p on p.id = i.invited_by
      where i.org_id = $1 and i.accepted_at is null and i.revoked_at is null
      order by i.created_at desc`,
    [orgId],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    technicianName: r.technician_name,
    invitedByName: r.invited_by_name,
    expiresAt: iso(r.expires_at),
    expired: new Date(r.expires_at).getTime() <= now.getTime(),
    sentCount: r.sent_count,
  }));
}

/** Technicians of the company no account is linked to yet (a technician invitation may name one). */
export async function listUnlinkedTechnicians(tx: Queryable, orgId: string): Promise<{ id: string; name: string; email: string | null }[]> {
  return tx.query<{ id: string; name: string; email: string | null }>(
    "select id, name, email from public.technicians where org_id = $1 and user_id is null and active order by name",
    [orgId],
  );
}

export type InviteOutcome =
  | { ok: true; invitationId: string; companyName: string; inviterName: string }
  | { ok: false; code: "already_member" | "already_invited" | "no_such_technician" };

/** Records an invitation in the admin's own name (row-level security checks both). */
export async function createInvitation(
  tx: Queryable,
  i: { orgId: string; invitedBy: string; email: string; role: Role; technicianId: string | null; tokenHash: string; validHours: number },
): Promise<InviteOutcome> {
  const [member] = await tx.query(
    `select 1 from public.memberships m join public.profiles p on p.id = m.user_id
      where m.org_id = $1 and lower(p.email) = lower($2)`,
    [i.orgId, i.email],
  );
  if (member) return { ok: false, code: "already_member" };
  if (i.technicianId) {
    const [tech] = await tx.query("select 1 from public.technicians where org_id = $1 and id = $2 and user_id is null", [i.orgId, i.technicianId]);
    if (!tech) return { ok: false, code: "no_such_technician" };
  }
  const inserted = await tx.query<{ id: string }>(
    `insert into public.invitations (org_id, email, role, technician_id, token_hash, invited_by, expires_at)
     values ($1, lower($2), $3, $4, $5, $6, now() + make_interval(hours => $7::int))
     on conflict (org_id, email) where accepted_at is null and revoked_at is null do nothing
     returning id`,
    [i.orgId, i.email, i.role, i.technicianId, i.tokenHash, i.invitedBy, i.validHours],
  );
  if (!inserted[0]) return { ok: false, code: "already_invited" };
  const [names] = await tx.query<{ company: string; inviter: string }>(
    `select c.name as company, p.full_name as inviter from public.companies c, public.profiles p where c.id = $1 and p.id = $2`,
    [i.orgId, i.invitedBy],
  );
  return { ok: true, invitationId: inserted[0].id, companyName: names.company, inviterName: names.inviter };
}

export interface InvitationToSend {
  id: string;
  email: string;
  role: Role;
  sentCount: number;
  companyName: string;
  inviterName: string;
}

/** Gives an open invitation a new link and a new 72 hours; null when it is no longer open. */
export async function renewInvitation(tx: Queryable, orgId: string, invitationId: string, tokenHash: string, validHours: number, resentBy: string): Promise<InvitationToSend | null> {
  const rows = await tx.query<{ id: string; email: string; role: Role; sent_count: number; company: string; inviter: string }>(
    `update public.invitations i
        set token_hash = $3, expires_at = now() + make_interval(hours => $4::int), sent_count = i.sent_count + 1
       from public.companies c, public.profiles p
      where i.org_id = $1 and i.id = $2 and i.accepted_at is null and i.revoked_at is null
        and c.id = i.org_id and p.id = $5
      returning i.id, i.email, i.role, i.sent_count, c.name as company, p.full_name as inviter`,
    [orgId, invitationId, tokenHash, validHours, resentBy],
  );
  const r = rows[0];
  return r ? { id: r.id, email: r.email, role: r.role, sentCount: r.sent_count, companyName: r.company, inviterName: r.inviter } : null;
}

/** Ends an open invitation's link; false when it was already accepted or revoked. */
export async function revokeInvitation(tx: Queryable, orgId: string, invitationId: string): Promise<boolean> {
  const rows = await tx.query(
    "update public.invitations set revoked_at = now() where org_id = $1 and id = $2 and accepted_at is null and revoked_at is null returning id",
    [orgId, invitationId],
  );
  return rows.length > 0;
}

/** Changes a member's role (the database keeps the last admin and ends their sessions). */
export async function changeMemberRole(tx: Queryable, orgId: string, membershipId: string, role: Role): Promise<boolean> {
  const rows = await tx.query("update public.memberships set role = $3 where org_id = $1 and id = $2 returning id", [orgId, membershipId, role]);
  return rows.length > 0;
}

/** Removes a member from the company (the database keeps the last admin and ends their sessions). */
export async function removeMember(tx: Queryable, orgId: string, membershipId: string): Promise<boolean> {
  const rows = await tx.query("delete from public.memberships where org_id = $1 and id = $2 returning id", [orgId, membershipId]);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------
// Accepting (service role)

export interface InvitationView {
  id: string;
  orgId: string;
  companyName: string;
  email: string;
  role: Role;
  /** Why the link no longer works, or null while it does. */
  closed: "expired" | "accepted" | "revoked" | null;
  /** The address already has a Crewboard account (accepting asks for its password). */
  hasAccount: boolean;
}

/** What an invitation link shows before it is accepted; null for an unknown link. */
export async function findInvitation(db: Db, tokenHash: string): Promise<InvitationView | null> {
  const rows = await withService(db, (tx) =>
    tx.query<{ id: string; org_id: string; name: string; email: string; role: Role; expired: boolean; accepted: boolean; revoked: boolean; has_account: boolean }>(
      `select i.id, i.org_id, c.name, i.email, i.role,
              i.expires_at <= now() as expired, i.accepted_at is not null as accepted, i.revoked_at is not null as revoked,
              exists (select 1 from auth.users u where lower(u.email) = i.email) as has_account
         from public.invitations i join public.companies c on c.id = i.org_id
        where i.token_hash = $1`,
      [tokenHash],
    ),
  );
  const r = rows[0];
  if (!r) return null;
  const closed = r.accepted ? "accepted" : r.revoked ? "revoked" : r.expired ? "expired" : null;
  return { id: r.id, orgId: r.org_id, companyName: r.name, email: r.email, role: r.role, closed, hasAccount: r.has_account };
}

export type AcceptOutcome =
  | { ok: true; userId: string; orgId: string; technicianId: string | null }
  | { ok: false; code: "unknown" | "expired" | "accepted" | "revoked" | "wrong_password" | "name_required" };

/**
 * Accepts an invitation in one transaction: creates the account (or checks the
 * existing account's password), adds the membership, links or creates the technician
 * record for a technician, and marks the link used. The row lock makes a link work
 * exactly once, even when it is opened twice at the same moment.
 */
export async function acceptInvitation(
  db: Db,
  tokenHash: string,
  person: {
    fullName: string | null;
    newPasswordHash: string;
    existingPasswordOk: (storedHash: string | null) => Promise<boolean>;
    /** With Supabase Auth: the Supabase user accepting (their password already checked by Supabase). */
    externalUserId?: string;
  },
): Promise<AcceptOutcome> {
  return withService(db, async (tx) => {
    const [inv] = await tx.query<{ id: string; org_id: string; email: string; role: Role; technician_id: string | null; expired: boolean; accepted: boolean; revoked: boolean }>(
      `select id, org_id, email, role, technician_id, expires_at <= now() as expired,
              accepted_at is not null as accepted, revoked_at is not null as revoked
         from public.invitations where token_hash = $1 for update`,
      [tokenHash],
    );
    if (!inv) return { ok: false, code: "unknown" } as const;
    if (inv.accepted) return { ok: false, code: "accepted" } as const;
    if (inv.revoked) return { ok: false, code: "revoked" } as const;
    if (inv.expired) return { ok: false, code: "expired" } as const;

    const [existing] = person.externalUserId
      ? []
      : await tx.query<{ id: string; encrypted_password: string | null }>(
          "select id, encrypted_password from auth.users where lower(email) = $1 for update",
          [inv.email],
        );
    let userId: string;
    let fullName: string;
    if (person.externalUserId) {
      const [profile] = await tx.query<{ full_name: string }>("select full_name from public.profiles where lower(email) = $1", [inv.email]);
      fullName = profile?.full_name ?? person.fullName ?? inv.email;
      userId = await ensureExternalAccount(tx, person.externalUserId, inv.email, fullName);
    } else if (existing) {
      if (!(await person.existingPasswordOk(existing.encrypted_password))) return { ok: false, code: "wrong_password" } as const;
      userId = existing.id;
      const [profile] = await tx.query<{ full_name: string }>("select full_name from public.profiles where id = $1", [userId]);
      fullName = profile?.full_name ?? person.fullName ?? inv.email;
      if (!profile) await tx.query("insert into public.profiles (id, email, full_name) values ($1, $2, $3)", [userId, inv.email, fullName]);
    } else {
      if (!person.fullName) return { ok: false, code: "name_required" } as const;
      fullName = person.fullName;
      const [user] = await tx.query<{ id: string }>("insert into auth.users (email, encrypted_password) values ($1, $2) returning id", [inv.email, person.newPasswordHash]);
      userId = user.id;
      await tx.query("insert into public.profiles (id, email, full_name) values ($1, $2, $3)", [userId, inv.email, fullName]);
    }
    // the audit trail shows the invited person joining, in the invitation's name
    await tx.query("select set_config('request.jwt.claims', $1, true), set_config('app.audit_context', $2, true)", [
      JSON.stringify({ sub: userId, role: "authenticated" }),
      JSON.stringify({ invitation: inv.id }),
    ]);
    await tx.query(
      `insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)
       on conflict (org_id, user_id) do nothing`,
      [inv.org_id, userId, inv.role],
    );
    let technicianId: string | null = null;
    if (inv.role === "technician") technicianId = await linkTechnician(tx, inv.org_id, userId, inv.email, fullName, inv.technician_id);
    await tx.query("update public.invitations set accepted_at = now(), accepted_by = $2 where id = $1", [inv.id, userId]);
    return { ok: true, userId, orgId: inv.org_id, technicianId } as const;
  });
}

/**
 * The technician record a technician's account drives: the one the invitation named,
 * else an unlinked one with the same email, else a new one based where the company's
 * other technicians are (the admin corrects the home base with the technicians import).
 */
async function linkTechnician(tx: Queryable, orgId: string, userId: string, email: string, name: string, named: string | null): Promise<string> {
  const [already] = await tx.query<{ id: string }>("select id from public.technicians where org_id = $1 and user_id = $2", [orgId, userId]);
  if (already) return already.id;
  const [candidate] = await tx.query<{ id: string }>(
    `select id from public.technicians
      where org_id = $1 and user_id is null and (id = $2 or ($2::uuid is null and lower(email) = $3))
      order by (id = $2) desc nulls last, created_at limit 1`,
    [orgId, named, email],
  );
  if (candidate) {
    await tx.query("update public.technicians set user_id = $3 where org_id = $1 and id = $2", [orgId, candidate.id, userId]);
    return candidate.id;
  }
  const [created] = await tx.query<{ id: string }>(
    `insert into public.technicians (org_id, user_id, name, email, home_lat, home_lng)
     select $1, $2, $3, $4,
            coalesce((select avg(home_lat) from public.technicians where org_id = $1), (select avg(lat) from public.customers where org_id = $1), 0),
            coalesce((select avg(home_lng) from public.technicians where org_id = $1), (select avg(lng) from public.customers where org_id = $1), 0)
     returning id`,
    [orgId, userId, name, email],
  );
  return created.id;
}
