-- REST API keys, idempotent POSTs and request rate limits.
--
-- A key never runs as the owner role. Each key gets its own principal: an account
-- without a password (it cannot sign in) with a profile named after the key and a
-- membership of the key's company — `dispatcher` for a write key, `viewer` for a
-- read key. API requests run through withUser with that principal's claims, so the
-- same row-level security applies to a key as to a person of that role.
-- Only a hash of the key is stored; its first characters stay visible as the prefix.

create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 100),
  -- the visible start of the key, e.g. cb_3f9a2c1d
  prefix text not null unique,
  -- sha-256 of the whole key, hex
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  scope text not null check (scope in ('read', 'write')),
  principal_id uuid not null unique references auth.users (id) on delete cascade,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
alter table public.api_keys enable row level security;
comment on table public.api_keys is 'API keys of a company: hashed, with a visible prefix, a scope and the principal the key acts as.';
create index api_keys_org_id_idx on public.api_keys (org_id);

grant select on public.api_keys to authenticated, service_role;
grant update (last_used_at) on public.api_keys to service_role;

create policy "Admins can view their company's API keys"
  on public.api_keys for select to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])));
-- no insert / update / delete policies: keys are created and revoked only through
-- private.create_api_key and private.revoke_api_key, which check the caller is an
-- admin of the company and keep the key and its principal's membership in step.

-- Name, scope and revocation are audited; the last-used stamp is not (it changes
-- on every request and says nothing about who changed what).
create trigger api_keys_audit_insert_delete after insert or delete on public.api_keys
  for each row execute function private.audit_row();
create trigger api_keys_audit_update after update on public.api_keys
  for each row when (old.revoked_at is distinct from new.revoked_at or old.name is distinct from new.name)
  execute function private.audit_row();

-- The operator's command line (service role) or an admin of the company.
create function private.may_manage_keys(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select current_setting('role', true) = 'service_role' or private.has_role(org, array['admin'])
$$;

create function private.create_api_key(p_org uuid, p_name text, p_scope text, p_prefix text, p_hash text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  key_id uuid := gen_random_uuid();
  principal uuid;
  address text := 'api-key-' || key_id || '@keys.crewboard.invalid';
begin
  if not private.may_manage_keys(p_org) then
    raise exception 'only an administrator of the company can create API keys' using errcode = '42501';
  end if;
  if p_scope not in ('read', 'write') then
    raise exception 'scope must be read or write' using errcode = '23514';
  end if;
  insert into auth.users (email, encrypted_password, raw_user_meta_data)
  values (address, null, jsonb_build_object('kind', 'api_key', 'org_id', p_org))
  returning id into principal;
  insert into public.profiles (id, email, full_name)
  values (principal, address, 'API key ' || trim(p_name));
  insert into public.memberships (org_id, user_id, role)
  values (p_org, principal, case p_scope when 'write' then 'dispatcher' else 'viewer' end);
  insert into public.api_keys (id, org_id, name, prefix, key_hash, scope, principal_id, created_by)
  values (key_id, p_org, trim(p_name), p_prefix, p_hash, p_scope, principal, (select auth.uid()));
  return key_id;
end
$$;

-- Revoking removes the principal's membership too: a revoked key's principal can no
-- longer see anything even if it were somehow used.
create function private.revoke_api_key(p_key uuid) returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  k public.api_keys%rowtype;
begin
  select * into k from public.api_keys where id = p_key for update;
  if not found or not private.may_manage_keys(k.org_id) then
    return false;
  end if;
  if k.revoked_at is null then
    update public.api_keys set revoked_at = now() where id = p_key;
    delete from public.memberships where org_id = k.org_id and user_id = k.principal_id;
  end if;
  return true;
end
$$;

revoke all on function private.may_manage_keys(uuid) from public;
revoke all on function private.create_api_key(uuid, text, text, text, text) from public;
revoke all on function private.revoke_api_key(uuid) from public;
grant execute on function private.may_manage_keys(uuid) to authenticated, service_role;
grant execute on function private.create_api_key(uuid, text, text, text, text) to authenticated, service_role;
grant execute on function private.revoke_api_key(uuid) to authenticated, service_role;

-- One answer per Idempotency-Key: the same key and body replay the stored answer,
-- the same key with another body is refused.
create table public.api_idempotency_keys (
  api_key_id uuid not null references public.api_keys (id) on delete cascade,
  org_id uuid not null references public.companies (id) on delete cascade,
  idempotency_key text not null check (length(idempotency_key) between 1 and 255),
  request_hash text not null,
  response_status integer,
  response_body jsonb,
  created_at timestamptz not null default now(),
  primary key (api_key_id, idempotency_key)
);
alter table public.api_idempotency_keys enable row level security;
comment on table public.api_idempotency_keys is 'The stored answer to each API POST, by key and Idempotency-Key, so a retried request is answered the same way.';
create index api_idempotency_keys_org_id_idx on public.api_idempotency_keys (org_id);
-- Not audited: the rows a request changes are, and this is only its answer.

grant select, insert, update, delete on public.api_idempotency_keys to authenticated, service_role;

create policy "Members can view their company's stored API answers"
  on public.api_idempotency_keys for select to authenticated
  using (org_id in (select private.member_org_ids()));
create policy "Dispatchers and admins can store API answers"
  on public.api_idempotency_keys for insert to authenticated
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
create policy "Dispatchers and admins can complete stored API answers"
  on public.api_idempotency_keys for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])))
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
create policy "Admins can remove stored API answers"
  on public.api_idempotency_keys for delete to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])));

-- Fixed-window request counters (per API key, per client address, per company).
-- Kept in the database so several app instances share one count.
create table private.rate_limits (
  bucket text primary key,
  window_start timestamptz not null,
  hits integer not null
);
alter table private.rate_limits enable row level security;
comment on table private.rate_limits is 'Request counters per bucket and time window for rate limiting.';
grant select, insert, update, delete on private.rate_limits to service_role;
-- no policies for authenticated: service role only (it bypasses row-level security)
