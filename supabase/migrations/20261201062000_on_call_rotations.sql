-- On-call rotations: who takes after-hours urgent calls. A rotation hands over
-- daily or weekly at a local time in its time zone, through its members in order;
-- a member may ask to swap one turn with another member, which a dispatcher or
-- admin approves (the audit trail records both). Who is on call at any instant is
-- computed from these rows by the engine (lib/engine/on-call.ts).

create table public.on_call_rotations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 120),
  cadence text not null check (cadence in ('daily', 'weekly')),
  -- the local time a turn hands over to the next member
  handover_time time not null default '08:00',
  time_zone text not null check (private.is_valid_time_zone(time_zone)),
  -- the local date of the first turn (member 1 from its handover time)
  starts_on date not null,
  created_at timestamptz not null default now(),
  unique (org_id, name),
  unique (org_id, id)
);
alter table public.on_call_rotations enable row level security;
comment on table public.on_call_rotations is 'An on-call rotation: daily or weekly turns handed over at a local time, members in order.';
create index on_call_rotations_org_id_idx on public.on_call_rotations (org_id);

create table public.on_call_members (
  org_id uuid not null references public.companies (id) on delete cascade,
  rotation_id uuid not null,
  technician_id uuid not null,
  position smallint not null check (position >= 0),
  primary key (rotation_id, technician_id),
  unique (rotation_id, position) deferrable initially deferred,
  foreign key (org_id, rotation_id) references public.on_call_rotations (org_id, id) on delete cascade,
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.on_call_members enable row level security;
comment on table public.on_call_members is 'The technicians of a rotation, in turn order.';
create index on_call_members_org_id_idx on public.on_call_members (org_id);
create index on_call_members_technician_id_idx on public.on_call_members (technician_id);

create table public.on_call_swaps (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  rotation_id uuid not null,
  -- the turn being swapped, by its start instant
  turn_starts_at timestamptz not null,
  from_technician_id uuid not null,
  to_technician_id uuid not null,
  reason text check (reason is null or length(reason) <= 500),
  status text not null default 'requested' check (status in ('requested', 'approved', 'declined')),
  requested_by uuid references auth.users (id) on delete set null,
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  check (from_technician_id <> to_technician_id),
  check ((status = 'requested') = (decided_at is null)),
  foreign key (org_id, rotation_id) references public.on_call_rotations (org_id, id) on delete cascade,
  foreign key (org_id, from_technician_id) references public.technicians (org_id, id) on delete cascade,
  foreign key (org_id, to_technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.on_call_swaps enable row level security;
comment on table public.on_call_swaps is 'A request to hand one on-call turn to another member, and its approval.';
create index on_call_swaps_org_id_idx on public.on_call_swaps (org_id);
create index on_call_swaps_rotation_turn_idx on public.on_call_swaps (rotation_id, turn_starts_at);
create unique index on_call_swaps_one_approved_per_turn on public.on_call_swaps (rotation_id, turn_starts_at) where status = 'approved';

-- Who asked and who decided are the signed-in people, whatever the client says.
create function private.stamp_on_call_swap() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if (select auth.uid()) is not null then
      new.requested_by := (select auth.uid());
    end if;
    new.status := 'requested';
    new.decided_by := null;
    new.decided_at := null;
  elsif new.status is distinct from old.status then
    if old.status <> 'requested' then
      raise exception 'that swap was already %', old.status using errcode = '23514';
    end if;
    new.decided_by := (select auth.uid());
    new.decided_at := now();
  end if;
  return new;
end
$$;
create trigger on_call_swaps_stamp before insert or update on public.on_call_swaps
  for each row execute function private.stamp_on_call_swap();

grant select, insert, update, delete on public.on_call_rotations, public.on_call_members to authenticated, service_role;
grant select, insert, update on public.on_call_swaps to authenticated, service_role;

create policy "Members can view their company's rotations"
  on public.on_call_rotations for select to authenticated using (org_id in (select private.member_org_ids()));
create policy "Dispatchers and admins can add rotations"
  on public.on_call_rotations for insert to authenticated
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
create policy "Dispatchers and admins can change rotations"
  on public.on_call_rotations for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])))
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
create policy "Dispatchers and admins can remove rotations"
  on public.on_call_rotations for delete to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));

create policy "Members can view their company's rotation members"
  on public.on_call_members for select to authenticated using (org_id in (select private.member_org_ids()));
create policy "Dispatchers and admins can add rotation members"
  on public.on_call_members for insert to authenticated
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
create policy "Dispatchers and admins can change rotation members"
  on public.on_call_members for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])))
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
create policy "Dispatchers and admins can remove rotation members"
  on public.on_call_members for delete to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));

-- Any member of the company may ask for a swap (a technician for their own turn,
-- enforced by the application); only dispatchers and admins decide.
create policy "Members can view their company's swaps"
  on public.on_call_swaps for select to authenticated using (org_id in (select private.member_org_ids()));
create policy "Members can request swaps"
  on public.on_call_swaps for insert to authenticated
  with check (org_id in (select private.member_org_ids()));
create policy "Dispatchers and admins can decide swaps"
  on public.on_call_swaps for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])))
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
-- no delete policy: swaps are history

do $$
declare
  t text;
begin
  foreach t in array array['on_call_rotations', 'on_call_swaps'] loop
    execute format(
      'create trigger %1$s_audit after insert or update or delete on public.%1$I
         for each row execute function private.audit_row()', t);
  end loop;
end
$$;
create trigger on_call_members_audit after insert or update or delete on public.on_call_members
  for each row execute function private.audit_row();
