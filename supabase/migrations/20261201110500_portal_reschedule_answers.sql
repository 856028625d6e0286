-- A customer's "another time" request names the day and time of day they would like,
-- and the dispatcher's answer is kept with it: moved (through the normal placement
-- path) or declined with a message the customer receives through the outbox.
-- The tracking page shows the answer; the review queue lists requests still open.

alter table public.portal_requests
  add column requested_date date,
  add column requested_window text check (requested_window in ('any', 'morning', 'afternoon')),
  add column answer text check (answer in ('moved', 'declined')),
  add column answer_message text check (answer_message is null or length(answer_message) <= 500),
  add column answered_at timestamptz,
  add column answered_by uuid references auth.users (id) on delete set null;

comment on column public.portal_requests.requested_date is 'The day the customer asked for with "another time" (their words are in customer_message).';
comment on column public.portal_requests.answer is 'How a dispatcher answered the customer''s last "another time" request: moved or declined.';

create index portal_requests_answered_by_idx on public.portal_requests (answered_by);
