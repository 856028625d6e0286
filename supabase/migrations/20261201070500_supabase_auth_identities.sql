-- Supabase Auth: a Supabase user signs in to the Crewboard account whose id is theirs
-- (a Supabase project's own auth.users), or — once, by the address Supabase proved
-- they own — to the Crewboard account they had before Supabase Auth was turned on.
create table private.auth_identities (
  provider text not null check (provider in ('supabase')),
  subject uuid not null,
  user_id uuid not null references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (provider, subject)
);
create index auth_identities_user_id_idx on private.auth_identities (user_id);
comment on table private.auth_identities is 'Supabase users linked to Crewboard accounts with another id (accounts from before Supabase Auth).';
grant select, insert on private.auth_identities to service_role;
