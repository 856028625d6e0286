-- Sessions kept on the server so they can be ended: the session cookie carries a
-- random id whose SHA-256 is stored here. Signing out, "sign out everywhere", a
-- password change, and a role change or removal from a company revoke rows here, and a
-- cookie whose row is revoked or gone no longer signs anyone in (a copied cookie too).
-- Read and written only by the sign-in code as the service role.

create table private.sessions (
  id uuid primary key default gen_random_uuid(),
  -- sha256 of the cookie's random session id, hex
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references auth.users (id) on delete cascade,
  org_id uuid not null references public.companies (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text,
  check (expires_at > created_at)
);
alter table private.sessions enable row level security;
comment on table private.sessions is 'Signed-in sessions (hashed ids) per person and company; revoked ones no longer sign anyone in.';
create index sessions_user_id_idx on private.sessions (user_id) where revoked_at is null;
create index sessions_org_user_idx on private.sessions (org_id, user_id) where revoked_at is null;
create index sessions_expires_at_idx on private.sessions (expires_at);
grant select, insert, update, delete on private.sessions to service_role;
-- no policies for authenticated: service role only (it bypasses row-level security)

-- A changed role or a removal from a company ends the person's sessions in that
-- company, whoever makes the change and however (app, API, SQL).
create function private.end_sessions_on_membership_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.role = old.role and new.user_id = old.user_id and new.org_id = old.org_id then
    return null;
  end if;
  update private.sessions
     set revoked_at = now(),
         revoked_reason = case when tg_op = 'DELETE' then 'removed from the company' else 'role changed' end
   where user_id = old.user_id and org_id = old.org_id and revoked_at is null;
  return null;
end
$$;
revoke all on function private.end_sessions_on_membership_change() from public;
create trigger memberships_end_sessions after update or delete on public.memberships
  for each row execute function private.end_sessions_on_membership_change();
