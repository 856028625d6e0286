-- The delivery worker also reclaims rows left in 'sending' by a worker that died
-- (after their lease): index those too, so claiming stays an index scan.

drop index if exists public.notifications_due_idx;
create index notifications_due_idx on public.notifications (next_attempt_at)
  where status in ('pending', 'failed', 'sending');
