-- The membership checks behind every row-level security policy, as PL/pgSQL.
--
-- A board change evaluates private.member_org_ids() about 25 times (once per table per
-- statement, policies and triggers included). As SQL functions that cannot be inlined
-- (security definer, fixed search_path), each call parsed and planned its query
-- afresh: ~0.2 ms a call, the largest single cost of a placement on a Postgres server.
-- PL/pgSQL keeps each query's plan for the session. Same queries, same answers, same
-- privileges.

create or replace function private.member_org_ids(roles text[] default null) returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select m.org_id from public.memberships m
     where m.user_id = (select auth.uid()) and (roles is null or m.role = any (roles));
end
$$;

create or replace function private.has_role(org uuid, roles text[]) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return exists (
    select 1 from public.memberships m
     where m.org_id = org
       and m.user_id = (select auth.uid())
       and m.role = any (roles)
  );
end
$$;

create or replace function private.is_member(org uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return exists (
    select 1 from public.memberships m
     where m.org_id = org and m.user_id = (select auth.uid())
  );
end
$$;
