-- Failed sign-ins per email address, so repeated guessing is slowed down.
-- Read and written only by the sign-in code running as the service role.

create table private.sign_in_attempts (
  email text primary key,
  failed_count integer not null default 0 check (failed_count >= 0),
  last_failed_at timestamptz not null default now()
);
alter table private.sign_in_attempts enable row level security;
comment on table private.sign_in_attempts is 'Consecutive failed sign-ins per address; cleared on success.';
grant select, insert, update, delete on private.sign_in_attempts to service_role;
-- no policies for authenticated: service role only (it bypasses row-level security)
grant select on auth.users to service_role;
grant insert, update on auth.users to service_role;
