-- Invitations to join a company, and password-reset links.
--   * An admin invites an address with a role; the emailed link carries a random token
--     whose SHA-256 is stored here. It works once and for 72 hours; a resend replaces
--     the token, a revoke ends it. A technician invitation may name the technician
--     record the new account is linked to.
--   * A password-reset link works once and for one hour (service role only).
--   * Invitation and password-reset emails hold a secret link: only admins see
--     invitations in the outbox, and nobody sees password-reset notices there.

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 320),
  role text not null check (role in ('admin', 'dispatcher', 'technician', 'viewer')),
  technician_id uuid,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid not null references auth.users (id),
  expires_at timestamptz not null,
  sent_count integer not null default 1 check (sent_count >= 1),
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete set null (technician_id),
  check (technician_id is null or role = 'technician'),
  check (accepted_at is null or revoked_at is null),
  check ((accepted_at is null) = (accepted_by is null))
);
alter table public.invitations enable row level security;
comment on table public.invitations is 'Invitations to join a company with a role; single-use links (hashed) that expire after 72 hours.';
create index invitations_org_id_idx on public.invitations (org_id, created_at desc);
create index invitations_technician_id_idx on public.invitations (technician_id);
-- one open invitation per address and company; sending again replaces its link
create unique index invitations_one_open_per_email on public.invitations (org_id, email)
  where accepted_at is null and revoked_at is null;

grant select, insert, update on public.invitations to authenticated;
grant select, insert, update on public.invitations to service_role;

create policy "Admins can view their company's invitations"
  on public.invitations for select to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])));
create policy "Admins can invite people to their company in their own name"
  on public.invitations for insert to authenticated
  with check (
    org_id in (select private.member_org_ids(array['admin']))
    and invited_by = (select auth.uid())
    and accepted_at is null and accepted_by is null and revoked_at is null
  );
create policy "Admins can resend or revoke their company's invitations"
  on public.invitations for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])) and accepted_at is null)
  with check (org_id in (select private.member_org_ids(array['admin'])) and accepted_at is null);
-- no delete policy: revoked and accepted invitations stay as a record

create trigger invitations_touch before update on public.invitations
  for each row execute function private.touch_updated_at();
create trigger invitations_audit after insert or update on public.invitations
  for each row execute function private.audit_row();

-- Password-reset links. A person, not a company, resets a password, so there is no
-- org_id here; only the service role (the reset pages' code) reads or writes it.
create table private.password_resets (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at)
);
alter table private.password_resets enable row level security;
comment on table private.password_resets is 'Single-use password-reset links (hashed), valid for one hour.';
create index password_resets_user_id_idx on private.password_resets (user_id);
create index password_resets_expires_at_idx on private.password_resets (expires_at);
grant select, insert, update, delete on private.password_resets to service_role;

-- Secret links stay out of other people's sight in the outbox.
alter policy "Admins and dispatchers can view their company's outbox" on public.notifications
  using (
    kind <> 'password_reset'
    and (
      org_id in (select private.member_org_ids(array['admin']))
      or (kind <> 'invitation' and org_id in (select private.member_org_ids(array['admin', 'dispatcher'])))
    )
  );
